/**
 * `reperes export`: the staff area's export from the command line. Loaded only when `export`
 * is asked for, and kept apart from `verify` and the analysts' commands: every module this
 * one imports is loaded before the export starts, so it imports only what an export runs
 * (test/unit/cli-module-graph.test.ts walks its imports).
 */
import { dirname, join, resolve } from 'node:path';
import { version as packageVersion } from '../../package.json';
import { openDatabase } from '../services/database';
import { createExporter } from '../services/export/exporter';
import { identityOf, openKioskIdentity } from '../services/identity';
import { checkExportEpoch, describeNewEpoch, rememberReserved } from '../services/export/epochs';
import { createCountStore } from '../services/counts';
import { createKioskHealth } from '../services/kiosk-health';
import { readSite } from '../services/site-settings';
import { epochLabel } from '../../shared/export/bundle';
import { keyFingerprint } from '../services/key-fingerprint';
import { printable } from '../../shared/printable';
import { questionnaire } from '../../shared/questionnaire/definition';
import type { ExportFailure } from '../../shared/staff/types';

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
    // The counts alone: the session repository (the one writer of counts) would load the
    // scoring and the questionnaire's hash, which an export never uses (bundles carry the
    // hash their counts were stored with).
    const counts = createCountStore(db);
    // The kiosk's health too, as from the staff area; of the staff alerts, only those the
    // database keeps (a recovery) are known to a command run beside a kiosk that may be stopped.
    const health = createKioskHealth({
      db,
      appVersion: packageVersion,
      questionnaireVersion: questionnaire.version,
      databaseFile: dbFile,
      backupsDir: join(dirname(resolve(dbFile)), 'backups'),
      alertKinds: () => (db.prepare('SELECT DISTINCT kind FROM kiosk_alerts').all() as { kind: string }[]).map((row) => row.kind),
    });
    const exporter = createExporter({
      db,
      identity: () => identity,
      // The two settings a bundle carries, read without the settings schema (site-settings.ts).
      site: () => readSite(db),
      counts,
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
