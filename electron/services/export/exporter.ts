/**
 * Incremental, signed exports of the kiosk's sessions (the contract: docs/export-format.md).
 *
 * Watermark and sequence. Session ids only grow (migration 2). An export covers the sessions
 * after the last one already reserved by an export, so two exports never overlap and none is
 * skipped; bundles are numbered 1, 2, 3… in the export log.
 *
 * Two steps, so that a failure loses nothing and a retry cannot fork history:
 *  1. prepare: in one transaction, build and sign the next bundle and store its exact bytes
 *     in the log as 'pending' (its sequence and session range are now reserved);
 *  2. write it to the staff's folder (atomic, fsynced, read back, hash and signature checked),
 *     then mark it 'verified': only verified bundles move the watermark that the status
 *     screen and retention use.
 * A pending bundle is written again, byte for byte, by the next attempt before anything new,
 * so if a failed attempt had in fact reached the stick, the analysts receive the same bundle
 * twice (same id), never two different bundles with one sequence number.
 *
 * One bundle, one questionnaire version: the pending sessions are cut into runs of the same
 * questionnaire (id, version, hash), one bundle each, so tables never mix versions and stay
 * additive across kiosks that run the same version. One export action writes them all.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import type { KioskIdentity } from '../identity';
import type { StoredSession } from '../sessions';
import type { Settings } from '../settings';
import type { KioskHealth } from '../../../shared/export/health';
import { bundleFileName, serializeBundle, type Bundle } from '../../../shared/export/bundle';
import { csvFolderName, csvViews } from '../../../shared/export/csv';
import { coarseDay } from '../../../shared/session/record';
import type { ExportLogItem, ExportOutcome, WrittenBundle } from '../../../shared/staff/types';
import { classifyExportError } from './errors';
import { nodeExportFs, writeFileAtomically, type ExportFs } from './files';
import { signBundle, verifyBundleText } from './signing';
import { buildNextRun } from './streamed-bundle';
import { join } from 'node:path';

export interface ExporterDeps {
  db: Db;
  identity: () => KioskIdentity;
  settings: () => Settings;
  /**
   * The stored sessions after `afterId`, in id order. Give a stream (`sessions.since`): the
   * exporter reads it once, stopping where the questionnaire changes, and never holds it
   * whole. (A plain list still works: sessions at or below `afterId` are skipped.)
   */
  sessions: (afterId: number) => Iterable<StoredSession>;
  now?: () => Date;
  fs?: ExportFs;
  /**
   * The kiosk's health for the bundle being reserved (kiosk-health.ts `takeForBundle`): called
   * once per bundle inside the transaction that stores it. Without it, bundles carry no health.
   */
  health?: () => KioskHealth;
}

interface LogRow {
  sequence: number;
  export_id: string;
  created_day: string;
  first_session_id: number;
  last_session_id: number;
  session_count: number;
  sha256: string;
  file_name: string;
  bundle: Buffer;
  status: 'pending' | 'verified';
  verified_day: string | null;
}

export class ExportVerifyError extends Error {
  readonly code = 'EXPORT_VERIFY';
}

export interface Exporter {
  /** Highest session id covered by a verified export (0 before the first). */
  watermark(): number;
  /** Sessions stored after the watermark. */
  sessionsSinceExport(): number;
  lastVerified(): ExportLogItem | null;
  pending(): ExportLogItem | null;
  log(): ExportLogItem[];
  /** The exact bytes of a logged bundle. */
  bundleBytes(sequence: number): Buffer | null;
  /** Writes the pending bundle if any, then one bundle per questionnaire run of new sessions. */
  exportTo(folder: string): Promise<ExportOutcome>;
  /** Writes a verified bundle again, identical, from the log. */
  reissue(sequence: number, folder: string): Promise<ExportOutcome>;
}

function toItem(row: LogRow): ExportLogItem {
  const bundle = JSON.parse(row.bundle.toString('utf8')) as Bundle;
  return {
    sequence: row.sequence,
    exportId: row.export_id,
    createdDay: row.created_day,
    sessions: row.session_count,
    from: bundle.export.from,
    to: bundle.export.to,
    fileName: row.file_name,
    status: row.status,
  };
}

function written(item: ExportLogItem): WrittenBundle {
  return { sequence: item.sequence, fileName: item.fileName, sessions: item.sessions, from: item.from, to: item.to };
}

function* after(sessions: Iterable<StoredSession>, id: number): Generator<StoredSession> {
  for (const s of sessions) if (s.id > id) yield s;
}

/** Writes a bundle and its CSV views into `folder`; throws (with an errno code) on any failure. */
export async function writeBundleFiles(fs: ExportFs, folder: string, fileName: string, bytes: Uint8Array): Promise<void> {
  const text = Buffer.from(bytes).toString('utf8');
  const checked = verifyBundleText(text);
  if (!checked.ok) throw new ExportVerifyError(`the bundle to write does not verify: ${checked.reason}`);
  await fs.mkdir(folder);
  // Views first, the bundle last: a complete JSON file means its views are complete too.
  const csvDir = join(folder, csvFolderName(fileName));
  await fs.mkdir(csvDir);
  for (const view of csvViews(checked.bundle)) {
    await writeFileAtomically(fs, csvDir, view.fileName, Buffer.from(view.content, 'utf8'));
  }
  await writeFileAtomically(fs, folder, fileName, bytes, (back) => {
    const result = verifyBundleText(Buffer.from(back).toString('utf8'));
    if (!result.ok) throw new ExportVerifyError(`${fileName} read back does not verify: ${result.reason}`);
  });
}

