/**
 * `reperes`: the kiosk's command-line tools, for staff scripts and developers. Runs on plain
 * Node 22 (never Electron): `npx reperes …` (bin/reperes.mjs) or
 * `npm run reperes -- …` (`node --import tsx electron/cli/reperes.ts …`).
 *
 * Exit codes: 0 success, 1 runtime failure (database, disk, a refused file…), 2 usage error
 * (including an argument that names the wrong thing: a kiosk database given to `publish`).
 * Each command module is loaded only when asked for, after the Node version check, because
 * better-sqlite3 13 crashes the process on Node < 22 instead of throwing.
 *
 * Every error says what to do. Everything printed goes through `printableBlock`, and every
 * value from a file or a kiosk through `printable`: no control character or bidirectional
 * override from a file name, a site name or a file's content reaches the terminal as such.
 */
import { parseArgs } from 'node:util';
import { printable, printableBlock } from '../../shared/printable';
import { DEFAULT_OVERDUE_DAYS, MAX_OVERDUE_DAYS, MIN_OVERDUE_DAYS } from '../../shared/analyst/kiosk-health';

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

/**
 * A mistake that is not about the syntax of the command line but about what an argument
 * names (a kiosk database given to `publish`): the sentence alone, exit code 2.
 */
export class ArgumentError extends Error {}

export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** Asks a question and returns the answer; absent (or null) when no one can answer (not a terminal). */
  ask?(question: string): Promise<string | null>;
}

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  async ask(question) {
    if (!process.stdin.isTTY) return null;
    const { createInterface } = await import('node:readline/promises');
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};

export const MAIN_USAGE = `reperes — command-line tools for the Repères kiosk

Usage: reperes <command> [options]

Commands:
  simulate   Fill a kiosk database with simulated anonymous visits, walked through the
             real kiosk flow and stored by the kiosk's own session repository.
  export     Write the sessions not yet exported as a signed aggregate bundle (counts
             only) with its CSV views, as the staff area's export button does.
  verify     Check export bundles (files or folders): schema, SHA-256, Ed25519 signature,
             plausible dates and tables; shows each kiosk's key fingerprint.
  import     Analysts: import export bundles into an analyst database (checked, signed,
             deduplicated; one transaction per file).
  kiosks     Analysts: list the kiosks of an analyst database (site, key fingerprint,
             exports, epochs, missing sequences, last import).
  remove     Analysts: take a kiosk or one export out of an analyst database (undo an
             import); importing the same files again brings it back.
  publish    Analysts: write the open-data files (CSV, XLSX, charts, report) with
             statistical disclosure control.
  pack       The agglomeration: a signed configuration pack for its kiosks (help places
             from the national "lieux de médiation numérique" file, settings, opening
             hours); "pack keygen" makes the agglomeration's key.

Run "reperes help <command>" (or "reperes <command> --help") for the options of a command.
Exit codes: 0 success, 1 runtime failure or a refused file, 2 usage error.`;

export const SIMULATE_USAGE = `Usage: reperes simulate --db <file> --sessions <N> --seed <S> [options]

Fill a kiosk database with N simulated visits. Each visit walks the real kiosk machine
(skip logic included) and is stored by the kiosk's session repository. The same seed gives
the same rows for the same --until and --months. The visitors are a population with one
latent skill each, calibrated by default on INSEE 2021 illectronisme by age band; the model
and its sources are in shared/simulation/population.ts.

Required:
  --db <file>             SQLite database to create, or to migrate and append to
  --sessions <N>          number of visits (whole number, 0 or more)
  --seed <S>              random seed (whole number, 0 to 4294967295)

Options:
  --site <CODE>           site code to store in the kiosk settings (e.g. LABO)
  --abandon-rate <R>      average share of visitors who quit before the end, 0 to 1
                          (default 0.15; the less skilled quit more often)
  --months <M>            spread the visits over the last M months (default 12)
  --until <YYYY-MM-DD>    last day of the period (default: today)
  -h, --help              show this help`;

export const EXPORT_USAGE = `Usage: reperes export --db <kiosk.db> --out <dir>

Close the kiosk database's open period of counts (every visit counted since the previous
export) and write it as a signed bundle "reperes-aggregates" (counts only,
docs/export-format.md) with its CSV views, into <dir>, and print the kiosk's key fingerprint.
The period counts as exported only once the files are written, read back and verified: after
a failure, nothing is lost; the message says what to do. A database behind the exports its
identity file (beside it) recorded (restored from a backup, recovered or new) first opens a
new export epoch: sequences start again at 1, and its counts already delivered are not
exported again.

Required:
  --db <file>             the kiosk's SQLite database (not an analyst database)
  --out <dir>             destination folder (created if needed; not a file)

Options:
  -h, --help              show this help`;

