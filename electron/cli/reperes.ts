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
  export     Write the sessions not yet exported as a signed aggregate bundle (counts
             only) with its CSV views, as the staff area's export button does.
  verify     Check an export bundle: schema, SHA-256 and Ed25519 signature.
  import     Analysts: import export bundles into an analyst database (checked, signed,
             deduplicated; one transaction per file).
  publish    Analysts: write the open-data files (CSV, XLSX, charts, report) with
             statistical disclosure control.
  pack       The agglomeration: a signed configuration pack for its kiosks (help places
             from the national "lieux de médiation numérique" file, settings, opening
             hours); "pack keygen" makes the agglomeration's key.

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

export const EXPORT_USAGE = `Usage: reperes export --db <file> --out <dir>

Write every session stored since the previous export of this database as a signed bundle
"reperes-aggregates" (counts only, docs/export-format.md) with its CSV views, into <dir>.
The watermark moves only once the files are written, read back and verified: after a
failure, run the same command again. Sessions older than the retention setting and covered
by a verified export are then deleted, as on the kiosk.

Required:
  --db <file>             the kiosk's SQLite database
  --out <dir>             destination folder (created if needed)

Options:
  -h, --help              show this help`;

export const VERIFY_USAGE = `Usage: reperes verify <bundle.json> [--public-key <base64>]

Check an export bundle: JSON, schema (docs/reperes-aggregates.schema.json), the SHA-256 of
its canonical content and its Ed25519 signature. Exits 0 when all hold, 1 with the reason
otherwise.

Options:
  --public-key <base64>   also require the bundle to be signed by this kiosk key (SPKI DER,
                          base64, as in kiosk.publicKey of the kiosk's first bundle)
  -h, --help              show this help`;

export const IMPORT_USAGE = `Usage: reperes import --db <analyst.db> [--trust-new] <file-or-folder>…

Import export bundles (reperes-*.json, or folders holding them) into the analyst database
(created if needed). Each file is checked: size (5 MB at most), UTF-8, JSON depth and keys,
format and version, schema, SHA-256 and Ed25519 signature. A kiosk seen for the first time
is registered only with --trust-new (compare its key fingerprint with the kiosk first); a
known kiosk presenting another key is refused. The same bundle imported twice is reported
as a duplicate and changes nothing; missing sequences and overlapping periods are reported.
Every file is its own transaction. Exits 1 when any file is rejected.

Required:
  --db <file>             the analyst's SQLite database

Options:
  --trust-new             register kiosks seen for the first time
  -h, --help              show this help`;

export const PUBLISH_USAGE = `Usage: reperes publish --db <analyst.db> --out <dir> [--k <K>]

Write the open-data publication of everything imported into <dir>: a tidy CSV (one
indicator per row, INSEE commune codes), an XLSX workbook, the charts as SVG and PNG, and a
printable report (HTML and PDF). Counts under K, and the cells that would reveal them from
the totals, are hidden. PNG and PDF need Chromium (set CHROME_PATH if it is not found).

Required:
  --db <file>             the analyst's SQLite database
  --out <dir>             destination folder (created if needed)

Options:
  --k <K>                 disclosure threshold, 3 to 20 (default 5)
  -h, --help              show this help`;

