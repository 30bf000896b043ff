/**
 * The support bundle (electron/services/support-bundle.ts): the folder staff write to a USB
 * stick for the technician holds the logs, the kiosk's status and the export list, and
 * nothing of any visit (no session row, no answer), nor the PIN's hash or the signing key.
 * A stick that fails gets the exports' reasons, and leaves the kiosk's state untouched.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { version } from '../../package.json';
import enUi from '../../shared/i18n/locales/en/ui.json';
import frUi from '../../shared/i18n/locales/fr/ui.json';
import { questionnaireStamp } from '../../shared/questionnaire/current';
import { SUPPORT_BUNDLE_FAILURES, type SupportBundleOutcome } from '../../shared/staff/types';
import { schemaVersion } from '../../electron/services/database';
import { nodeExportFs, type ExportFs } from '../../electron/services/export/files';
import { completedRecord } from '../fixtures/records';
import { cleanupKiosks, testKiosk, type TestKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

const PIN = '246810';

/** The real file system; while armed, `step` fails with `code` on its `nth` call. */
function failingFs(step: keyof ExportFs, code: string, nth = 1) {
  const state = { armed: false, calls: 0 };
  const fs = { ...nodeExportFs } as ExportFs;
  const real = nodeExportFs[step] as (...args: unknown[]) => Promise<unknown>;
  (fs as unknown as Record<string, unknown>)[step] = async (...args: unknown[]) => {
    if (state.armed && ++state.calls === nth) throw Object.assign(new Error(`${code}: simulated`), { code });
    return real(...args);
  };
  return { fs, state };
}

/** Five completed visits, two abandoned ones, one export, the staff area unlocked. */
async function kioskWithHistory(exportFs?: ExportFs): Promise<TestKiosk> {
  const kiosk = await testKiosk(exportFs ? { exportFs } : {});
  const h = kiosk.services.handlers;
  for (let i = 0; i < 5; i++) await h['session:save'](completedRecord());
  for (let i = 0; i < 2; i++) {
    await h['session:save'](completedRecord({ status: 'abandoned', lastStep: 'smartphone', answers: { ageBand: 'A60_74', commune: 'C59122', accompanied: 'ALONE' } }));
  }
  await h['staff:set-first-pin']({ pin: PIN });
  expect(await h['staff:export'](undefined)).toMatchObject({ ok: true, bundles: [{ sequence: 1, sessions: 7 }] });
  // One more visit after the export.
  await h['session:save'](completedRecord());
  return kiosk;
}

function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile()).sort();
}

/** What the kiosk's export state looks like: a support bundle must leave it exactly so. */
function exportState(kiosk: TestKiosk) {
  return {
    openPeriod: kiosk.services.sessions.counts.openPeriod(),
    since: kiosk.services.exporter.sessionsSinceExport(),
    log: kiosk.services.exporter.log(),
    sessions: kiosk.services.sessions.count(),
  };
}

