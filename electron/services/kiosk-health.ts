/**
 * The kiosk's health counters and the `health` part of its export bundles
 * (shared/export/health.ts, docs/export-format.md §2.1).
 *
 * The counters (starts, watchdog reloads, unclean stops, database recoveries since the
 * previous bundle) are one JSON row of the `settings` table under a key no setting uses: no
 * migration, one row however long the kiosk runs, never a row per visit or per event. The
 * settings store ignores keys it does not know, so this row is never shown or exported as a
 * setting. A damaged database takes its counters with it; the new database then starts with
 * the database recovery counted.
 *
 * An unclean stop is seen at the next start: the row says "running" until the services close
 * normally (quit, daily restart), so a start that finds it still running follows a crash, a
 * power cut or a kill.
 *
 * Recording never throws: a full or read-only disk must not stop the kiosk over a counter.
 */
import { basename, dirname } from 'node:path';
import { buildHealth, type KioskHealth } from '../../shared/export/health';
import { BACKUP_PATTERN, listBackups } from './backups';
import type { Db } from './database';
import { databaseBytes, freeBytesSync } from './disk';

/** The settings-table key of the counters (not a setting: see above). */
export const HEALTH_COUNTERS_KEY = 'health.counters';

interface Counters {
  restarts: number;
  window: number;
  unclean: number;
  database: number;
  /** True from a start until the services close normally. */
  running: boolean;
}

const ZERO: Counters = { restarts: 0, window: 0, unclean: 0, database: 0, running: false };

export interface KioskHealthOptions {
  db: Db;
  appVersion: string;
  /** The questionnaire version the kiosk asks now. */
  questionnaireVersion: string;
  databaseFile: string;
  backupsDir: string;
  /** The kinds of the alerts the staff area shows now. */
  alertKinds: () => readonly string[];
}

export interface KioskHealthRecorder {
  /** Counts a start of the application, an unclean stop before it if any, and a database recovery at it. */
  recordStart(options: { databaseRecovered: boolean }): void;
  /** Counts a reload of the kiosk page after a crash or a hang (the shell's watchdog, electron/recovery.ts). */
  recordWindowRecovery(): void;
  /** The services are closing normally: the next start is not an unclean one. */
  recordCleanStop(): void;
  /** The health as the next bundle would carry it, counters kept. */
  current(): KioskHealth;
  /**
   * The health for the bundle being reserved, counters reset: call it inside the transaction
   * that stores the bundle, so the counts move to the bundle or stay, never both or neither.
   */
  takeForBundle(): KioskHealth;
}

export function createKioskHealth(options: KioskHealthOptions): KioskHealthRecorder {
  const { db } = options;
  const read = db.prepare('SELECT value FROM settings WHERE key = ?');
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const counters = (): Counters => {
    const row = read.get(HEALTH_COUNTERS_KEY) as { value: string } | undefined;
    if (!row) return { ...ZERO };
    try {
      const value = JSON.parse(row.value) as Partial<Counters>;
      const n = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 ? x : 0);
      return { restarts: n(value.restarts), window: n(value.window), unclean: n(value.unclean), database: n(value.database), running: value.running === true };
    } catch {
      // A row edited by hand or damaged counts from zero again rather than breaking exports.
      return { ...ZERO };
    }
  };
  const save = (next: Counters) => write.run(HEALTH_COUNTERS_KEY, JSON.stringify(next));
  const safely = (change: (c: Counters) => Counters) => {
    try {
      db.transaction(() => save(change(counters())))();
    } catch {
      // A full or read-only disk: the count is lost, the kiosk goes on (see the file comment).
    }
  };

  const lastBackupDay = (): string | null => {
    const newest = listBackups(options.backupsDir)[0];
    return newest ? (BACKUP_PATTERN.exec(basename(newest))?.[1] ?? null) : null;
  };

  const healthOf = (c: Counters): KioskHealth =>
    buildHealth({
      appVersion: options.appVersion,
      questionnaireVersion: options.questionnaireVersion,
      restarts: c.restarts,
      windowRecoveries: c.window,
      uncleanStops: c.unclean,
      databaseRecoveries: c.database,
      staffAlerts: options.alertKinds(),
      freeDiskBytes: freeBytesSync(dirname(options.databaseFile)),
      databaseBytes: databaseBytes(options.databaseFile),
      lastBackupDay: lastBackupDay(),
    });

  return {
    recordStart: ({ databaseRecovered }) =>
      safely((c) => ({
        restarts: c.restarts + 1,
        window: c.window,
        unclean: c.unclean + (c.running ? 1 : 0),
        database: c.database + (databaseRecovered ? 1 : 0),
        running: true,
      })),
    recordWindowRecovery: () => safely((c) => ({ ...c, window: c.window + 1 })),
    recordCleanStop: () => safely((c) => ({ ...c, running: false })),
    current: () => healthOf(counters()),
    takeForBundle: () => {
      const c = counters();
      const health = healthOf(c);
      save({ ...ZERO, running: c.running });
      return health;
    },
  };
}
