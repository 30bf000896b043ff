/**
 * The kiosk's main-process services, assembled from plain modules: the database in the
 * user-data folder, settings, the session repository, the staff area (PIN lock, settings,
 * dashboard, exports), and the IPC handlers over them. Used by Electron's main.ts, by the
 * browser harness of the tests and by `npm run preview`, which is why nothing here imports
 * `electron`: what needs the shell (a folder picker, quitting) is injected as functions.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { version as packageVersion } from '../../package.json';
import type { AnalystChannel } from '../../shared/ipc/analyst-channels';
import type { Handlers, KioskSetup } from '../../shared/ipc/contract';
import { keyFingerprint } from './key-fingerprint';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import { coarseDay } from '../../shared/session/day';
import { computeDashboard } from '../../shared/staff/dashboard';
import { combineVersions } from '../../shared/export/table-sets';
import type { ExportOutcome, StaffAlert, StaffOverview, SupportBundleOutcome } from '../../shared/staff/types';
import { backupDatabase } from './backups';
import { schemaVersion, type Db } from './database';
import { openOrRecoverDatabase, type DatabaseRecovery } from './database-recovery';
import { diskStatus } from './disk';
import { checkExportEpoch, rememberReserved } from './export/epochs';
import { createExporter, type Exporter } from './export/exporter';
import type { ExportFs } from './export/files';
import { backupIdentity, identityOf, openKioskIdentity, type IdentityOrigin, type IdentityStore, type KioskIdentity } from './identity';
import { createLogger, errorDetails, LOG_DIR, type Logger } from './log';
import { createSessionRepository, type SessionRepository } from './sessions';
import { createPendingSessions } from './pending-sessions';
import { createSettingsStore, type Settings, type SettingsStore } from './settings';
import { isOpeningHoursSyntax, scheduleOf } from './opening-hours';
import type { HoursSchedule } from '../../shared/opening/status';
import { createStaffAuth, type ScryptParams, type StaffAuth, type UnlockResult } from './staff-auth';
import { createSupportBundle, type SupportBundle } from './support-bundle';
import { createKioskPacks, type KioskPacks } from './pack/kiosk-packs';
import { createKioskHealth, type KioskHealthRecorder } from './kiosk-health';

export const KIOSK_DATABASE_FILE = 'reperes-kiosk.db';
/** The recordings of applied configuration packs' places (pack/kiosk-packs.ts). */
export const PACK_AUDIO_DIR = 'pack-audio';

/** The kiosk serves every channel but the analyst mode's; dispatch answers those 'unknownChannel'. */
export type KioskHandlers = Required<Omit<Handlers, AnalystChannel>>;

export interface KioskServices {
  db: Db;
  settings: SettingsStore;
  sessions: SessionRepository;
  staffAuth: StaffAuth;
  exporter: Exporter;
  identity: KioskIdentity;
  /** The identity file (identity, PIN, lockout, recovery code, pack trust, export epoch). */
  identityStore: IdentityStore;
  /** How the identity file was found at this start. */
  identityOrigin: IdentityOrigin;
  handlers: KioskHandlers;
  pending: import('./pending-sessions').PendingSessions;
  /** The kiosk's log (electron/services/log.ts); main.ts adds internal IPC errors to it. */
  log: Logger;
  supportBundle: SupportBundle;
  /** What the daily restart needs (electron/daily-restart.ts): the hour set, and whether a visit is in progress. */
  dailyRestart(): { time: string; visitSince: number | null };
  /** Configuration packs signed by the agglomeration (read from a USB stick, applied, rolled back). */
  packs: KioskPacks;
  /** Set when the database was damaged at start and moved aside. */
  recovery: DatabaseRecovery | null;
  /** The health counters every export carries; the shell records its watchdog's reloads here. */
  health: KioskHealthRecorder;
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
  /**
   * Where events go (app start, recovery, exports, backups, staff unlocks…). Default: rotating
   * files in `<userDataDir>/logs`, closed with the services; an injected logger is the
   * caller's to close.
   */
  log?: Logger;
  /** Shown in the log and the support bundle; default: package.json's version. */
  appVersion?: string;
}

