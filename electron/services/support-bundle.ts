/**
 * The support bundle ("dossier d'assistance"): what a technician needs to understand a kiosk
 * without coming to it, written by staff to a USB stick from the staff area.
 *
 * One plain folder, `reperes-assistance-<pseudonym>-<yyyy-mm-dd>-<hhmm>/`, holding:
 *  - `logs/`: the kiosk's log files as they are (already sanitized when written, log.ts);
 *  - `status.json`: versions, questionnaire, schema, session counts by status, last export,
 *    disk and database sizes, alerts, settings without the help directory's entries;
 *  - `export-log.json`: each export's sequence, id, days, counts, sha256 and file name, but
 *    not the bundles themselves;
 *  - `LISEZMOI.txt`: what the folder holds and does not hold, in French;
 *  - `manifest.json`, written last: every file with its size and sha256. A folder without
 *    it is incomplete.
 * Never in it: a session row, an answer, the PIN or its hash, the signing private key.
 *
 * Files are written with the exports' helper (temporary name, fsync, rename, fsync of the
 * folder, read back), and failures get the exports' reasons (stick full, read-only, pulled
 * out…). Writing a bundle reads the database and changes nothing in it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { questionnaireStamp } from '../../shared/questionnaire/current';
import { SUPPORT_BUNDLE_FAILURES, type StaffAlert, type SupportBundleFailure, type SupportBundleOutcome } from '../../shared/staff/types';
import { listBackups } from './backups';
import { schemaVersion, type Db } from './database';
import { diskStatus } from './disk';
import { classifyExportError } from './export/errors';
import type { Exporter } from './export/exporter';
import { nodeExportFs, writeFileAtomically, type ExportFs } from './export/files';
import type { KioskIdentity } from './identity';
import { logTime, scrubMessage, type Logger } from './log';
import type { Settings } from './settings';

export const SUPPORT_FORMAT = 'reperes-support';
export const SUPPORT_FORMAT_VERSION = 1;

export interface SupportBundleDeps {
  db: Db;
  log: Logger;
  userDataDir: string;
  databaseFile: string;
  appVersion: string;
  identity: () => KioskIdentity;
  settings: () => Settings;
  exporter: Exporter;
  alerts: () => StaffAlert[];
  now?: () => Date;
  fs?: ExportFs;
}

export interface SupportStatus {
  format: string;
  formatVersion: number;
  created: string;
  app: { version: string; mode: 'kiosk'; platform: string; arch: string; node: string; electron: string | null; chrome: string | null };
  kiosk: { pseudonym: string; siteCode: string; siteName: string };
  questionnaire: { id: string; version: string; hash: string };
  database: { schemaVersion: number; bytes: number; freeDiskBytes: number | null };
  sessions: { completed: number; abandoned: number; total: number; sinceExport: number };
  lastExport: { sequence: number; day: string; sessions: number } | null;
  pendingExport: number | null;
  alerts: StaffAlert[];
  settings: Omit<Settings, 'directory'> & { directoryPlaces: number };
  backups: string[];
  logs: string[];
}

export interface ExportLogMetadata {
  sequence: number;
  exportId: string;
  createdDay: string;
  verifiedDay: string | null;
  status: 'pending' | 'verified';
  sessions: number;
  /** The export period of the kiosk's counts this bundle closed (null: visits exported before counts). */
  period: number | null;
  from: string | null;
  to: string | null;
  sha256: string;
  fileName: string;
}

export interface SupportBundle {
  status(): Promise<SupportStatus>;
  exportLog(): ExportLogMetadata[];
  /** Writes a new bundle folder inside `folder` (the stick staff picked). */
  writeTo(folder: string): Promise<SupportBundleOutcome>;
}

const README = `Dossier d'assistance de la borne Repères
=========================================

Ce dossier aide le support à comprendre l'état d'une borne. Il contient :

- logs/ : le journal de la borne (démarrages, exports, sauvegardes, erreurs, ouvertures de
  l'espace personnel). Une ligne par événement, au format JSON, heure à la minute près.
- status.json : versions, questionnaire, nombre de sessions par statut, dernier export,
  place libre sur le disque, taille de la base, alertes, réglages.
- export-log.json : la liste des exports (numéro, identifiant, dates, empreinte sha256).
- manifest.json : la liste des fichiers avec leur empreinte. S'il manque, le dossier est
  incomplet : recommencez.

Il ne contient aucune donnée personnelle ni aucune réponse : pas de session, pas de
réponse, pas de code du personnel, pas de clé de signature. Le journal n'enregistre que
des codes, des nombres et des noms de fichiers.
`;

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** reperes-assistance-K-XXXXX-XXXXX-2026-11-20-1134 (local time, to the minute). */
export function supportFolderName(pseudonym: string, when: Date): string {
  const day = `${when.getFullYear()}-${two(when.getMonth() + 1)}-${two(when.getDate())}`;
  return `reperes-assistance-${pseudonym}-${day}-${two(when.getHours())}${two(when.getMinutes())}`;
}