describe('the support bundle', () => {
  it('holds the logs, status.json, export-log.json, a README and a manifest', async () => {
    const kiosk = await kioskWithHistory();
    const before = exportState(kiosk);
    const outcome = (await kiosk.services.handlers['staff:support-bundle'](undefined)) as SupportBundleOutcome;
    expect(outcome).toMatchObject({ ok: true, folder: kiosk.folder.path });
    if (!outcome.ok) return;
    expect(outcome.folderName).toMatch(/^reperes-assistance-K-[0-9A-Z]{5}-[0-9A-Z]{5}-2026-11-20-1200$/);
    const root = join(kiosk.folder.path as string, outcome.folderName);
    expect(files(root)).toEqual(['LISEZMOI.txt', 'export-log.json', join('logs', 'reperes.log'), 'manifest.json', 'status.json']);
    expect(outcome.files.sort()).toEqual(['LISEZMOI.txt', 'export-log.json', 'logs/reperes.log', 'manifest.json', 'status.json']);

    const status = JSON.parse(readFileSync(join(root, 'status.json'), 'utf8'));
    expect(status).toMatchObject({
      format: 'reperes-support',
      app: { version, mode: 'kiosk', node: process.versions.node },
      kiosk: { pseudonym: kiosk.services.identity.pseudonym },
      questionnaire: questionnaireStamp(),
      database: { schemaVersion: schemaVersion(kiosk.services.db), bytes: expect.any(Number) },
      sessions: { completed: 6, abandoned: 2, total: 8, sinceExport: 1 },
      lastExport: { sequence: 1, day: '2026-11-20', sessions: 7 },
      pendingExport: null,
      alerts: [],
      settings: { smallCellK: 5, directoryPlaces: expect.any(Number) },
      logs: ['reperes.log'],
    });
    expect(status.database.bytes).toBeGreaterThan(0);
    expect(status.settings).not.toHaveProperty('directory');

    const log = JSON.parse(readFileSync(join(root, 'export-log.json'), 'utf8'));
    const row = kiosk.services.db.prepare('SELECT export_id, sha256, file_name FROM export_log WHERE sequence = 1').get() as { export_id: string; sha256: string; file_name: string };
    expect(log).toEqual([
      expect.objectContaining({ sequence: 1, exportId: row.export_id, sha256: row.sha256, fileName: row.file_name, createdDay: '2026-11-20', verifiedDay: '2026-11-20', status: 'verified', sessions: 7 }),
    ]);

    // The log inside holds the events so far, the export among them.
    const logText = readFileSync(join(root, 'logs', 'reperes.log'), 'utf8');
    expect(logText).toContain('"event":"export.written"');
    expect(logText).toContain('"event":"staff.pinSet"');

    // The manifest names every other file with its size and hash.
    const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as { files: { name: string; bytes: number; sha256: string }[] };
    expect(manifest.files.map((f) => f.name).sort()).toEqual(['LISEZMOI.txt', 'export-log.json', 'logs/reperes.log', 'status.json']);
    for (const f of manifest.files) {
      const bytes = readFileSync(join(root, f.name));
      expect(bytes.length).toBe(f.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }

    // Writing it changed nothing in the kiosk's state; the journal records it.
    expect(exportState(kiosk)).toEqual(before);
    expect((await kiosk.services.handlers['staff:logs'](undefined))[0]).toMatchObject({ event: 'support.written', details: { fileName: outcome.folderName, files: 5 } });
  });

  it('holds no session data, no answer code, no PIN hash and no private key', async () => {
    const kiosk = await kioskWithHistory();
    const outcome = (await kiosk.services.handlers['staff:support-bundle'](undefined)) as SupportBundleOutcome;
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    const root = join(kiosk.folder.path as string, outcome.folderName);
    const { pin, recoveryCode } = kiosk.services.identityStore.get().staff;
    const auth = { pin_hash: pin?.hash ?? '', pin_salt: pin?.salt ?? '' };
    const { privateKey } = kiosk.services.identity;
    // The secrets exist, so that their absence below means something.
    expect(auth.pin_hash.length).toBeGreaterThan(20);
    expect(recoveryCode?.hash.length).toBeGreaterThan(20);
    expect(privateKey.length).toBeGreaterThan(40);
    const everything = files(root)
      .map((f) => readFileSync(join(root, f), 'utf8'))
      .join('\n');
    for (const secret of ['A60_74', 'C59122', 'EVERY_WEEK', '"answers"', '"ageBand"', PIN, auth.pin_hash, auth.pin_salt, recoveryCode?.hash ?? '', privateKey, privateKey.slice(0, 40)]) {
      expect(everything, secret).not.toContain(secret);
    }
    // Nor the user-data folder's absolute path (the user's home).
    expect(everything).not.toContain(kiosk.dir);
  });

  it('cancelled dialog: nothing written, reason given', async () => {
    const kiosk = await kioskWithHistory();
    kiosk.folder.path = null;
    expect(await kiosk.services.handlers['staff:support-bundle'](undefined)).toEqual({ ok: false, reason: 'cancelled' });
  });

  it('is staff-only', async () => {
    const kiosk = await kioskWithHistory();
    await kiosk.services.handlers['staff:lock'](undefined);
    await expect(Promise.resolve().then(() => kiosk.services.handlers['staff:support-bundle'](undefined))).rejects.toMatchObject({ code: 'STAFF_LOCKED' });
  });

  const CASES: [string, keyof ExportFs, string, number, string][] = [
    ['the stick is full', 'writeSynced', 'ENOSPC', 2, 'noSpace'],
    ['the stick is read-only', 'mkdir', 'EROFS', 1, 'readOnly'],
    ['the stick is pulled out before a rename', 'rename', 'ENOENT', 3, 'mediaRemoved'],
    ['the stick stops answering while syncing', 'syncDir', 'EIO', 1, 'mediaRemoved'],
    ['the folder refuses writing', 'writeSynced', 'EACCES', 1, 'noPermission'],
  ];

  it.each(CASES)('%s: a clear reason, the export state untouched, and the retry succeeds', async (_what, step, code, nth, reason) => {
    const { fs, state } = failingFs(step, code, nth);
    const kiosk = await kioskWithHistory(fs);
    const before = exportState(kiosk);
    state.armed = true;
    const failed = await kiosk.services.handlers['staff:support-bundle'](undefined);
    expect(failed).toEqual({ ok: false, reason, folder: kiosk.folder.path });
    expect(exportState(kiosk)).toEqual(before);
    expect((await kiosk.services.handlers['staff:logs'](undefined))[0]).toMatchObject({ level: 'warn', event: 'support.failed', details: { reason, code } });
    // No temporary file is left behind on the stick.
    expect(files(kiosk.folder.path as string).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    state.armed = false;
    expect(await kiosk.services.handlers['staff:support-bundle'](undefined)).toMatchObject({ ok: true });
    expect(exportState(kiosk)).toEqual(before);
  });

  it('a file that reads back different is not trusted (verifyFailed)', async () => {
    const state = { armed: false };
    const fs: ExportFs = {
      ...nodeExportFs,
      readFile: async (file) => {
        const bytes = await nodeExportFs.readFile(file);
        return state.armed ? Buffer.concat([Buffer.from(bytes), Buffer.from('x')]) : bytes;
      },
    };
    const kiosk = await kioskWithHistory(fs);
    state.armed = true;
    expect(await kiosk.services.handlers['staff:support-bundle'](undefined)).toMatchObject({ ok: false, reason: 'verifyFailed' });
  });

  it('every failure reason has a French and an English text', () => {
    for (const reason of SUPPORT_BUNDLE_FAILURES) {
      expect(frUi.staff.logs.support.failure[reason], reason).toBeTruthy();
      expect(enUi.staff.logs.support.failure[reason], reason).toBeTruthy();
    }
  });
});
