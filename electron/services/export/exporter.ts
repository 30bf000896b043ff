/**
 * Signed exports of the kiosk's counts (the contract: docs/export-format.md).
 *
 * Periods and sequence. Visits are added to the counts of the open period (counts.ts). An
 * export closes that period and signs its counts, one bundle per questionnaire version; each
 * (period, questionnaire) gets one bundle at most (a UNIQUE key of the log), so no count is
 * exported twice and none is skipped. Bundles are numbered 1, 2, 3… in the export log.
 *
 * Two steps, so that a failure loses nothing and a retry cannot fork history:
 *  1. prepare: in one transaction, close the open period, build and sign the next bundle and
 *     store its exact bytes in the log as 'pending' (its sequence and counts are now reserved);
 *  2. check its bytes (hash and signature: the bundle this kiosk signed, undamaged), write them
 *     to the staff's folder (atomic, fsynced, read back and compared byte for byte), then mark
 *     it 'verified'.
 * A pending bundle is written again, byte for byte, by the next attempt before anything new,
 * so if a failed attempt had in fact reached the stick, the analysts receive the same bundle
 * twice (same id), never two different bundles with one sequence number. Re-issuing writes
 * the stored bytes: byte for byte.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import type { KioskIdentity } from '../identity';
import type { CountStore } from '../counts';
import type { Site } from '../../../shared/settings/site';
import type { KioskHealth } from '../../../shared/export/health';
import { bundleFileName, bundleOfTables, serializeBundle, type Bundle } from '../../../shared/export/bundle';
import { csvFolderName, csvViews } from '../../../shared/export/csv';
import { coarseDay } from '../../../shared/session/day';
import type { ExportLogItem, ExportOutcome, WrittenBundle } from '../../../shared/staff/types';
import { classifyExportError } from './errors';
import { nodeExportFs, writeFileAtomically, type ExportFs } from './files';
import { keyFingerprint } from '../key-fingerprint';
import { signBundle, verifyOwnBundleText } from './signing';
import { join } from 'node:path';

export interface ExporterDeps {
  db: Db;
  identity: () => KioskIdentity;
  /** The site's code and name, as staff set them (they travel in every bundle). */
  site: () => Site;
  /** The kiosk's counts (counts.ts). */
  counts: CountStore;
  now?: () => Date;
  fs?: ExportFs;
  /**
   * The kiosk's health for the bundle being reserved (kiosk-health.ts `takeForBundle`): called
   * once per bundle inside the transaction that stores it. Without it, bundles carry no health.
   */
  health?: () => KioskHealth;
  /** The export epoch (epochs.ts): '' for the first one, whose bundles carry none. Default ''. */
  epoch?: () => string;
  /**
   * Called with a bundle's epoch and sequence after it is reserved and before its bytes go to
   * the folder: the identity file remembers it, so that a database restored later is found
   * behind what may already be on a stick. If it throws, nothing is written (the bundle stays
   * pending, written by the next attempt).
   */
  onReserved?: (epoch: string, sequence: number) => void;
}

