/**
 * `reperes export` and `reperes verify`: the staff area's export from the command line, and
 * the analysts' check of bundles. Loaded only when one of them is asked for.
 */
import { dirname, join, resolve } from 'node:path';
import { version as packageVersion } from '../../package.json';
import { openDatabase } from '../services/database';
import { createExporter } from '../services/export/exporter';
import { identityOf, openKioskIdentity } from '../services/identity';
import { checkExportEpoch, describeNewEpoch, rememberReserved } from '../services/export/epochs';
import { createKioskHealth } from '../services/kiosk-health';
import { createSessionRepository } from '../services/sessions';
import { createSettingsStore } from '../services/settings';
import { checkBundleBytes, readLimited } from '../services/analyst/bundle-file';
import { checkBundleSize, checkDates, checkTables, DEFAULT_LIMITS } from '../services/analyst/guards';
import { epochLabel } from '../services/analyst/importer';
import { analystText } from '../../shared/analyst/texts';
import { keyFingerprint, sameKey } from '../../shared/key-fingerprint';
import { printable } from '../../shared/printable';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import type { ExportFailure } from '../../shared/staff/types';
import { expandBundlePaths } from './bundle-paths';

/** Each failure of an export, with what to do about it (nothing is lost in any of them). */
export const EXPORT_FAILURE_TEXT: Record<ExportFailure, string> = {
  cancelled: 'cancelled; nothing was written',
  nothingToExport: 'nothing to export: every counted visit is already in a verified export',
  busy: 'another export is running: wait for it to finish, then run the command again',
  noSpace: 'no space left on the destination: free some space or use another stick, then run the command again',
  readOnly: 'the destination is read-only (a locked USB stick?): unlock it or choose another folder for --out, then run the command again',
  mediaRemoved: 'the destination disappeared during the write (USB stick pulled out?): plug it back in, then run the command again',
  noPermission: 'permission denied on the destination: choose a folder you may write to for --out',
  verifyFailed: 'the file read back differs from what was written (a failing stick?): run the command again, with another stick if it fails again',
  writeFailed: 'the files could not be written: check the destination, then run the command again',
  unknownSequence: 'no verified export with that sequence number',
  noFolderPicker: 'no destination folder: give one with --out',
};

export interface ExportCommandResult {
  ok: boolean;
  lines: string[];
}

/** Same steps as the staff area's export button, with `out` as the chosen folder (already checked writable). */
export async function runExport(dbFile: string, outDir: string, now: Date = new Date()): Promise<ExportCommandResult> {
  const db = openDatabase(dbFile);
  try {
    // The identity file beside the database, as the kiosk opens it (no backup folder: a
    // command never puts an identity back from a copy), then the export epoch's check.
    const identityStore = openKioskIdentity({ db, databaseFile: db.name, backupsDir: null, now }).store;
    const identity = identityOf(identityStore.get());
    const epoch = checkExportEpoch(db, identityStore);
    const settings = createSettingsStore(db);
    const sessions = createSessionRepository(db, currentQuestionnaire.definition, () => settings.get().directory);
    // The kiosk's health too, as from the staff area; of the staff alerts, only those the
    // database keeps (a recovery) are known to a command run beside a kiosk that may be stopped.
    const health = createKioskHealth({
      db,
      appVersion: packageVersion,
      questionnaireVersion: currentQuestionnaire.definition.version,
      databaseFile: dbFile,
      backupsDir: join(dirname(resolve(dbFile)), 'backups'),
      alertKinds: () => (db.prepare('SELECT DISTINCT kind FROM kiosk_alerts').all() as { kind: string }[]).map((row) => row.kind),
    });
    const exporter = createExporter({
      db,
      identity: () => identity,
      settings: () => settings.get(),
      counts: sessions.counts,
      now: () => now,
      health: () => health.takeForBundle(),
      epoch: () => identityStore.get().exports.epoch,
      onReserved: rememberReserved(identityStore),
    });
    const folder = resolve(outDir);
    const epochLines = epoch.opened ? [describeNewEpoch(epoch)] : [];
    const outcome = await exporter.exportTo(folder);
    const shownEpoch = epoch.epoch === '' ? '' : `epoch ${epochLabel(epoch.epoch)}, `;
    const lines = [
      ...epochLines,
      ...outcome.bundles.map(
        (b) => `wrote ${printable(resolve(folder, b.fileName))} (${shownEpoch}sequence ${b.sequence}, ${b.sessions} sessions, ${b.from} to ${b.to}, kiosk ${identity.pseudonym})`,
      ),
    ];
    if (outcome.bundles.length > 0) {
      lines.push(`kiosk ${identity.pseudonym}, key fingerprint ${keyFingerprint(identity.publicKey)}`);
    }
    if (outcome.ok) return { ok: true, lines };
    if (outcome.reason === 'nothingToExport') return { ok: true, lines: [...lines, EXPORT_FAILURE_TEXT.nothingToExport] };
    return { ok: false, lines: [...lines, `export failed: ${EXPORT_FAILURE_TEXT[outcome.reason]}; no session was lost`] };
  } finally {
    db.close();
  }
}