export const VERIFY_USAGE = `Usage: reperes verify [--public-key <base64>] <file-or-folder>…

Check export bundles (reperes-*.json files, or folders holding them, sub-folders included)
with the import's own checks: size, UTF-8, JSON depth, duplicate and forbidden keys, format,
schema (docs/reperes-aggregates.schema.json), the SHA-256 of the canonical content, the
Ed25519 signature, then plausible dates, tables consistent with the visit count, and counts
within bounds. Prints each bundle's kiosk and key fingerprint. Exits 0 when every file
holds, 1 with each reason otherwise.

Options:
  --public-key <base64>   also require every bundle to be signed by this kiosk key (SPKI DER,
                          base64, as in kiosk.publicKey; compared as bytes)
  -h, --help              show this help`;

export const IMPORT_USAGE = `Usage: reperes import --db <analyst.db> [--trust-new] <file-or-folder>…

Import export bundles (reperes-*.json, or folders holding them, sub-folders included) into the
analyst database (created if needed, in a folder that must exist). Each file is checked:
size (5 MB at most), UTF-8, JSON depth, duplicate and forbidden keys, format and version,
schema, SHA-256 and Ed25519 signature, then plausible dates (not before 2021-07, not after
the import day plus a month, created after the period), tables consistent with the visit
count and with one another, counts within bounds, and one questionnaire id per database. A
kiosk seen for the first time is registered only with --trust-new (compare its key fingerprint
with the kiosk's staff status screen first); a known kiosk presenting another key is refused.
The same bundle imported twice is a duplicate and changes nothing; a kiosk restored from a
backup starts a new epoch, reported. Every file is its own transaction: a refused file
changes nothing. Exits 1 when any file is refused or a path holds no export file.

Required:
  --db <file>             the analyst's SQLite database (not a kiosk database)

Options:
  --trust-new             register kiosks seen for the first time
  -h, --help              show this help`;

export const KIOSKS_USAGE = `Usage: reperes kiosks --db <analyst.db> [--kiosk <pseudonym>] [--overdue-days <N>]

List the kiosks registered in an analyst database: pseudonym, site, key fingerprint, exports
and sessions, months covered, first and last import, for each epoch its sequences and the
missing ones, and the health its newest export reported (versions, restarts and crash
recoveries, staff alerts, free disk, database size, last backup). A kiosk with no export for
more than the set number of days is flagged OVERDUE. With --kiosk, also list that kiosk's
exports with their ids (for remove --bundle).

Required:
  --db <file>             the analyst's SQLite database

Options:
  --kiosk <pseudonym>     the exports of one kiosk (K-XXXXX-XXXXX)
  --overdue-days <N>      flag kiosks with no export for more than N days, for this listing
                          (default: the analyst window's setting, ${DEFAULT_OVERDUE_DAYS} if never set)
  -h, --help              show this help`;

export const REMOVE_USAGE = `Usage: reperes remove --db <analyst.db> (--kiosk <pseudonym> | --bundle <export id>) [--yes]

Undo an import: take a kiosk (its registration and every export it sent) or one export out of
the analyst database, in one transaction. The next publication no longer counts it. Asks for
confirmation, unless --yes is given. Importing the same files again brings it back (a removed
kiosk must then be trusted again: --trust-new).

Required:
  --db <file>             the analyst's SQLite database
  --kiosk <pseudonym>     remove this kiosk and all its exports, or
  --bundle <export id>    remove this one export (ids: reperes kiosks --db <file> --kiosk <pseudonym>)

Options:
  --yes                   remove without asking (for scripts)
  -h, --help              show this help`;

