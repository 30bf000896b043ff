/**
 * The kiosk's main-process services, assembled from plain modules: the database in the
 * user-data folder, settings, the session repository, the staff area (PIN lock, settings,
 * dashboard, exports), and the IPC handlers over them. Used by Electron's main.ts, by the
 * browser harness of the tests and by `npm run preview`, which is why nothing here imports
 * `electron`: what needs the shell (a folder picker, quitting) is injected as functions.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalystChannel } from '../../shared/ipc/analyst-channels';
import type { Handlers, KioskSetup } from '../../shared/ipc/contract';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import { coarseDay } from '../../shared/session/record';
import { computeDashboard } from '../../shared/staff/dashboard';
import type { ExportOutcome, StaffAlert, StaffOverview } from '../../shared/staff/types';
import { backupDatabase } from './backups';
import type { Db } from './database';
import { openOrRecoverDatabase, type DatabaseRecovery } from './database-recovery';
import { diskStatus } from './disk';
import { createExporter, type Exporter } from './export/exporter';
import type { ExportFs } from './export/files';
import { ensureIdentity, type KioskIdentity } from './identity';
import { applyRetention } from './retention';
import { createSessionRepository, type SessionRepository } from './sessions';
import { createPendingSessions } from './pending-sessions';
import { createSettingsStore, type SettingsStore } from './settings';
import { createStaffAuth, type ScryptParams, type StaffAuth } from './staff-auth';

export const KIOSK_DATABASE_FILE = 'reperes-kiosk.db';

/** The kiosk serves every channel but the analyst mode's; dispatch answers those 'unknownChannel'. */
export type KioskHandlers = Required<Omit<Handlers, AnalystChannel>>;

export interface KioskServices {
  db: Db;
  settings: SettingsStore;
  sessions: SessionRepository;
  staffAuth: StaffAuth;
  exporter: Exporter;
  identity: KioskIdentity;
  handlers: KioskHandlers;
  pending: import('./pending-sessions').PendingSessions;
  /** Set when the database was damaged at start and moved aside. */
  recovery: DatabaseRecovery | null;
  close(): void;
}

export interface KioskServiceOptions {
  userDataDir: string;
  mode: 'kiosk';
  /** Clock for the stored day, the staff area's inactivity lock and export dates; injectable for tests. */
  now?: () => Date;
  /**
   * Asks staff for the folder to export to (Electron: a native folder dialog, see
   * electron/folder-picker.ts); resolves to null when they cancel. Without it, exports report
   * 'noFolderPicker'.
   */
  chooseExportFolder?: () => Promise<string | null>;
  /** Closes the application (Electron: app.quit). Without it, 'staff:quit' answers false. */
  quitApp?: () => void;
  /** Tests: minutes are long, and scrypt's full cost slows suites down. */
  staffIdleTimeoutMs?: number;
  scrypt?: ScryptParams;
  /** Tests: a file system that fails like a full, read-only or removed USB stick. */
  exportFs?: ExportFs;
  /** Daily backups (default on); tests that count files in userData turn them off. */
  backups?: boolean;
}