/** One bundle file through the import's own checks, then its plausibility (dates, tables, size). */
async function verifyOne(file: string, trustedPublicKey: string | undefined, today: Date): Promise<{ ok: boolean; lines: string[] }> {
  const shown = printable(file);
  const read = await readLimited(file);
  if (!read.ok) return { ok: false, lines: [`${shown}: INVALID (${read.reason}): ${analystText('en', `import.reason.${read.reason}`)} ${printable(read.detail)}`] };
  const checked = checkBundleBytes(read.bytes);
  if (!checked.ok) return { ok: false, lines: [`${shown}: INVALID (${checked.reason}): ${analystText('en', `import.reason.${checked.reason}`)} ${printable(checked.detail)}`] };
  const { kiosk, export: e, questionnaire } = checked.bundle;
  const fingerprint = keyFingerprint(kiosk.publicKey);
  if (trustedPublicKey !== undefined && !sameKey(trustedPublicKey, kiosk.publicKey)) {
    return { ok: false, lines: [`${shown}: INVALID (untrustedKey): signed by the key ${fingerprint}, not by the key given with --public-key`] };
  }
  const implausible = checkDates(checked.bundle, today) ?? checkBundleSize(checked.bundle, DEFAULT_LIMITS) ?? checkTables(checked.bundle);
  if (implausible) {
    return { ok: false, lines: [`${shown}: IMPLAUSIBLE (${implausible.reason}): ${analystText('en', `import.reason.${implausible.reason}`)} ${printable(implausible.detail)}`] };
  }
  const epoch = e.epoch === undefined ? '' : `, epoch ${epochLabel(e.epoch)}`;
  return {
    ok: true,
    lines: [
      `${shown}: OK — schema, SHA-256 and Ed25519 signature verified; dates, tables and counts plausible`,
      `  kiosk ${kiosk.pseudonym} (site ${printable(kiosk.siteCode) || '-'} ${printable(kiosk.siteName)}), key fingerprint ${fingerprint}`,
      `  export ${e.sequence}${epoch} (${e.id}), ${e.sessions} sessions, ${e.from} to ${e.to}, created ${e.created}, questionnaire ${questionnaire.id} ${questionnaire.version}`,
    ],
  };
}

/** `reperes verify`: every bundle file the paths (files and folders) stand for. */
export async function runVerify(paths: readonly string[], trustedPublicKey?: string, today: Date = new Date()): Promise<ExportCommandResult & { errors: string[] }> {
  const { files, problems } = await expandBundlePaths(paths);
  const errors = problems.map(({ path, problem }) =>
    problem === 'missing' ? `${printable(path)}: does not exist` : problem === 'noBundleFiles' ? `${printable(path)}: no export file (reperes-….json) in this folder or its sub-folders` : `${printable(path)}: too many files; verify its sub-folders one by one`,
  );
  const lines: string[] = [];
  let valid = 0;
  for (const file of files) {
    const result = await verifyOne(file, trustedPublicKey, today);
    (result.ok ? lines : errors).push(...result.lines);
    if (result.ok) valid++;
  }
  if (files.length > 1 || problems.length > 0) lines.push(`${valid} valid, ${files.length - valid} invalid${problems.length ? `, ${problems.length} path(s) without export files` : ''}`);
  if (files.length === 0) errors.push(`nothing verified: no export file in ${paths.map(printable).join(', ')}`);
  return { ok: files.length > 0 && valid === files.length && problems.length === 0, lines, errors };
}