export const PUBLISH_USAGE = `Usage: reperes publish --db <analyst.db> --out <dir> [--k <K>]

Write the open-data publication of everything imported into <dir>: a tidy CSV (one
indicator per row, INSEE commune codes), an XLSX workbook, the charts as SVG and PNG, and a
printable report (HTML and PDF). Counts under K, and the cells that would reveal them from
the totals, are hidden. PNG and PDF need Chromium (set CHROME_PATH if it is not found).

Required:
  --db <file>             the analyst's SQLite database (not a kiosk database)
  --out <dir>             destination folder (created if needed; not a file)

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
                          helpChimeVolume, helpChimeRepeatS, helpChimeMaxRings, helpPromise,
                          smallCellK, openingHours, dailyRestart, and
                          "sites": { "<SITE-CODE>": { "openingHours": "...", "dailyRestart": "04:00",
                                                      "helpPromise": "showReception" } }
                          (and "directory" when --places is not given)
  --sequence <N>          the pack's number (default: the current time in seconds); kiosks
                          refuse a pack older than one they applied
  --description <text>    shown to staff before they apply the pack
  --recovery-code         put a new recovery code in the pack and print it (for a kiosk that
                          lost its identity, or to renew codes)
  --no-audio              do not record the places (by default they are recorded, names and
                          addresses in the French voice, phone numbers in each language's,
                          when espeak-ng and opusenc are on PATH; otherwise kiosks say them
                          with their local voice)
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

/** What a `--db` argument must be for a command, checked before anything opens it. */
type Expected = 'kiosk' | 'analyst' | 'analystOrNew';

/**
 * Refuses a `--db` that is not what the command reads, with what the file is and what to do;
 * for `analystOrNew`, a missing file may be created, but never its folder.
 */
async function requireDatabase(file: string, expected: Expected): Promise<void> {
  const { databaseKind, describeKind, missingParent } = await import('./database-kind');
  const kind = databaseKind(file);
  const shown = printable(file);
  if (kind === 'missing') {
    if (expected !== 'analystOrNew') {
      throw new ArgumentError(
        expected === 'kiosk'
          ? `--db ${shown} does not exist: give the kiosk's database file (a copy of reperes.db from the kiosk)`
          : `--db ${shown} does not exist: import the kiosks' exports into it first (reperes import --db ${shown} <folder>)`,
      );
    }
    const parent = missingParent(file);
    if (parent !== null) throw new ArgumentError(`the folder ${printable(parent)} does not exist: create it first, or give --db a file in an existing folder (nothing was created)`);
    return;
  }
  const what = describeKind(shown, kind);
  if (kind === 'kiosk' && expected !== 'kiosk') {
    throw new ArgumentError(`${what}, not an analyst database: export its visits first (reperes export --db ${shown} --out <folder>), then import that folder into an analyst database (reperes import --db <analyst.db> <folder>)`);
  }
  if (kind === 'analyst' && expected === 'kiosk') {
    throw new ArgumentError(`${what}, not a kiosk database: export reads a kiosk's database; for an analyst database use reperes kiosks, publish or remove`);
  }
  if (kind === 'kiosk' || kind === 'analyst') return;
  if (kind === 'empty' && expected === 'analystOrNew') return;
  if (kind === 'empty' && expected === 'analyst') throw new ArgumentError(`${what}: nothing has been imported into it yet; import the kiosks' exports first (reperes import --db ${shown} <folder>)`);
  throw new ArgumentError(`${what}: give ${expected === 'kiosk' ? "a kiosk's database (reperes.db)" : 'an analyst database (made by reperes import or the analyst window)'}`);
}

/** The `--out` folder, created and checked writable before any work; its problem said plainly. */
async function requireDestination(path: string): Promise<string> {
  const { prepareDestination } = await import('./destination');
  const destination = await prepareDestination(path);
  if (!destination.ok) throw new ArgumentError(destination.message);
  return destination.folder;
}

const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