interface LogRow {
  sequence: number;
  export_id: string;
  created_day: string;
  epoch: string;
  period: number | null;
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
  /** Visits counted but not yet in a verified export. */
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

/** Writes a bundle and its CSV views into `folder`; throws (with an errno code) on any failure. */
export async function writeBundleFiles(fs: ExportFs, folder: string, fileName: string, bytes: Uint8Array): Promise<void> {
  const text = Buffer.from(bytes).toString('utf8');
  const checked = verifyOwnBundleText(text);
  if (!checked.ok) throw new ExportVerifyError(`the bundle to write does not verify: ${checked.reason}`);
  await fs.mkdir(folder);
  // Views first, the bundle last: a complete JSON file means its views are complete too.
  const csvDir = join(folder, csvFolderName(fileName));
  await fs.mkdir(csvDir);
  for (const view of csvViews(checked.bundle, keyFingerprint(checked.bundle.kiosk.publicKey))) {
    await writeFileAtomically(fs, csvDir, view.fileName, Buffer.from(view.content, 'utf8'));
  }
  // Read back and compared byte for byte with the bytes verified above (writeFileAtomically):
  // equal bytes carry the same hash and signature, so verifying them again would only repeat
  // the hash and signature checks.
  await writeFileAtomically(fs, folder, fileName, bytes);
}

export function createExporter(deps: ExporterDeps): Exporter {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const fs = deps.fs ?? nodeExportFs;
  let busy = false;

  // The staff's list is the current epoch's: its sequences are the ones `reissue` finds (the
  // earlier epochs' bundles were delivered, and their numbers would be mistaken for these).
  const selectLog = db.prepare('SELECT * FROM export_log WHERE epoch = ? ORDER BY sequence');
  const epochOf = deps.epoch ?? (() => '');
  const selectOne = db.prepare('SELECT * FROM export_log WHERE epoch = ? AND sequence = ?');
  const selectPending = db.prepare("SELECT * FROM export_log WHERE status = 'pending' ORDER BY epoch, sequence LIMIT 1");
  // The newest: the current epoch's highest sequence, else (just after a new epoch) any other.
  const selectLastVerified = db.prepare("SELECT * FROM export_log WHERE status = 'verified' ORDER BY epoch = ? DESC, sequence DESC LIMIT 1");
  const lastSequence = db.prepare('SELECT coalesce(max(sequence), 0) FROM export_log WHERE epoch = ?').pluck();
  const exported = db.prepare('SELECT 1 FROM export_log WHERE period = ? AND questionnaire_id = ? AND questionnaire_version = ? AND questionnaire_hash = ?');
  const notExported = db
    .prepare(
      `SELECT coalesce(sum(v.visits), 0) FROM visit_counts v WHERE v.period >= 1 AND NOT EXISTS (
         SELECT 1 FROM export_log e WHERE e.status = 'verified' AND e.period = v.period AND e.questionnaire_id = v.questionnaire_id
           AND e.questionnaire_version = v.questionnaire_version AND e.questionnaire_hash = v.questionnaire_hash)`,
    )
    .pluck();
  const insertPending = db.prepare(`INSERT INTO export_log (epoch, sequence, export_id, created_day, period, questionnaire_id, questionnaire_version,
      questionnaire_hash, session_count, sha256, file_name, bundle, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending')`);
  const markVerified = db.prepare("UPDATE export_log SET status = 'verified', verified_day = ? WHERE epoch = ? AND sequence = ? AND status = 'pending'");

  /** Closes the open period and reserves the next bundle (one not yet exported group of counts), or null. */
  const prepareNext = db.transaction((): LogRow | null => {
    if (selectPending.get()) throw new Error('a pending export must be written first');
    deps.counts.closeOpenPeriod();
    const group = deps.counts.closedGroups().find((g) => !exported.get(g.period, g.questionnaire.id, g.questionnaire.version, g.questionnaire.hash));
    if (!group) return null;
    const identity = deps.identity();
    const site = deps.site();
    const epoch = epochOf();
    // Sequences run per epoch: a new epoch starts again at 1.
    const sequence = (lastSequence.get(epoch) as number) + 1;
    const counted = bundleOfTables(
      {
        kiosk: { pseudonym: identity.pseudonym, siteCode: site.siteCode, siteName: site.siteName, publicKey: identity.publicKey },
        questionnaire: { ...group.questionnaire },
        export: { id: randomUUID(), ...(epoch === '' ? {} : { epoch }), sequence, created: coarseDay(now()) },
      },
      { from: group.from, to: group.to, sessions: group.visits },
      deps.counts.tablesOf(group),
    );
    // Health goes before the tables, so a reader of the file meets it near the top.
    const { tables, ...head } = counted;
    const unsigned = deps.health ? { ...head, health: deps.health(), tables } : counted;
    const bundle = signBundle(unsigned, identity.privateKey);
    const bytes = Buffer.from(serializeBundle(bundle), 'utf8');
    const fileName = bundleFileName(identity.pseudonym, sequence, epoch === '' ? undefined : epoch);
    const q = group.questionnaire;
    insertPending.run(epoch, sequence, bundle.export.id, bundle.export.created, group.period, q.id, q.version, q.hash, group.visits, bundle.integrity.sha256, fileName, bytes);
    return selectOne.get(epoch, sequence) as LogRow;
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
    sessionsSinceExport: () => notExported.get() as number,
    lastVerified() {
      const row = selectLastVerified.get(epochOf()) as LogRow | undefined;
      return row ? toItem(row) : null;
    },
    pending() {
      const row = selectPending.get() as LogRow | undefined;
      return row ? toItem(row) : null;
    },
    log: () => (selectLog.all(epochOf()) as LogRow[]).map(toItem),
    bundleBytes(sequence) {
      const row = selectOne.get(epochOf(), sequence) as LogRow | undefined;
      return row ? Buffer.from(row.bundle) : null;
    },
    exportTo(folder) {
      return exclusive(async () => {
        const bundles: WrittenBundle[] = [];
        for (;;) {
          const row = (selectPending.get() as LogRow | undefined) ?? prepareNext();
          if (!row) break;
          try {
            deps.onReserved?.(row.epoch, row.sequence);
            await writeBundleFiles(fs, folder, row.file_name, row.bundle);
          } catch (error) {
            return { ok: false, reason: classifyExportError(error), folder, bundles };
          }
          markVerified.run(coarseDay(now()), row.epoch, row.sequence);
          bundles.push(written(toItem({ ...row, status: 'verified' })));
        }
        if (bundles.length === 0) return { ok: false, reason: 'nothingToExport', folder, bundles };
        return { ok: true, folder, bundles };
      });
    },
    reissue(sequence, folder) {
      return exclusive(async () => {
        // Sequences of the current epoch: the staff's log lists them (earlier epochs were delivered).
        const row = selectOne.get(epochOf(), sequence) as LogRow | undefined;
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
