/**
 * `reperes`: the kiosk's command-line tools, for staff scripts and developers. Runs on plain
 * Node 22 (never Electron): `npx reperes …` (bin/reperes.mjs) or
 * `npm run reperes -- …` (`node --import tsx electron/cli/reperes.ts …`).
 *
 * Exit codes: 0 success, 1 runtime failure (database, disk…), 2 usage error. Each command
 * module is loaded only when asked for, after the Node version check, because
 * better-sqlite3 13 crashes the process on Node < 22 instead of throwing.
 */
import { parseArgs } from 'node:util';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A mistake in the command line: reported with the usage text, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export const MAIN_USAGE = `reperes — command-line tools for the Repères kiosk

Usage: reperes <command> [options]

Commands:
  simulate   Fill a kiosk database with simulated anonymous visits, walked through the
             real kiosk flow and stored by the kiosk's own session repository.

Run "reperes <command> --help" for the options of a command.
Exit codes: 0 success, 1 runtime failure, 2 usage error.`;

export const SIMULATE_USAGE = `Usage: reperes simulate --db <file> --sessions <N> --seed <S> [options]

Fill a kiosk database with N simulated visits. Each visit walks the real kiosk machine
(skip logic included) and is stored by the kiosk's session repository. The same seed gives
the same rows for the same --until and --months. The answer model is documented in
electron/cli/simulate.ts.

Required:
  --db <file>             SQLite database to create, or to migrate and append to
  --sessions <N>          number of visits (whole number, 0 or more)
  --seed <S>              random seed (whole number, 0 to 4294967295)

Options:
  --site <CODE>           site code to store in the kiosk settings (e.g. LABO)
  --abandon-rate <R>      share of visitors who quit before the end, 0 to 1 (default 0.15)
  --months <M>            spread the visits over the last M months (default 12)
  --until <YYYY-MM-DD>    last day of the period (default: today)
  -h, --help              show this help`;

type Command = (args: string[], output: Output) => Promise<number>;

function wholeNumber(name: string, value: string, usage: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`, usage);
  return Number(value);
}

function localDay(name: string, value: string, usage: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12) : null;
  // Round-trip check rejects 2026-02-30 and the like, which Date would silently roll over.
  if (!match || !date || date.getMonth() !== Number(match[2]) - 1 || date.getDate() !== Number(match[3])) {
    throw new UsageError(`--${name} must be a day written YYYY-MM-DD, got "${value}"`, usage);
  }
  return date;
}

const simulateCommand: Command = async (args, output) => {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        sessions: { type: 'string' },
        seed: { type: 'string' },
        site: { type: 'string' },
        'abandon-rate': { type: 'string' },
        months: { type: 'string' },
        until: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), SIMULATE_USAGE);
  }
  if (values.help) {
    output.out(SIMULATE_USAGE);
    return EXIT_OK;
  }
  for (const required of ['db', 'sessions', 'seed'] as const) {
    if (values[required] === undefined || values[required] === '') throw new UsageError(`--${required} is required`, SIMULATE_USAGE);
  }
  const rateText = values['abandon-rate'];
  if (rateText !== undefined && !/^(\d+(\.\d*)?|\.\d+)$/.test(rateText)) {
    throw new UsageError(`--abandon-rate must be a number between 0 and 1, got "${rateText}"`, SIMULATE_USAGE);
  }

  const { simulate, formatSummary, SimulationOptionError } = await import('./simulate');
  const file = values.db as string;
  const options = {
    db: file,
    sessions: wholeNumber('sessions', values.sessions as string, SIMULATE_USAGE),
    seed: wholeNumber('seed', values.seed as string, SIMULATE_USAGE),
    site: values.site,
    abandonRate: rateText === undefined ? undefined : Number(rateText),
    months: values.months === undefined ? undefined : wholeNumber('months', values.months, SIMULATE_USAGE),
    until: values.until === undefined ? undefined : localDay('until', values.until, SIMULATE_USAGE),
  };
  try {
    const summary = await simulate(options);
    output.out(formatSummary(summary, file));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof SimulationOptionError) throw new UsageError(error.message, SIMULATE_USAGE);
    throw error;
  }
};

const COMMANDS: Readonly<Record<string, Command>> = { simulate: simulateCommand };

export async function main(argv: readonly string[], output: Output = consoleOutput): Promise<number> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    output.err(`reperes needs Node.js 22 or newer (this is ${process.version}); run it through "npx reperes" or "npm run reperes" in the project folder.`);
    return EXIT_FAILURE;
  }
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? output.err : output.out)(MAIN_USAGE);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`, MAIN_USAGE);
    return await command(args, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`reperes${command ? ` ${name}` : ''}: ${error.message}\n`);
      output.err(error.usage);
      return EXIT_USAGE;
    }
    output.err(`reperes ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}

// Run when started as a program (`node --import tsx electron/cli/reperes.ts`); bin/reperes.mjs
// imports this module and calls main() itself.
if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