const exportCommand: Command = async (args, output) => {
  const { values } = parseOrUsage(EXPORT_USAGE, () =>
    parseArgs({ args, strict: true, allowPositionals: false, options: { db: { type: 'string' }, out: { type: 'string' }, ...helpOption } }),
  );
  if (values.help) {
    output.out(EXPORT_USAGE);
    return EXIT_OK;
  }
  if (!values.db) throw new UsageError('--db is required', EXPORT_USAGE);
  if (!values.out) throw new UsageError('--out is required', EXPORT_USAGE);
  await requireDatabase(values.db, 'kiosk');
  const folder = await requireDestination(values.out);
  const { runExport } = await import('./export-command');
  const result = await runExport(values.db, folder);
  for (const line of result.lines) (result.ok ? output.out : output.err)(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const verifyCommand: Command = async (args, output) => {
  const { values, positionals } = parseOrUsage(VERIFY_USAGE, () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { 'public-key': { type: 'string' }, ...helpOption } }),
  );
  if (values.help) {
    output.out(VERIFY_USAGE);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('give at least one bundle file or folder', VERIFY_USAGE);
  const key = values['public-key'];
  if (key !== undefined) {
    const { decodeBase64 } = await import('../../shared/key-fingerprint');
    if (decodeBase64(key) === null) throw new UsageError('--public-key must be base64 (as kiosk.publicKey in a bundle)', VERIFY_USAGE);
  }
  const { runVerify } = await import('./verify-command');
  const result = await runVerify(positionals, key);
  for (const line of result.lines) output.out(line);
  for (const line of result.errors) output.err(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const importCommand: Command = async (args, output) => {
  const { values, positionals } = parseOrUsage(IMPORT_USAGE, () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { db: { type: 'string' }, 'trust-new': { type: 'boolean' }, ...helpOption } }),
  );
  if (values.help) {
    output.out(IMPORT_USAGE);
    return EXIT_OK;
  }
  if (!values.db) throw new UsageError('--db is required', IMPORT_USAGE);
  if (positionals.length === 0) throw new UsageError('give at least one bundle file or folder', IMPORT_USAGE);
  await requireDatabase(values.db, 'analystOrNew');
  const { runImport } = await import('./analyst-commands');
  const result = await runImport(values.db, positionals, { trustNew: values['trust-new'] === true });
  for (const line of result.lines) output.out(line);
  for (const line of result.errors) output.err(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const publishCommand: Command = async (args, output) => {
  const { values } = parseOrUsage(PUBLISH_USAGE, () =>
    parseArgs({ args, strict: true, allowPositionals: false, options: { db: { type: 'string' }, out: { type: 'string' }, k: { type: 'string' }, ...helpOption } }),
  );
  if (values.help) {
    output.out(PUBLISH_USAGE);
    return EXIT_OK;
  }
  if (!values.db) throw new UsageError('--db is required', PUBLISH_USAGE);
  if (!values.out) throw new UsageError('--out is required', PUBLISH_USAGE);
  const k = values.k === undefined ? 5 : wholeNumber('k', values.k, PUBLISH_USAGE);
  if (k < 3 || k > 20) throw new UsageError(`--k must be between 3 and 20, got ${k}`, PUBLISH_USAGE);
  await requireDatabase(values.db, 'analyst');
  const folder = await requireDestination(values.out);
  const { runPublish } = await import('./publish-command');
  const result = await runPublish(values.db, folder, k);
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
        'no-audio': { type: 'boolean' },
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
      ...(values['no-audio'] ? { audio: false } : {}),
    });
  }
  for (const line of result.lines) output.out(line);
  for (const line of result.errors) output.err(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const PSEUDONYM = /^K-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const kiosksCommand: Command = async (args, output) => {
  const { values } = parseOrUsage(KIOSKS_USAGE, () =>
    parseArgs({ args, strict: true, allowPositionals: false, options: { db: { type: 'string' }, kiosk: { type: 'string' }, 'overdue-days': { type: 'string' }, ...helpOption } }),
  );
  if (values.help) {
    output.out(KIOSKS_USAGE);
    return EXIT_OK;
  }
  const overdueDays = values['overdue-days'] === undefined ? undefined : wholeNumber('overdue-days', values['overdue-days'], KIOSKS_USAGE);
  if (overdueDays !== undefined && (overdueDays < MIN_OVERDUE_DAYS || overdueDays > MAX_OVERDUE_DAYS)) {
    throw new UsageError(`--overdue-days must be between ${MIN_OVERDUE_DAYS} and ${MAX_OVERDUE_DAYS}, got ${overdueDays}`, KIOSKS_USAGE);
  }
  if (!values.db) throw new UsageError('--db is required', KIOSKS_USAGE);
  if (values.kiosk !== undefined && !PSEUDONYM.test(values.kiosk)) throw new UsageError(`--kiosk must be a kiosk pseudonym K-XXXXX-XXXXX, got "${printable(values.kiosk)}"`, KIOSKS_USAGE);
  await requireDatabase(values.db, 'analyst');
  const { runKiosks } = await import('./analyst-commands');
  const result = runKiosks(values.db, values.kiosk, overdueDays);
  for (const line of result.lines) output.out(line);
  for (const line of result.errors) output.err(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const removeCommand: Command = async (args, output) => {
  const { values } = parseOrUsage(REMOVE_USAGE, () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { db: { type: 'string' }, kiosk: { type: 'string' }, bundle: { type: 'string' }, yes: { type: 'boolean' }, ...helpOption },
    }),
  );
  if (values.help) {
    output.out(REMOVE_USAGE);
    return EXIT_OK;
  }
  if (!values.db) throw new UsageError('--db is required', REMOVE_USAGE);
  if ((values.kiosk === undefined) === (values.bundle === undefined)) throw new UsageError('give either --kiosk <pseudonym> or --bundle <export id>', REMOVE_USAGE);
  if (values.kiosk !== undefined && !PSEUDONYM.test(values.kiosk)) throw new UsageError(`--kiosk must be a kiosk pseudonym K-XXXXX-XXXXX, got "${printable(values.kiosk)}"`, REMOVE_USAGE);
  if (values.bundle !== undefined && !UUID.test(values.bundle)) throw new UsageError(`--bundle must be an export id (a UUID, from reperes kiosks --kiosk <pseudonym>), got "${printable(values.bundle)}"`, REMOVE_USAGE);
  await requireDatabase(values.db, 'analyst');
  const target = values.kiosk !== undefined ? { kiosk: values.kiosk } : { bundle: (values.bundle as string).toLowerCase() };
  const { describeRemoval, runRemove } = await import('./analyst-commands');
  const what = describeRemoval(values.db, target);
  if (what === null) {
    const result = runRemove(values.db, target);
    for (const line of result.errors) output.err(line);
    return EXIT_FAILURE;
  }
  if (values.yes !== true) {
    const answer = (await output.ask?.(`Remove ${what} from ${printable(values.db)}? Type "yes" to confirm: `)) ?? null;
    if (answer === null) throw new ArgumentError(`not removed: this would remove ${what}; confirm in a terminal, or add --yes`);
    if (answer.trim().toLowerCase() !== 'yes') {
      output.err('not removed: the answer was not "yes"; nothing was changed');
      return EXIT_FAILURE;
    }
  }
  const result = runRemove(values.db, target);
  for (const line of result.lines) output.out(line);
  for (const line of result.errors) output.err(line);
  return result.ok ? EXIT_OK : EXIT_FAILURE;
};

const COMMANDS: Readonly<Record<string, Command>> = {
  simulate: simulateCommand,
  export: exportCommand,
  verify: verifyCommand,
  import: importCommand,
  kiosks: kiosksCommand,
  remove: removeCommand,
  publish: publishCommand,
  pack: packCommand,
};

const USAGES: Readonly<Record<string, string>> = {
  simulate: SIMULATE_USAGE,
  export: EXPORT_USAGE,
  verify: VERIFY_USAGE,
  import: IMPORT_USAGE,
  kiosks: KIOSKS_USAGE,
  remove: REMOVE_USAGE,
  publish: PUBLISH_USAGE,
  pack: PACK_USAGE,
};

/** Every line printed goes through printableBlock: only line breaks pass as they are. */
function safeOutput(output: Output): Output {
  return {
    out: (line) => output.out(printableBlock(line)),
    err: (line) => output.err(printableBlock(line)),
    ...(output.ask ? { ask: (question: string) => (output.ask as NonNullable<Output['ask']>)(printableBlock(question)) } : {}),
  };
}

export async function main(argv: readonly string[], rawOutput: Output = consoleOutput): Promise<number> {
  const output = safeOutput(rawOutput);
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 22) {
    output.err(`reperes needs Node.js 22 or newer (this is ${process.version}); run it through "npx reperes" or "npm run reperes" in the project folder.`);
    return EXIT_FAILURE;
  }
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    (name === undefined ? output.err : output.out)(MAIN_USAGE);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === 'help') {
    const topic = args[0];
    if (topic === undefined) {
      output.out(MAIN_USAGE);
      return EXIT_OK;
    }
    const usage = Object.hasOwn(USAGES, topic) ? USAGES[topic] : undefined;
    if (usage === undefined) {
      output.err(`reperes help: unknown command "${printable(topic)}"\n`);
      output.err(MAIN_USAGE);
      return EXIT_USAGE;
    }
    output.out(usage);
    return EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  try {
    if (!command) throw new UsageError(`unknown command "${printable(name)}"`, MAIN_USAGE);
    return await command(args, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`reperes${command ? ` ${name}` : ''}: ${printable(error.message)}\n`);
      output.err(error.usage);
      return EXIT_USAGE;
    }
    if (error instanceof ArgumentError) {
      output.err(`reperes ${name}: ${error.message}`);
      return EXIT_USAGE;
    }
    output.err(`reperes ${name}: ${error instanceof Error ? printable(error.message) : printable(String(error))}`);
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
