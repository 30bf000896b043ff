/**
 * The kiosk's own log: what happened to the machine, for staff and support, never what a
 * citizen did or said (docs/privacy.md; the rule is written out in docs/guide-personnel.md,
 * "Journal et dossier d'assistance").
 *
 * Library: `rotating-file-stream` (MIT, no dependencies, maintained since 2016, types
 * included). It is a plain `stream.Writable` over Node's `fs`, so the same code runs in
 * Electron's main process, in the browser harness of the tests and in plain Node; it rotates
 * by size and by day and removes the oldest rotated files past a count, which is all a kiosk
 * needs. pino (+ pino-roll) moves writing into a worker thread loaded by file path, which a
 * bundled main process makes fragile; winston (+ winston-daily-rotate-file) brings a dozen
 * dependencies for the same result. See THIRD_PARTY_NOTICES.md.
 *
 * Files: `<userData>/logs/reperes.log` (current) and at most LOG_MAX_ROTATED older files of
 * about LOG_FILE_SIZE each (rotated at that size and every day): about 7 × 1 MB in all.
 *
 * Lines are JSON: {"time":"2026-11-20T11:34Z","level":"warn","event":"export.failed",...}.
 * The time is kept to the minute: it dates what the machine did, and a finer time would
 * only make it easier to link a line (say, a full disk refusing a visit) to a person seen
 * at the kiosk. Every detail goes through `sanitize`, an allow-list: a field it does not
 * know, or a value of the wrong shape, is dropped and only counted (`redacted`). No answer,
 * PIN, free text, session content or path outside the user-data folder can reach a file.
 *
 * Logging never throws and never blocks a caller: if the log folder cannot be written (full
 * or read-only disk), lines are kept in memory (the last LOG_MEMORY_LINES) and the kiosk
 * goes on.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { isChannel } from '../../shared/ipc/contract';
import { settingsSchema } from '../../shared/settings/schema';
import type { LogDetailValue, LogEntry, LogLevel } from '../../shared/staff/types';

export const LOG_DIR = 'logs';
export const LOG_FILE = 'reperes.log';
export const LOG_FILE_SIZE = '1M';
export const LOG_MAX_ROTATED = 6;
/** Lines kept in memory for the staff journal when the log folder cannot be written. */
export const LOG_MEMORY_LINES = 200;
/** How many lines the staff journal shows by default. */
export const LOG_TAIL_DEFAULT = 200;

/** Every event the kiosk logs. A line with any other event is written as 'log.unknownEvent'. */
export const LOG_EVENTS = [
  'app.start',
  'db.recovered',
  'storage.refused',
  'storage.recovered',
  'backup.done',
  'backup.failed',
  'export.written',
  'export.reissued',
  'export.failed',
  'export.cancelled',
  'export.newEpoch',
  'staff.pinSet',
  'staff.pinChanged',
  'staff.unlocked',
  'staff.wrongPin',
  'staff.lockedOut',
  'staff.recovered',
  'staff.wrongRecoveryCode',
  'staff.recoveryCodeRenewed',
  'identity.created',
  'identity.restored',
  'identity.lost',
  'identity.failed',
  'pack.applied',
  'pack.refused',
  'pack.rolledBack',
  'pack.keyTrusted',
  'pack.recoveryCode',
  'settings.changed',
  'ipc.internalError',
  'support.written',
  'support.failed',
  'window.neverPainted',
  'log.unknownEvent',
] as const;
export type LogEvent = (typeof LOG_EVENTS)[number];

export type LogDetails = Record<string, unknown>;

export interface Logger {
  /** The folder of the log files. */
  readonly dir: string;
  info(event: LogEvent, details?: LogDetails): void;
  warn(event: LogEvent, details?: LogDetails): void;
  error(event: LogEvent, details?: LogDetails): void;
  /** The newest `limit` entries, newest first: the current file, then older ones if needed. */
  recent(limit?: number): Promise<LogEntry[]>;
  /** Names of the log files in `dir`, oldest first (the current file last). */
  files(): string[];
  /** Resolves once every line logged so far is on disk (or known to have failed). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface LoggerOptions {
  /** Folder of the log files, created if needed. */
  dir: string;
  /** Paths under this folder may be logged, relative to it; every other path is redacted. */
  userDataDir?: string;
  now?: () => Date;
  /** Tests: rotate sooner. rotating-file-stream syntax ('1M', '300B'). */
  fileSize?: string;
  maxRotated?: number;
  /** Tests: no daily rotation timer. */
  daily?: boolean;
}

// ---------------------------------------------------------------------------------------
// sanitize: the allow-list

const SETTINGS_KEYS = new Set(Object.keys(settingsSchema.shape));
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function matching(pattern: RegExp) {
  return (value: unknown): string | undefined => (typeof value === 'string' && pattern.test(value) ? value : undefined);
}