export function createKioskServices(options: KioskServiceOptions): KioskServices {
  mkdirSync(options.userDataDir, { recursive: true });
  const databaseFile = join(options.userDataDir, KIOSK_DATABASE_FILE);
  const now = options.now ?? (() => new Date());
  // A damaged file is moved aside and a new database created: citizens are served either way.
  const { db, recovery } = openOrRecoverDatabase(databaseFile, now);
  if (recovery) recordRecovery(db, recovery);
  const settings = createSettingsStore(db);
  const sessions = createSessionRepository(db, currentQuestionnaire.definition, () => settings.get().directory);
  // A full or read-only disk must not lose a visit: it waits in memory and is written as soon
  // as the disk accepts writes (next save, or the periodic retry below).
  const pending = createPendingSessions((record, when) => sessions.save(record, when));
  const retryPending = setInterval(() => pending.flush(), PENDING_RETRY_MS);
  retryPending.unref?.();

  // A daily online backup (SQLite's backup API) in <userData>/backups, the last 7 days kept.
  let backupFailedDay: string | null = null;
  const backup = () => {
    const day = coarseDay(now());
    backupDatabase(db, join(options.userDataDir, 'backups'), day).then(
      () => {
        backupFailedDay = null;
      },
      () => {
        backupFailedDay = day;
      },
    );
  };
  if (options.backups !== false) backup();
  const dailyBackup = options.backups === false ? null : setInterval(backup, 24 * 3600 * 1000);
  dailyBackup?.unref?.();

  const alerts = (): StaffAlert[] => {
    const list: StaffAlert[] = [];
    const storage = pending.lastError();
    if (storage && pending.count() > 0) list.push({ kind: storage, waitingSessions: pending.count() });
    if (backupFailedDay) list.push({ kind: 'backupFailed', day: backupFailedDay });
    for (const row of db.prepare("SELECT day, detail FROM kiosk_alerts WHERE kind = 'databaseRecovered' ORDER BY id DESC").all() as { day: string; detail: string }[]) {
      const detail = JSON.parse(row.detail) as { movedTo: string; reason: string };
      list.push({ kind: 'databaseRecovered', day: row.day, movedTo: detail.movedTo, reason: detail.reason });
    }
    return list;
  };
  // First start: the kiosk's pseudonym and signing key are created once, here.
  const identity = ensureIdentity(db, now());
  const staffAuth = createStaffAuth(db, {
    now: () => now().getTime(),
    ...(options.staffIdleTimeoutMs !== undefined ? { idleTimeoutMs: options.staffIdleTimeoutMs } : {}),
    ...(options.scrypt ? { scrypt: options.scrypt } : {}),
  });
  const exporter = createExporter({
    db,
    identity: () => identity,
    settings: () => settings.get(),
    sessions: () => sessions.list(),
    now,
    ...(options.exportFs ? { fs: options.exportFs } : {}),
  });
  // Retention is housekeeping: if it cannot run (disk full, read-only), the kiosk still starts
  // and the export still succeeds; it simply runs again at the next start or export.
  const retain = () => {
    try {
      applyRetention(db, { today: now(), retentionMonths: settings.get().retentionMonths });
    } catch {
      // Nothing is lost by keeping exported sessions a little longer.
    }
  };
  retain();

  /** Every staff channel but status/unlock/first PIN goes through here first. */
  const staff = <T>(run: () => T): T => {
    staffAuth.requireUnlocked();
    return run();
  };

  async function toFolder(write: (folder: string) => Promise<ExportOutcome>): Promise<ExportOutcome> {
    if (!options.chooseExportFolder) return { ok: false, reason: 'noFolderPicker', bundles: [] };
    const folder = await options.chooseExportFolder();
    // The dialog may stay open for minutes: picking a folder counts as activity.
    staffAuth.requireUnlocked();
    if (folder === null) return { ok: false, reason: 'cancelled', bundles: [] };
    const outcome = await write(folder);
    if (outcome.bundles.length > 0) retain();
    return outcome;
  }

  const handlers: KioskHandlers = {
    'kiosk:get-setup': (): KioskSetup => {
      const s = settings.get();
      return {
        siteCode: s.siteCode,
        siteName: s.siteName,
        enabledLanguages: s.enabledLanguages,
        idleDelayS: s.idleDelayS,
        warningDelayS: s.warningDelayS,
        helpChime: s.helpChime,
        directory: s.directory,
      };
    },
    'session:save': (record) => {
      pending.save(record, now());
      return { saved: true };
    },

    'staff:status': () => staffAuth.status(),
    'staff:set-first-pin': ({ pin }) => staffAuth.setFirstPin(pin),
    'staff:unlock': ({ pin }) => staffAuth.unlock(pin),
    'staff:lock': () => {
      staffAuth.lock();
      return { locked: true };
    },
    'staff:keep-alive': () => staff(() => ({ ok: true as const })),
    'staff:change-pin': ({ currentPin, newPin }) => staff(() => staffAuth.changePin(currentPin, newPin)),
    'staff:get-settings': () => staff(() => settings.get()),
    'staff:update-settings': (patch) =>
      staff(() => {
        const next = settings.update(patch);
        // A shorter retention applies at once (still only to exported sessions).
        if (patch.retentionMonths !== undefined) retain();
        return next;
      }),
    'staff:overview': () =>
      staff(async (): Promise<StaffOverview> => {
        const s = settings.get();
        const last = exporter.lastVerified();
        return {
          kioskPseudonym: identity.pseudonym,
          siteCode: s.siteCode,
          siteName: s.siteName,
          sessionsSinceExport: exporter.sessionsSinceExport(),
          lastExport: last ? { sequence: last.sequence, day: last.createdDay, sessions: last.sessions } : null,
          pendingExport: exporter.pending()?.sequence ?? null,
          ...(await diskStatus(databaseFile)),
          alerts: alerts(),
        };
      }),
    'staff:dashboard': () => staff(() => computeDashboard(sessions.list(), settings.get().smallCellK, coarseDay(now()))),
    'staff:export': () => staff(() => toFolder((folder) => exporter.exportTo(folder))),
    'staff:export-log': () => staff(() => exporter.log()),
    'staff:reissue': ({ sequence }) => staff(() => toFolder((folder) => exporter.reissue(sequence, folder))),
    'staff:quit': () =>
      staff(() => {
        if (!options.quitApp) return { quitting: false };
        // Answer first, then quit, so the renderer is not left waiting on a closed channel.
        setTimeout(() => options.quitApp?.(), 50);
        return { quitting: true };
      }),
  };

  return {
    db,
    settings,
    sessions,
    staffAuth,
    exporter,
    identity,
    // Missing analyst handlers are checked for by dispatch before any call.
    handlers,
    pending,
    recovery,
    close: () => {
      clearInterval(retryPending);
      if (dailyBackup) clearInterval(dailyBackup);
      db.close();
    },
  };
}

/** How often visits waiting for a full disk are tried again. */
export const PENDING_RETRY_MS = 60_000;

/** The recovery is kept in the new database so staff see it after any number of restarts. */
function recordRecovery(db: Db, recovery: DatabaseRecovery): void {
  try {
    db.prepare("INSERT INTO kiosk_alerts (day, kind, detail) VALUES (?, 'databaseRecovered', ?)").run(
      recovery.day,
      JSON.stringify({ movedTo: recovery.movedTo, reason: recovery.reason }),
    );
  } catch {
    // Even if this cannot be written, the kiosk keeps serving; the file is safe where it is.
  }
}