export const PACK_USAGE = `Usage: reperes pack --key <private-key.json> --out <dir> [options]
       reperes pack keygen --out <dir> [--issuer <name>]

"pack keygen" writes the agglomeration's key pair into <dir>: reperes-cle-agglomeration-PRIVEE.json
(keep it private and backed up) and reperes-cle-agglomeration.json (the public key kiosks trust
at installation), and prints the key's fingerprint. It never overwrites an existing key.

"pack" writes reperes-paquet-<sequence>.json into <dir>, signed with the private key: the help
directory, kiosk settings and per-site opening hours. Kiosks read it from a USB stick in
their staff area, show what changes, and apply it (docs/deploiement.md).

Options:
  --places <lieux.csv>    help places from a file in the national "lieux de médiation
                          numérique" format (schema v1.0.x); only the 55 communes of the
                          agglomeration are kept
  --settings <file.json>  settings: enabledLanguages, idleDelayS, warningDelayS, helpChime,
                          smallCellK, retentionMonths, openingHours, dailyRestart, and
                          "sites": { "<SITE-CODE>": { "openingHours": "...", "dailyRestart": "04:00" } }
                          (and "directory" when --places is not given)
  --sequence <N>          the pack's number (default: the current time in seconds); kiosks
                          refuse a pack older than one they applied
  --description <text>    shown to staff before they apply the pack
  --recovery-code         put a new recovery code in the pack and print it (for a kiosk that
                          lost its identity, or to renew codes)
  --issuer <name>         (keygen) who signs, shown to staff (default: Communauté d'Agglomération de Cambrai)
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
  const { simulate, formatSummary, SimulationOptionError } = await import('./simulate');
  try {
    const summary = await simulate(options);
    output.out(formatSummary(summary, file));
    return EXIT_OK;
  } catch (error) {
    if (error instanceof SimulationOptionError) throw new UsageError(error.message, SIMULATE_USAGE);
    throw error;
  }
};

function parseOrUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), usage);
  }
}

const exportCommand: Command = async (args, output) => {
  const { values } = parseOrUsage(EXPORT_USAGE, () =>
    parseArgs({ args, strict: true, allowPositionals: false, options: { db: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }),
  );
  if (values.help) {
    output.out(EXPORT_USAGE);
    return EXIT_OK;
  }
  if (!values.db) throw new UsageError('--db is required', EXPORT_USAGE);
  if (!values.out) throw new UsageError('--out is required', EXPORT_USAGE);
  const { existsSync } = await import('node:fs');
  if (!existsSync(values.db)) throw new UsageError(`--db ${values.db} does not exist`, EXPORT_USAGE);
  const { runExport } = await import('./export-commands');
  const result = await runExport(values.db, values.out);
  for (const line of result.lines) (result.ok ? output.out : output.err)(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const verifyCommand: Command = async (args, output) => {
  const { values, positionals } = parseOrUsage(VERIFY_USAGE, () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { 'public-key': { type: 'string' }, help: { type: 'boolean', short: 'h' } } }),
  );
  if (values.help) {
    output.out(VERIFY_USAGE);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one bundle file', VERIFY_USAGE);
  const { runVerify } = await import('./export-commands');
  const result = await runVerify(positionals[0] as string, values['public-key']);
  for (const line of result.lines) (result.ok ? output.out : output.err)(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const importCommand: Command = async (args, output) => {
  const { values, positionals } = parseOrUsage(IMPORT_USAGE, () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { db: { type: 'string' }, 'trust-new': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }),
  );
  if (values.help) {
    output.out(IMPORT_USAGE);
    return EXIT_OK;
  }
  if (!values.db) throw new UsageError('--db is required', IMPORT_USAGE);
  if (positionals.length === 0) throw new UsageError('give at least one bundle file or folder', IMPORT_USAGE);
  const { runImport } = await import('./analyst-commands');
  const result = await runImport(values.db, positionals, { trustNew: values['trust-new'] === true });
  for (const line of result.lines) output.out(line);
  for (const line of result.errors) output.err(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const publishCommand: Command = async (args, output) => {
  const { values } = parseOrUsage(PUBLISH_USAGE, () =>
    parseArgs({ args, strict: true, allowPositionals: false, options: { db: { type: 'string' }, out: { type: 'string' }, k: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }),
  );
  if (values.help) {
    output.out(PUBLISH_USAGE);
    return EXIT_OK;
  }
  if (!values.db) throw new UsageError('--db is required', PUBLISH_USAGE);
  if (!values.out) throw new UsageError('--out is required', PUBLISH_USAGE);
  const k = values.k === undefined ? 5 : wholeNumber('k', values.k, PUBLISH_USAGE);
  if (k < 3 || k > 20) throw new UsageError(`--k must be between 3 and 20, got ${k}`, PUBLISH_USAGE);
  const { existsSync } = await import('node:fs');
  if (!existsSync(values.db)) throw new UsageError(`--db ${values.db} does not exist`, PUBLISH_USAGE);
  const { runPublish } = await import('./analyst-commands');
  const result = await runPublish(values.db, values.out, k);
  for (const line of result.lines) output.out(line);
  for (const line of result.errors) output.err(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const packCommand: Command = async (args, output) => {
  const keygen = args[0] === 'keygen';
  const { values } = parseOrUsage(PACK_USAGE, () =>
    parseArgs({
      args: keygen ? args.slice(1) : args,
      strict: true,
      allowPositionals: false,
      options: {
        key: { type: 'string' },
        out: { type: 'string' },
        places: { type: 'string' },
        settings: { type: 'string' },
        sequence: { type: 'string' },
        description: { type: 'string' },
        issuer: { type: 'string' },
        'recovery-code': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }),
  );
  if (values.help) {
    output.out(PACK_USAGE);
    return EXIT_OK;
  }
  if (!values.out) throw new UsageError('--out is required', PACK_USAGE);
  const { existsSync } = await import('node:fs');
  const { runKeygen, runPack } = await import('./pack-commands');
  let result;
  if (keygen) result = runKeygen(values.out, values.issuer ?? "Communauté d'Agglomération de Cambrai");
  else {
    if (!values.key) throw new UsageError('--key is required (make one with "reperes pack keygen")', PACK_USAGE);
    for (const name of ['key', 'places', 'settings'] as const) {
      const path = values[name];
      if (path !== undefined && !existsSync(path)) throw new UsageError(`--${name} ${path} does not exist`, PACK_USAGE);
    }
    result = await runPack({
      key: values.key,
      out: values.out,
      ...(values.places !== undefined ? { places: values.places } : {}),
      ...(values.settings !== undefined ? { settings: values.settings } : {}),
      ...(values.sequence !== undefined ? { sequence: wholeNumber('sequence', values.sequence, PACK_USAGE) } : {}),
      ...(values.description !== undefined ? { description: values.description } : {}),
      ...(values['recovery-code'] ? { recoveryCode: true } : {}),
    });
  }
  for (const line of result.lines) output.out(line);
  for (const line of result.errors) output.err(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const COMMANDS: Readonly<Record<string, Command>> = { simulate: simulateCommand, export: exportCommand, verify: verifyCommand, import: importCommand, publish: publishCommand, pack: packCommand };

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
// and the tests import this module and call main() themselves (under an ES module loader
// such as vitest's, `require` does not exist).
if (typeof require !== 'undefined' && require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