/** A path inside the user-data folder, as a relative path; anything else is refused. */
function userDataPath(value: unknown, userDataDir: string | undefined): string | undefined {
  if (typeof value !== 'string' || !userDataDir) return undefined;
  const rel = relative(userDataDir, value);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  const portable = rel.split(sep).join('/');
  return /^[A-Za-z0-9._/-]{1,200}$/.test(portable) ? portable : undefined;
}

/**
 * An error message, made safe: one line, at most MESSAGE_MAX characters, with the user-data
 * folder shown as `<userData>`, every other path as `<path>`, quoted text as '…', and every
 * word holding a digit or written in capitals (a PIN, an answer code such as A60_74, an
 * INSEE code) as `#`, except errno and SQLite codes.
 */
export const MESSAGE_MAX = 160;
export function scrubMessage(value: unknown, userDataDir?: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.split(/\r?\n/, 1)[0] ?? '';
  if (userDataDir) text = text.split(userDataDir).join('<userData>');
  text = text.replace(/(["'`‘“«])[^"'`’”»]*(["'`’”»])/g, '$1…$2');
  text = text
    .split(/(\s+)/)
    .map((word) => {
      if (/^\s*$/.test(word)) return word;
      if (word.startsWith('<userData>')) return word;
      if (/[\\/]/.test(word)) return '<path>';
      const bare = word.replace(/^[([{]+|[)\]},.:;!?]+$/g, '');
      if (/^(E[A-Z]{2,}|SQLITE_[A-Z_]+)$/.test(bare)) return word;
      if (/\d/.test(bare) || /^[A-Z][A-Z_]{1,}$/.test(bare)) return word.replace(bare, '#');
      return word;
    })
    .join('');
  text = text.trim();
  return text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX - 1)}…` : text;
}

type FieldRule = (value: unknown, userDataDir: string | undefined) => LogDetailValue | undefined;

/** The only fields a log line may carry, each with the shape its value must have. */
const FIELDS: Record<string, FieldRule> = {
  version: matching(/^[0-9A-Za-z.+-]{1,40}$/),
  mode: (v) => (v === 'kiosk' || v === 'analyst' ? v : undefined),
  schemaVersion: count,
  /** An IPC channel of the contract. */
  channel: (v) => (isChannel(v) ? v : undefined),
  /** An errno, SQLite or application error code. */
  code: matching(/^[A-Z][A-Z0-9_]{1,48}$/),
  errorName: matching(/^[A-Za-z]{1,40}$/),
  /** A camelCase reason code (noSpace, wrongPin, storageFull…). */
  reason: matching(/^[a-z][A-Za-z]{1,40}$/),
  message: (v, dir) => scrubMessage(v, dir),
  sequence: count,
  sessions: count,
  waiting: count,
  written: count,
  deleted: count,
  files: count,
  attemptsLeft: count,
  retryAfterS: count,
  /** The name of a file or folder the kiosk itself wrote (export, backup, support bundle). */
  fileName: matching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/),
  /** A path inside the user-data folder, logged relative to it. */
  file: userDataPath,
  day: matching(DAY),
  cutoff: matching(DAY),
  /** Names of settings (never their values). */
  keys: (v) => (Array.isArray(v) && v.length <= SETTINGS_KEYS.size && v.every((k) => typeof k === 'string' && SETTINGS_KEYS.has(k)) ? [...(v as string[])] : undefined),
};

export const LOG_FIELDS = Object.keys(FIELDS);

/** Keeps the allow-listed fields whose values have the right shape; counts the rest. */
export function sanitize(details: LogDetails | undefined, userDataDir?: string): Record<string, LogDetailValue> {
  const out: Record<string, LogDetailValue> = {};
  let redacted = 0;
  for (const [key, value] of Object.entries(details ?? {})) {
    if (value === undefined) continue;
    const rule = Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;
    const safe = rule?.(value, userDataDir);
    if (safe === undefined) redacted++;
    else out[key] = safe;
  }
  if (redacted > 0) out['redacted'] = redacted;
  return out;
}

/** The fields of an error worth logging: its class, its code and a scrubbed message. */
export function errorDetails(error: unknown): LogDetails {
  if (typeof error !== 'object' || error === null) return { errorName: typeof error };
  const e = error as { name?: unknown; code?: unknown; message?: unknown };
  return { errorName: e.name, code: typeof e.code === 'string' ? e.code : undefined, message: e.message };
}

/** The minute, in UTC: a machine's time, not a person's (see the header). */
export function logTime(date: Date): string {
  return `${date.toISOString().slice(0, 16)}Z`;
}

const isEvent = (value: unknown): value is LogEvent => typeof value === 'string' && (LOG_EVENTS as readonly string[]).includes(value);
const LEVELS: readonly LogLevel[] = ['info', 'warn', 'error'];

/** One line of a log file, checked again on the way out (a file may be damaged or edited). */
export function parseLogLine(line: string): LogEntry | null {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { time, level, event, ...rest } = raw as Record<string, unknown>;
  if (typeof time !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/.test(time)) return null;
  if (!LEVELS.includes(level as LogLevel) || !isEvent(event)) return null;
  const details: Record<string, LogDetailValue> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (typeof value === 'number' || typeof value === 'string') details[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) details[key] = value as string[];
  }
  return { time, level: level as LogLevel, event, details };
}

// ---------------------------------------------------------------------------------------
// the files

/** Rotated files: reperes-<yyyymmdd>-<n>.log, sortable by day then number. */
const ROTATED = /^reperes-(\d{8})-(\d+)\.log$/;

function rotatedName(time: Date, index: number | undefined): string {
  const day = `${time.getFullYear()}${String(time.getMonth() + 1).padStart(2, '0')}${String(time.getDate()).padStart(2, '0')}`;
  return `reperes-${day}-${index ?? 1}.log`;
}

/** Log file names in `dir`, oldest first, the current file last. */
export function logFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const rotated = names
    .map((name) => ROTATED.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => (a[1] === b[1] ? Number(a[2]) - Number(b[2]) : (a[1] ?? '').localeCompare(b[1] ?? '')))
    .map((m) => m[0]);
  return names.includes(LOG_FILE) ? [...rotated, LOG_FILE] : rotated;
}

