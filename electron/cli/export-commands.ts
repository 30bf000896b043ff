/**
 * `reperes export` and `reperes verify`: the staff area's export from the command line, and
 * the analysts' check of a bundle. Loaded only when one of them is asked for.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { openDatabase } from '../services/database';
import { createExporter } from '../services/export/exporter';
import { verifyBundleText } from '../services/export/signing';
import { ensureIdentity } from '../services/identity';
import { applyRetention } from '../services/retention';
import { createSessionRepository } from '../services/sessions';
import { createSettingsStore } from '../services/settings';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import type { ExportFailure } from '../../shared/staff/types';

export const EXPORT_FAILURE_TEXT: Record<ExportFailure, string> = {
  cancelled: 'cancelled',
  nothingToExport: 'nothing to export: every stored session is already in a verified export',
  busy: 'another export is running',
  noSpace: 'no space left on the destination',
  readOnly: 'the destination is read-only',
  mediaRemoved: 'the destination disappeared during the write (removed media?)',
  noPermission: 'permission denied on the destination',
  verifyFailed: 'the file read back does not match what was written',
  writeFailed: 'the files could not be written',
  unknownSequence: 'no verified export with that sequence number',
  noFolderPicker: 'no destination folder',
};

export interface ExportCommandResult {
  ok: boolean;
  lines: string[];
}

/** Same steps as the staff area's export button, with `out` as the chosen folder. */
export async function runExport(dbFile: string, outDir: string, now: Date = new Date()): Promise<ExportCommandResult> {
  const db = openDatabase(dbFile);
  try {
    const identity = ensureIdentity(db, now);
    const settings = createSettingsStore(db);
    const sessions = createSessionRepository(db, currentQuestionnaire.definition, () => settings.get().directory);
    const exporter = createExporter({ db, identity: () => identity, settings: () => settings.get(), sessions: (afterId) => sessions.since(afterId), now: () => now });
    const folder = resolve(outDir);
    const outcome = await exporter.exportTo(folder);
    const lines = outcome.bundles.map(
      (b) => `wrote ${resolve(folder, b.fileName)} (sequence ${b.sequence}, ${b.sessions} sessions, ${b.from} to ${b.to}, kiosk ${identity.pseudonym})`,
    );
    if (outcome.bundles.length > 0) {
      const { deleted } = applyRetention(db, { today: now, retentionMonths: settings.get().retentionMonths });
      if (deleted > 0) lines.push(`retention: deleted ${deleted} exported sessions older than ${settings.get().retentionMonths} months`);
    }
    if (outcome.ok) return { ok: true, lines };
    if (outcome.reason === 'nothingToExport') return { ok: true, lines: [...lines, EXPORT_FAILURE_TEXT.nothingToExport] };
    return { ok: false, lines: [...lines, `export failed: ${EXPORT_FAILURE_TEXT[outcome.reason]}; nothing was lost, run the export again`] };
  } finally {
    db.close();
  }
}

export async function runVerify(file: string, trustedPublicKey?: string): Promise<ExportCommandResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { ok: false, lines: [`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const result = verifyBundleText(text, trustedPublicKey === undefined ? {} : { trustedPublicKey });
  if (!result.ok) return { ok: false, lines: [`${file}: INVALID (${result.reason}): ${result.detail}`] };
  const { kiosk, export: e, questionnaire } = result.bundle;
  return {
    ok: true,
    lines: [
      `${file}: OK — schema, SHA-256 and Ed25519 signature verified`,
      `kiosk ${kiosk.pseudonym} (site ${kiosk.siteCode || '-'} ${kiosk.siteName}), export ${e.sequence} (${e.id}), ${e.sessions} sessions, ${e.from} to ${e.to}, questionnaire ${questionnaire.id} ${questionnaire.version}`,
    ],
  };
}