export function createExporter(deps: ExporterDeps): Exporter {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const fs = deps.fs ?? nodeExportFs;
  let busy = false;

  const selectLog = db.prepare('SELECT * FROM export_log ORDER BY sequence');
  const selectOne = db.prepare('SELECT * FROM export_log WHERE sequence = ?');
  const selectPending = db.prepare("SELECT * FROM export_log WHERE status = 'pending' ORDER BY sequence LIMIT 1");
  const selectLastVerified = db.prepare("SELECT * FROM export_log WHERE status = 'verified' ORDER BY sequence DESC LIMIT 1");
  const reservedUpTo = db.prepare('SELECT coalesce(max(last_session_id), 0) AS id, coalesce(max(sequence), 0) AS seq FROM export_log');
  const verifiedUpTo = db.prepare("SELECT coalesce(max(last_session_id), 0) AS id FROM export_log WHERE status = 'verified'");
  const countAfter = db.prepare('SELECT count(*) AS n FROM sessions WHERE id > ?');
  const insertPending = db.prepare(`INSERT INTO export_log (sequence, export_id, created_day, first_session_id, last_session_id,
      session_count, sha256, file_name, bundle, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`);
  const markVerified = db.prepare("UPDATE export_log SET status = 'verified', verified_day = ? WHERE sequence = ? AND status = 'pending'");

  const watermark = () => (verifiedUpTo.get() as { id: number }).id;

  /** Reserves the next bundle (one questionnaire run after the reserved watermark), or null. */
  const prepareNext = db.transaction((): LogRow | null => {
    if (selectPending.get()) throw new Error('a pending export must be written first');
    const reserved = reservedUpTo.get() as { id: number; seq: number };
    const identity = deps.identity();
    const settings = deps.settings();
    const sequence = reserved.seq + 1;
    // One pass over the new sessions, counted as they are read, up to the end of the first
    // questionnaire run (the same content buildUnsignedBundle would make of the run).
    const run = buildNextRun(after(deps.sessions(reserved.id), reserved.id), () => ({
      kiosk: { pseudonym: identity.pseudonym, siteCode: settings.siteCode, siteName: settings.siteName, publicKey: identity.publicKey },
      export: { id: randomUUID(), sequence, created: coarseDay(now()) },
    }));
    if (!run) return null;
    // Health goes before the tables, so a reader of the file meets it near the top.
    const { tables, ...head } = run.unsigned;
    const unsigned = deps.health ? { ...head, health: deps.health(), tables } : run.unsigned;
    const bundle = signBundle(unsigned, identity.privateKey);
    const bytes = Buffer.from(serializeBundle(bundle), 'utf8');
    const fileName = bundleFileName(identity.pseudonym, sequence);
    insertPending.run(sequence, bundle.export.id, bundle.export.created, run.firstId, run.lastId, run.sessions, bundle.integrity.sha256, fileName, bytes);
    return selectOne.get(sequence) as LogRow;
  });

  async function exclusive(task: () => Promise<ExportOutcome>): Promise<ExportOutcome> {
    if (busy) return { ok: false, reason: 'busy', bundles: [] };
    busy = true;
    try {
      return await task();
    } finally {
      busy = false;
    }
  }

  return {
    watermark,
    sessionsSinceExport: () => (countAfter.get(watermark()) as { n: number }).n,
    lastVerified() {
      const row = selectLastVerified.get() as LogRow | undefined;
      return row ? toItem(row) : null;
    },
    pending() {
      const row = selectPending.get() as LogRow | undefined;
      return row ? toItem(row) : null;
    },
    log: () => (selectLog.all() as LogRow[]).map(toItem),
    bundleBytes(sequence) {
      const row = selectOne.get(sequence) as LogRow | undefined;
      return row ? Buffer.from(row.bundle) : null;
    },
    exportTo(folder) {
      return exclusive(async () => {
        const bundles: WrittenBundle[] = [];
        for (;;) {
          const row = (selectPending.get() as LogRow | undefined) ?? prepareNext();
          if (!row) break;
          try {
            await writeBundleFiles(fs, folder, row.file_name, row.bundle);
          } catch (error) {
            return { ok: false, reason: classifyExportError(error), folder, bundles };
          }
          markVerified.run(coarseDay(now()), row.sequence);
          bundles.push(written(toItem({ ...row, status: 'verified' })));
        }
        if (bundles.length === 0) return { ok: false, reason: 'nothingToExport', folder, bundles };
        return { ok: true, folder, bundles };
      });
    },
    reissue(sequence, folder) {
      return exclusive(async () => {
        const row = selectOne.get(sequence) as LogRow | undefined;
        if (!row || row.status !== 'verified') return { ok: false, reason: 'unknownSequence', folder, bundles: [] };
        try {
          await writeBundleFiles(fs, folder, row.file_name, row.bundle);
        } catch (error) {
          return { ok: false, reason: classifyExportError(error), folder, bundles: [] };
        }
        return { ok: true, folder, bundles: [written(toItem(row))] };
      });
    },
  };
}