export function createLogger(options: LoggerOptions): Logger {
  const { dir, userDataDir } = options;
  const now = options.now ?? (() => new Date());
  const memory: LogEntry[] = [];
  let stream: RotatingFileStream | null = null;
  let pending = 0;
  let waiters: (() => void)[] = [];
  let closed = false;

  const settle = () => {
    if (pending > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  const fail = () => {
    // rotating-file-stream closes itself after an error: from now on, memory only.
    stream = null;
    pending = 0;
    settle();
  };

  try {
    mkdirSync(dir, { recursive: true });
    stream = createStream((time, index) => (time ? rotatedName(time instanceof Date ? time : new Date(time), index) : LOG_FILE), {
      path: dir,
      size: (options.fileSize ?? LOG_FILE_SIZE) as `${number}M`,
      ...(options.daily === false ? {} : { interval: '1d' as const }),
      maxFiles: options.maxRotated ?? LOG_MAX_ROTATED,
      history: 'rotations.txt',
      encoding: 'utf8',
    });
    stream.on('error', fail);
    // Warnings (a rotated file that could not be removed) do not stop the log.
    stream.on('warning', () => undefined);
  } catch {
    stream = null;
  }

  function write(level: LogLevel, event: LogEvent, details?: LogDetails): void {
    try {
      const entry: LogEntry = { time: logTime(now()), level, event: isEvent(event) ? event : 'log.unknownEvent', details: sanitize(details, userDataDir) };
      memory.push(entry);
      if (memory.length > LOG_MEMORY_LINES) memory.shift();
      if (!stream || closed) return;
      pending++;
      stream.write(`${JSON.stringify({ time: entry.time, level, event: entry.event, ...entry.details })}\n`, () => {
        pending = Math.max(0, pending - 1);
        settle();
      });
    } catch {
      // A log line is never worth a failure of what it describes.
    }
  }

  const flush = () =>
    new Promise<void>((resolve) => {
      if (pending === 0 || !stream) return resolve();
      waiters.push(resolve);
    });

  function readEntries(name: string): LogEntry[] {
    try {
      return readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .map(parseLogLine)
        .filter((e): e is LogEntry => e !== null);
    } catch {
      return [];
    }
  }

  return {
    dir,
    info: (event, details) => write('info', event, details),
    warn: (event, details) => write('warn', event, details),
    error: (event, details) => write('error', event, details),
    async recent(limit = LOG_TAIL_DEFAULT) {
      await flush();
      if (!stream && !closed) return memory.slice(-limit).reverse();
      const out: LogEntry[] = [];
      for (const name of logFiles(dir).reverse()) {
        out.push(...readEntries(name).reverse());
        if (out.length >= limit) break;
      }
      return out.length > 0 ? out.slice(0, limit) : memory.slice(-limit).reverse();
    },
    files: () => logFiles(dir),
    flush,
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      const open = stream;
      if (!open) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => resolve();
        open.once('finish', done);
        open.once('error', done);
        open.end();
      });
    },
  };
}

/** A logger that keeps nothing (tests that do not look at the log, tools). */
export const silentLogger: Logger = {
  dir: '',
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  recent: async () => [],
  files: () => [],
  flush: async () => undefined,
  close: async () => undefined,
};