function asFailure(error: unknown): SupportBundleFailure {
  const reason = classifyExportError(error);
  return (SUPPORT_BUNDLE_FAILURES as readonly string[]).includes(reason) ? (reason as SupportBundleFailure) : 'writeFailed';
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function json(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

export function createSupportBundle(deps: SupportBundleDeps): SupportBundle {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const fs = deps.fs ?? nodeExportFs;
  let busy = false;

  const countsByStatus = db.prepare('SELECT status, sum(visits) AS n FROM visit_counts GROUP BY status');
  // Every column but the bundle's bytes.
  const exportRows = db.prepare(
    'SELECT sequence, export_id, created_day, verified_day, status, session_count, period, sha256, file_name FROM export_log ORDER BY epoch, sequence',
  );

  /** Alerts as staff see them, with the moved database shown relative to the user-data folder. */
  const safeAlerts = (): StaffAlert[] =>
    deps.alerts().map((alert) => {
      if (alert.kind !== 'databaseRecovered') return alert;
      const rel = relative(deps.userDataDir, alert.movedTo);
      return { ...alert, movedTo: rel.startsWith('..') ? basename(alert.movedTo) : rel, reason: scrubMessage(alert.reason, deps.userDataDir) ?? '' };
    });

  async function status(): Promise<SupportStatus> {
    const counts = { completed: 0, abandoned: 0 };
    for (const row of countsByStatus.all() as { status: string; n: number }[]) {
      if (row.status === 'completed' || row.status === 'abandoned') counts[row.status] = row.n;
    }
    const settings = deps.settings();
    const { directory, ...rest } = settings;
    const last = deps.exporter.lastVerified();
    const disk = await diskStatus(deps.databaseFile);
    return {
      format: SUPPORT_FORMAT,
      formatVersion: SUPPORT_FORMAT_VERSION,
      created: logTime(now()),
      app: {
        version: deps.appVersion,
        mode: 'kiosk',
        platform: process.platform,
        arch: process.arch,
        node: process.versions.node,
        electron: process.versions['electron'] ?? null,
        chrome: process.versions['chrome'] ?? null,
      },
      kiosk: { pseudonym: deps.identity().pseudonym, siteCode: settings.siteCode, siteName: settings.siteName },
      questionnaire: questionnaireStamp(),
      database: { schemaVersion: schemaVersion(db), bytes: disk.databaseBytes, freeDiskBytes: disk.freeDiskBytes },
      sessions: { ...counts, total: counts.completed + counts.abandoned, sinceExport: deps.exporter.sessionsSinceExport() },
      lastExport: last ? { sequence: last.sequence, day: last.createdDay, sessions: last.sessions } : null,
      pendingExport: deps.exporter.pending()?.sequence ?? null,
      alerts: safeAlerts(),
      settings: { ...rest, directoryPlaces: directory.length },
      backups: listBackups(join(deps.userDataDir, 'backups')).map((file) => basename(file)),
      logs: deps.log.files(),
    };
  }

  function exportLog(): ExportLogMetadata[] {
    const periods = new Map(deps.exporter.log().map((item) => [item.sequence, { from: item.from, to: item.to }]));
    return (
      exportRows.all() as {
        sequence: number;
        export_id: string;
        created_day: string;
        verified_day: string | null;
        status: 'pending' | 'verified';
        session_count: number;
        period: number | null;
        sha256: string;
        file_name: string;
      }[]
    ).map((row) => ({
      sequence: row.sequence,
      exportId: row.export_id,
      createdDay: row.created_day,
      verifiedDay: row.verified_day,
      status: row.status,
      sessions: row.session_count,
      period: row.period,
      from: periods.get(row.sequence)?.from ?? null,
      to: periods.get(row.sequence)?.to ?? null,
      sha256: row.sha256,
      fileName: row.file_name,
    }));
  }

  async function write(folder: string): Promise<SupportBundleOutcome> {
    const name = supportFolderName(deps.identity().pseudonym, now());
    const target = join(folder, name);
    const manifest: { name: string; bytes: number; sha256: string }[] = [];
    const put = async (dir: string, file: string, data: Uint8Array) => {
      await writeFileAtomically(fs, dir, file, data);
      manifest.push({ name: relative(target, join(dir, file)).split('\\').join('/'), bytes: data.length, sha256: sha256(data) });
    };
    try {
      await fs.mkdir(folder);
      await fs.mkdir(target);
      const logsDir = join(target, 'logs');
      await fs.mkdir(logsDir);
      await deps.log.flush();
      for (const file of deps.log.files()) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(join(deps.log.dir, file));
        } catch {
          continue; // rotated away meanwhile: the next file holds what follows
        }
        await put(logsDir, file, bytes);
      }
      await put(target, 'export-log.json', json(exportLog()));
      await put(target, 'status.json', json(await status()));
      await put(target, 'LISEZMOI.txt', Buffer.from(README, 'utf8'));
      // Last: a folder with its manifest is complete.
      await put(target, 'manifest.json', json({ format: SUPPORT_FORMAT, formatVersion: SUPPORT_FORMAT_VERSION, created: logTime(now()), files: [...manifest] }));
    } catch (error) {
      const reason = asFailure(error);
      deps.log.warn('support.failed', { reason, code: (error as { code?: unknown } | null)?.code });
      return { ok: false, reason, folder };
    }
    const files = manifest.map((m) => m.name);
    deps.log.info('support.written', { fileName: name, files: files.length });
    return { ok: true, folder, folderName: name, files };
  }

  return {
    status,
    exportLog,
    async writeTo(folder) {
      if (busy) return { ok: false, reason: 'busy' };
      busy = true;
      try {
        return await write(folder);
      } finally {
        busy = false;
      }
    },
  };
}
