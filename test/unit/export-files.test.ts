/**
 * Writing to a USB stick that fails: full (ENOSPC), read-only (EROFS), pulled out during the
 * write (ENOENT/EIO), access refused, or a file that reads back different. In every case the
 * export state stays where it was, nothing is lost, the message is translated, and the next
 * attempt writes the very same bundle and succeeds.
 */
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import frUi from '../../shared/i18n/locales/fr/ui.json';
import enUi from '../../shared/i18n/locales/en/ui.json';
import { EXPORT_FAILURES, type ExportFailure } from '../../shared/staff/types';
import { classifyExportError } from '../../electron/services/export/errors';
import { nodeExportFs, type ExportFs } from '../../electron/services/export/files';
import { cleanupKiosks, testKiosk, unlockedKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

type Step = keyof ExportFs;

/** The real file system, except that `step` fails with `code` on its `nth` call while `armed`. */
function failingFs(step: Step, code: string, nth = 1) {
  const state = { armed: true, calls: 0 };
  const fs = { ...nodeExportFs } as ExportFs;
  const real = nodeExportFs[step] as (...args: unknown[]) => Promise<unknown>;
  (fs as unknown as Record<string, unknown>)[step] = async (...args: unknown[]) => {
    if (state.armed && ++state.calls === nth) throw errno(code);
    return real(...args);
  };
  return { fs, state };
}

function watermarkOf(kiosk: Awaited<ReturnType<typeof testKiosk>>) {
  return {
    since: kiosk.services.exporter.sessionsSinceExport(),
    verified: kiosk.services.exporter.log().filter((e) => e.status === 'verified').length,
  };
}

const CASES: [string, Step, string, number, ExportFailure][] = [
  ['the stick is full while writing the bundle', 'writeSynced', 'ENOSPC', 17, 'noSpace'],
  ['the stick is full from the first CSV', 'writeSynced', 'ENOSPC', 1, 'noSpace'],
  ['the stick is read-only', 'mkdir', 'EROFS', 1, 'readOnly'],
  ['the stick is pulled out before the rename', 'rename', 'ENOENT', 17, 'mediaRemoved'],
  ['the stick stops answering while syncing', 'syncDir', 'EIO', 3, 'mediaRemoved'],
  ['the stick is pulled out before the read-back', 'readFile', 'ENODEV', 17, 'mediaRemoved'],
  ['the folder refuses writing', 'writeSynced', 'EACCES', 1, 'noPermission'],
];

describe('a failed export loses nothing and can be retried', () => {
  it.each(CASES)('%s', async (_what, step, code, nth, reason) => {
    const { fs, state } = failingFs(step, code, nth);
    const kiosk = await testKiosk({ exportFs: fs });
    kiosk.addQuickVisits(6);
    await unlockedKiosk(kiosk);
    const before = watermarkOf(kiosk);
    expect(before).toEqual({ since: 6, verified: 0 });

    const failed = await kiosk.services.handlers['staff:export'](undefined);
    expect(failed).toMatchObject({ ok: false, reason, bundles: [] });
    expect(watermarkOf(kiosk)).toEqual(before);
    // The bundle is kept as pending with its exact bytes; no temporary file is left behind.
    const pending = kiosk.services.exporter.pending();
    expect(pending).toMatchObject({ sequence: 1, status: 'pending', sessions: 6 });
    const folder = kiosk.folder.path as string;
    if (existsSync(folder)) expect(readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith('.tmp'))).toEqual([]);

    // Meanwhile a visitor arrives; then staff fix the stick and export again.
    kiosk.addQuickVisits(2);
    state.armed = false;
    const retried = await kiosk.services.handlers['staff:export'](undefined);
    expect(retried).toMatchObject({ ok: true, bundles: [{ sequence: 1, sessions: 6 }, { sequence: 2, sessions: 2 }] });
    const written = readFileSync(join(folder, pending?.fileName as string));
    expect(written.equals(kiosk.services.exporter.bundleBytes(1) as Buffer)).toBe(true);
    expect(JSON.parse(written.toString('utf8')).export.id).toBe(pending?.exportId);
    expect(watermarkOf(kiosk)).toMatchObject({ since: 0, verified: 2 });
  });

  it('a file that reads back different is not trusted (verifyFailed), then the retry succeeds', async () => {
    const state = { armed: true };
    const fs: ExportFs = {
      ...nodeExportFs,
      async readFile(file) {
        const bytes = await nodeExportFs.readFile(file);
        if (!state.armed || !file.endsWith('.json')) return bytes;
        const flipped = Buffer.from(bytes);
        const at = flipped.length - 10;
        flipped[at] = (flipped[at] ?? 0) ^ 1;
        return flipped;
      },
    };
    const kiosk = await testKiosk({ exportFs: fs });
    kiosk.addQuickVisits(3);
    await unlockedKiosk(kiosk);
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: false, reason: 'verifyFailed' });
    expect(kiosk.services.exporter.sessionsSinceExport()).toBe(3);
    state.armed = false;
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: true, bundles: [{ sequence: 1 }] });
  });

  it('a pending bundle whose stored bytes were damaged is checked before writing, and never reaches the stick', async () => {
    const { fs, state } = failingFs('writeSynced', 'ENOSPC', 1);
    const kiosk = await testKiosk({ exportFs: fs });
    kiosk.addQuickVisits(4);
    await unlockedKiosk(kiosk);
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: false, reason: 'noSpace' });
    // Still valid JSON and schema, but no longer what was hashed and signed.
    const stored = JSON.parse((kiosk.services.exporter.bundleBytes(1) as Buffer).toString('utf8'));
    stored.kiosk.siteName = `${stored.kiosk.siteName} (modifié)`;
    kiosk.services.db.prepare('UPDATE export_log SET bundle = ? WHERE sequence = 1').run(Buffer.from(JSON.stringify(stored), 'utf8'));
    state.armed = false;
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: false, reason: 'verifyFailed' });
    const folder = kiosk.folder.path as string;
    // (The first attempt left the empty views folder it had made before the stick was full.)
    expect(existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String).filter((f) => /\.(json|csv)$/.test(f)) : []).toEqual([]);
    expect(kiosk.services.exporter.sessionsSinceExport()).toBe(4);
  });

  it('a folder removed for real before the export: the kiosk says the stick is gone', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(2);
    await unlockedKiosk(kiosk);
    // A path under a file cannot be created: like a mount point whose device vanished.
    kiosk.folder.path = join(kiosk.dbFile, 'usb');
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: false, reason: 'mediaRemoved' });
    kiosk.folder.path = join(kiosk.dir, 'usb');
    rmSync(kiosk.folder.path, { recursive: true, force: true });
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: true });
  });

  it('cancelling the folder dialog changes nothing', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(2);
    await unlockedKiosk(kiosk);
    kiosk.folder.path = null;
    expect(await kiosk.services.handlers['staff:export'](undefined)).toEqual({ ok: false, reason: 'cancelled', bundles: [] });
    expect(kiosk.services.exporter.log()).toEqual([]);
  });

  it('one export at a time', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(2);
    await unlockedKiosk(kiosk);
    const [a, b] = await Promise.all([kiosk.services.handlers['staff:export'](undefined), kiosk.services.handlers['staff:export'](undefined)]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect([a, b].find((o) => !o.ok)).toMatchObject({ reason: 'busy' });
  });
});

describe('error messages', () => {
  it('maps the errno codes of a failing stick', () => {
    expect(classifyExportError(errno('ENOSPC'))).toBe('noSpace');
    expect(classifyExportError(errno('EDQUOT'))).toBe('noSpace');
    expect(classifyExportError(errno('EROFS'))).toBe('readOnly');
    expect(classifyExportError(errno('ENOENT'))).toBe('mediaRemoved');
    expect(classifyExportError(errno('EIO'))).toBe('mediaRemoved');
    expect(classifyExportError(errno('EACCES'))).toBe('noPermission');
    expect(classifyExportError(errno('EPERM'))).toBe('noPermission');
    expect(classifyExportError(new Error('weird'))).toBe('writeFailed');
  });

  it('every failure has a French and an English message', () => {
    for (const reason of EXPORT_FAILURES) {
      expect(frUi.staff.export.failure[reason], reason).toMatch(/\S/);
      expect(enUi.staff.export.failure[reason], reason).toMatch(/\S/);
    }
    expect(frUi.errors.staffLocked).toMatch(/verrouillé/);
  });
});