export function createKioskServices(options: KioskServiceOptions): KioskServices {
  mkdirSync(options.userDataDir, { recursive: true });
  const databaseFile = join(options.userDataDir, KIOSK_DATABASE_FILE);
  const now = options.now ?? (() => new Date());
  const ownLog = options.log === undefined;
  const log = options.log ?? createLogger({ dir: join(options.userDataDir, LOG_DIR), userDataDir: options.userDataDir, now });
  const appVersion = options.appVersion ?? packageVersion;
  // A damaged file is moved aside and a new database created: citizens are served either way.
  let opened: ReturnType<typeof openOrRecoverDatabase>;
  try {
    opened = openOrRecoverDatabase(databaseFile, now);
  } catch (error) {
    log.error('app.start', { version: appVersion, mode: options.mode, ...errorDetails(error) });
    if (ownLog) void log.close();
    throw error;
  }
  const { db, recovery } = opened;
  log.info('app.start', { version: appVersion, mode: options.mode, schemaVersion: schemaVersion(db) });
  if (recovery) {
    recordRecovery(db, recovery);
    log.warn('db.recovered', { file: recovery.movedTo, day: recovery.day, message: recovery.reason });
  }
  // The identity file beside the database: pseudonym, signing key, PIN and lockout survive a
  // damaged database; a lost file is restored from the newest backup copy, or (if none is
  // whole) the kiosk needs the recovery code before a new PIN (identity.ts).
  const backupsDir = join(options.userDataDir, 'backups');
  let openedIdentity: ReturnType<typeof openKioskIdentity>;
  try {
    openedIdentity = openKioskIdentity({ db, databaseFile, backupsDir, now: now() });
  } catch (error) {
    log.error('identity.failed', errorDetails(error));
    db.close();
    if (ownLog) void log.close();
    throw error;
  }
  const { store: identityStore, origin: identityOrigin } = openedIdentity;
  const identity = identityOf(identityStore.get());
  const identityDay = coarseDay(now());
  if (identityOrigin === 'created') log.info('identity.created');
  else if (identityOrigin === 'restoredFromBackup') log.warn('identity.restored', { message: openedIdentity.problem ?? undefined });
  else if (identityOrigin === 'lost') log.error('identity.lost', { message: openedIdentity.problem ?? undefined });
  // A database restored, recovered or new while exports were issued opens a new export epoch.
  try {
    const epoch = checkExportEpoch(db, identityStore, { identityRestored: identityOrigin === 'restoredFromBackup' });
    if (epoch.opened) log.warn('export.newEpoch', { reason: epoch.reason ?? undefined, sessions: epoch.delivered });
  } catch (error) {
    // The kiosk keeps serving citizens; the next start checks again.
    log.error('identity.failed', errorDetails(error));
  }
  const settings = createSettingsStore(db);
  // `alerts` is defined below; the health reads it only when a bundle is made.
  const health = createKioskHealth({
    db,
    appVersion,
    questionnaireVersion: currentQuestionnaire.definition.version,
    databaseFile,
    backupsDir,
    alertKinds: () => alerts().map((a) => a.kind),
  });
  health.recordStart({ databaseRecovered: recovery !== null });
  const sessions = createSessionRepository(db, currentQuestionnaire.definition, () => settings.get().directory);
  // A full or read-only disk must not lose a visit: it waits in memory and is written as soon
  // as the disk accepts writes (next save, or the periodic retry below).
  const pending = createPendingSessions((record, when) => sessions.save(record, when));
  // Logged when the disk starts or stops refusing writes, never once per visit.
  let storageState: 'storageFull' | 'storageReadOnly' | null = null;
  const noteStorage = () => {
    const state = pending.count() > 0 ? pending.lastError() : null;
    if (state === storageState) return;
    if (state) log.warn('storage.refused', { reason: state, waiting: pending.count() });
    else log.info('storage.recovered', { waiting: pending.count() });
    storageState = state;
  };
  const retryPending = setInterval(() => {
    pending.flush();
    noteStorage();
  }, PENDING_RETRY_MS);
  retryPending.unref?.();

  // A daily online backup (SQLite's backup API) in <userData>/backups, the last 7 days kept.
  let backupFailedDay: string | null = null;
  const backup = () => {
    const day = coarseDay(now());
    backupDatabase(db, backupsDir, day).then(
      (result) => {
        // The identity file goes with the database: a restore needs both.
        try {
          backupIdentity(identityStore.get(), backupsDir, day);
        } catch (error) {
          backupFailedDay = day;
          log.error('backup.failed', { day, ...errorDetails(error) });
          return;
        }
        backupFailedDay = null;
        log.info('backup.done', { fileName: basename(result.file), deleted: result.removed.length });
      },
      (error: unknown) => {
        backupFailedDay = day;
        log.error('backup.failed', { day, ...errorDetails(error) });
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
    if (identityOrigin === 'lost') list.push({ kind: 'identityLost', day: identityDay });
    if (identityOrigin === 'restoredFromBackup') list.push({ kind: 'identityRestored', day: identityDay });
    if (!identityStore.get().staff.recoveryCode) list.push({ kind: 'noRecoveryCode' });
    for (const row of db.prepare("SELECT day, detail FROM kiosk_alerts WHERE kind = 'databaseRecovered' ORDER BY id DESC").all() as { day: string; detail: string }[]) {
      const detail = JSON.parse(row.detail) as { movedTo: string; reason: string };
      list.push({ kind: 'databaseRecovered', day: row.day, movedTo: detail.movedTo, reason: detail.reason });
    }
    return list;
  };
  const staffAuth = createStaffAuth(identityStore, {
    now: () => now().getTime(),
    ...(options.staffIdleTimeoutMs !== undefined ? { idleTimeoutMs: options.staffIdleTimeoutMs } : {}),
    ...(options.scrypt ? { scrypt: options.scrypt } : {}),
  });
  /** Unlock results in the log: success, a wrong PIN (attempts left), a lockout; never the PIN. */
  const logUnlock = (result: UnlockResult, success: 'staff.unlocked' | 'staff.pinChanged'): UnlockResult => {
    if (result.ok) log.info(success);
    else if (result.reason === 'wrongPin') {
      log.warn('staff.wrongPin', { attemptsLeft: result.attemptsLeft, retryAfterS: result.retryAfterS });
      if (result.retryAfterS > 0) log.warn('staff.lockedOut', { retryAfterS: result.retryAfterS });
    } else if (result.reason === 'lockedOut') log.warn('staff.lockedOut', { retryAfterS: result.retryAfterS });
    return result;
  };
  const exporter = createExporter({
    db,
    identity: () => identity,
    site: () => settings.get(),
    counts: sessions.counts,
    now,
    health: () => health.takeForBundle(),
    epoch: () => identityStore.get().exports.epoch,
    onReserved: rememberReserved(identityStore),
    ...(options.exportFs ? { fs: options.exportFs } : {}),
  });
  /** Every staff channel but status/unlock/first PIN goes through here first. */
  const staff = <T>(run: () => T): T => {
    staffAuth.requireUnlocked();
    return run();
  };

  /** Asks staff for a folder (USB stick): the folder, or why there is none. */
  async function pickFolder(whileLocked = false): Promise<{ folder: string } | { reason: 'noFolderPicker' | 'cancelled' }> {
    if (!options.chooseExportFolder) return { reason: 'noFolderPicker' };
    const folder = await options.chooseExportFolder();
    // The dialog may stay open for minutes: picking a folder counts as activity.
    if (!whileLocked) staffAuth.requireUnlocked();
    return folder === null ? { reason: 'cancelled' } : { folder };
  }

  const packs = createKioskPacks({ db, settings, identity: identityStore, staffAuth, now, audioDir: join(options.userDataDir, PACK_AUDIO_DIR) });
  /** When the visit on screen started (the renderer says so), null on the waiting screen. */
  let visitSince: number | null = null;

  async function toFolder(write: (folder: string) => Promise<ExportOutcome>, kind: 'export' | 'reissue'): Promise<ExportOutcome> {
    const picked = await pickFolder();
    const outcome: ExportOutcome = 'folder' in picked ? await write(picked.folder) : { ok: false, reason: picked.reason, bundles: [] };
    for (const b of outcome.bundles) log.info(kind === 'export' ? 'export.written' : 'export.reissued', { sequence: b.sequence, sessions: b.sessions, fileName: b.fileName });
    if (!outcome.ok) {
      if (outcome.reason === 'cancelled') log.info('export.cancelled');
      else log.warn('export.failed', { reason: outcome.reason, sequence: kind === 'export' ? exporter.pending()?.sequence : undefined });
    }
    return outcome;
  }

  const supportBundle = createSupportBundle({
    db,
    log,
    userDataDir: options.userDataDir,
    databaseFile,
    appVersion,
    identity: () => identity,
    settings: () => settings.get(),
    exporter,
    alerts,
    now,
    ...(options.exportFs ? { fs: options.exportFs } : {}),
  });

  async function writeSupportBundle(): Promise<SupportBundleOutcome> {
    const picked = await pickFolder();
    if (!('folder' in picked)) return { ok: false, reason: picked.reason };
    return supportBundle.writeTo(picked.folder);
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
        help: { chime: s.helpChime, volume: s.helpChimeVolume, repeatS: s.helpChimeRepeatS, maxRings: s.helpChimeMaxRings, promise: s.helpPromise },
        directory: s.directory,
        hours: setupHours(s, now()),
      };
    },
    'kiosk:visit': ({ inVisit }) => {
      visitSince = inVisit ? (visitSince ?? now().getTime()) : null;
      return { ok: true };
    },
    'session:save': (record) => {
      try {
        pending.save(record, now());
      } finally {
        noteStorage();
      }
      return { saved: true };
    },

    'staff:status': () => staffAuth.status(),
    'staff:set-first-pin': async ({ pin }) => {
      const result = await staffAuth.setFirstPin(pin);
      if (result.ok) log.info('staff.pinSet');
      return result;
    },
    'staff:recover': async ({ code }) => {
      const result = await staffAuth.recover(code);
      if (result.ok) log.warn('staff.recovered');
      else log.warn('staff.wrongRecoveryCode', { reason: result.reason });
      return result;
    },
    'staff:reset-pin': ({ newPin }) =>
      staff(async () => {
        const result = await staffAuth.resetPin(newPin);
        if (result.ok) log.info('staff.pinChanged');
        return result;
      }),
    'staff:new-recovery-code': ({ currentPin }) =>
      staff(async () => {
        const result = await staffAuth.newRecoveryCode(currentPin);
        if (result.ok) log.info('staff.recoveryCodeRenewed');
        else if (result.reason !== 'notRecovered') logUnlock(result, 'staff.unlocked');
        return result;
      }),
    'staff:unlock': async ({ pin }) => logUnlock(await staffAuth.unlock(pin), 'staff.unlocked'),
    'staff:lock': () => {
      staffAuth.lock();
      return { locked: true };
    },
    'staff:keep-alive': () => staff(() => ({ ok: true as const })),
    'staff:change-pin': ({ currentPin, newPin }) => staff(async () => logUnlock(await staffAuth.changePin(currentPin, newPin), 'staff.pinChanged')),
    'staff:get-settings': () => staff(() => settings.get()),
    'staff:update-settings': (patch) =>
      staff(() => {
        // The site's hours must be readable, or the kiosk could not tell when it is closed.
        if (patch.openingHours !== undefined && patch.openingHours.trim() !== '' && !isOpeningHoursSyntax(patch.openingHours)) {
          throw Object.assign(new Error('openingHours: not in the opening_hours syntax'), { code: 'INVALID_SETTING' });
        }
        const next = settings.update(patch);
        // Which settings, never their values (a site name is typed by staff).
        log.info('settings.changed', { keys: Object.keys(patch).filter((key) => patch[key as keyof typeof patch] !== undefined) });
        return next;
      }),
    'staff:overview': () =>
      staff(async (): Promise<StaffOverview> => {
        const s = settings.get();
        const last = exporter.lastVerified();
        return {
          kioskPseudonym: identity.pseudonym,
          keyFingerprint: keyFingerprint(identity.publicKey),
          siteCode: s.siteCode,
          siteName: s.siteName,
          sessionsSinceExport: exporter.sessionsSinceExport(),
          lastExport: last ? { sequence: last.sequence, day: last.createdDay, sessions: last.sessions } : null,
          pendingExport: exporter.pending()?.sequence ?? null,
          ...(await diskStatus(databaseFile)),
          alerts: alerts(),
        };
      }),
    'staff:dashboard': () => staff(() => computeDashboard(combineVersions(sessions.counts.allTables()).tables, settings.get().smallCellK, coarseDay(now()))),
    'staff:export': () => staff(() => toFolder((folder) => exporter.exportTo(folder), 'export')),
    'staff:export-log': () => staff(() => exporter.log()),
    'staff:reissue': ({ sequence }) => staff(() => toFolder((folder) => exporter.reissue(sequence, folder), 'reissue')),
    'staff:logs': (payload) => staff(() => log.recent(payload?.limit)),
    'staff:support-bundle': () => staff(() => writeSupportBundle()),
    'staff:recover-with-pack': async () => {
      // Only a kiosk that lost its identity offers this from its locked screen.
      if (!staffAuth.status().recoveryRequired) return { ok: false, reason: 'notRequired' };
      const picked = await pickFolder(true);
      if (!('folder' in picked)) return { ok: false, reason: picked.reason };
      const outcome = await packs.recoveryFromFolder(picked.folder);
      if (outcome.ok) log.warn('pack.recoveryCode', { sequence: outcome.sequence });
      else log.warn('pack.refused', { reason: outcome.reason });
      return outcome;
    },
    'staff:packs': () => staff(() => packs.status()),
    'staff:pack-read': () =>
      staff(async () => {
        const picked = await pickFolder();
        if (!('folder' in picked)) return { ok: false as const, reason: picked.reason, files: [] };
        const outcome = await packs.readFolder(picked.folder);
        if (!outcome.ok) log.warn('pack.refused', { reason: outcome.reason, files: outcome.files.length });
        return outcome;
      }),
    'staff:pack-apply': ({ token }) =>
      staff(() => {
        const outcome = packs.apply(token);
        if (outcome.ok) log.info('pack.applied', { sequence: outcome.sequence ?? undefined, keys: outcome.changes.map((c) => c.key) });
        else log.warn('pack.refused', { reason: outcome.reason });
        return outcome;
      }),
    'staff:pack-rollback': () =>
      staff(() => {
        const outcome = packs.rollback();
        if (outcome.ok) log.warn('pack.rolledBack', { sequence: outcome.sequence ?? undefined, keys: outcome.changes.map((c) => c.key) });
        return outcome;
      }),
    'staff:pack-trust-read': () =>
      staff(async () => {
        const picked = await pickFolder();
        if (!('folder' in picked)) return { ok: false as const, reason: picked.reason };
        return packs.readTrustFile(picked.folder);
      }),
    'staff:pack-trust': ({ publicKey, currentPin }) =>
      staff(async () => {
        const outcome = await packs.trust(publicKey, currentPin);
        if (outcome.ok) log.warn('pack.keyTrusted');
        return outcome;
      }),
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
    identityStore,
    identityOrigin,
    // Missing analyst handlers are checked for by dispatch before any call.
    handlers,
    pending,
    log,
    supportBundle,
    packs,
    dailyRestart: () => ({ time: settings.get().dailyRestart, visitSince }),
    recovery,
    health,
    close: () => {
      clearInterval(retryPending);
      if (dailyBackup) clearInterval(dailyBackup);
      health.recordCleanStop();
      db.close();
      if (ownLog) void log.close();
    },
  };
}

/**
 * The site's and the places' hours as open intervals from `now` (opening-hours.ts); a place's
 * from the start of its day, so that the result can say the whole day's hours (day-hours.ts).
 */
export function setupHours(settings: Settings, now: Date): KioskSetup['hours'] {
  const places: Record<string, HoursSchedule> = {};
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  for (const place of settings.directory) {
    const schedule = place.openingHours ? scheduleOf(place.openingHours, midnight) : null;
    if (schedule) places[place.id] = schedule;
  }
  return { site: settings.openingHours ? scheduleOf(settings.openingHours, now) : null, places };
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
