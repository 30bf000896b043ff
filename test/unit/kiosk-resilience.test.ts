/**
 * The kiosk as staff and citizens meet it when the disk misbehaves (issue 7): a damaged
 * database at start, a full disk during a session save and during an export — through the
 * real services and IPC gate, on a real small filesystem where this machine allows one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { createKioskServices, KIOSK_DATABASE_FILE, type KioskServices } from '../../electron/services/kiosk';
import type { StaffOverview } from '../../shared/staff/types';
import { completedRecord } from '../fixtures/records';
import { FAST_SCRYPT } from './export-fixtures';

const PIN = '246813';
const mounts: string[] = [];
const opened: KioskServices[] = [];

afterAll(() => {
  for (const s of opened) {
    try {
      s.close();
    } catch {
      /* already closed */
    }
  }
  for (const dir of mounts) {
    try {
      execFileSync('umount', [dir], { stdio: 'ignore' });
    } catch {
      /* not mounted */
    }
  }
});

function start(userDataDir: string): KioskServices {
  const services = createKioskServices({ userDataDir, mode: 'kiosk', scrypt: FAST_SCRYPT, backups: false, chooseExportFolder: async () => exportFolder });
  opened.push(services);
  return services;
}
let exportFolder: string | null = null;

async function call(services: KioskServices, channel: string, payload?: unknown) {
  return dispatch(services.handlers, true, channel, payload);
}

async function overview(services: KioskServices): Promise<StaffOverview> {
  const status = (await call(services, 'staff:status')) as { ok: true; value: { pinSet: boolean } };
  if (!status.value.pinSet) await call(services, 'staff:set-first-pin', { pin: PIN });
  await call(services, 'staff:unlock', { pin: PIN });
  const response = await call(services, 'staff:overview');
  if (!response.ok) throw new Error(JSON.stringify(response));
  return response.value as StaffOverview;
}

/** A tmpfs of `size` when running as root on Linux (CI here is); null elsewhere. */
function smallDisk(size: string): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'reperes-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    mounts.push(dir);
    return dir;
  } catch {
    return null;
  }
}

function fill(dir: string): string {
  const filler = join(dir, 'filler.bin');
  let size = 16 * 1024 * 1024;
  while (size >= 256) {
    try {
      writeFileSync(filler, Buffer.alloc(size), { flag: 'a' });
    } catch {
      size = Math.floor(size / 2);
    }
  }
  return filler;
}

describe('a damaged database at start', () => {
  it('keeps serving citizens on a new database and tells staff where the old file is, across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reperes-damaged-'));
    // An installed kiosk: PIN chosen, identity made.
    const installed = start(dir);
    await overview(installed);
    const { pseudonym, publicKey } = installed.identity;
    installed.close();
    writeFileSync(join(dir, KIOSK_DATABASE_FILE), 'ceci n’est pas une base SQLite'.repeat(200));
    const original = readFileSync(join(dir, KIOSK_DATABASE_FILE));

    const first = start(dir);
    expect(first.recovery).not.toBeNull();
    expect(readFileSync(first.recovery?.movedTo ?? '')).toEqual(original);
    await expect(call(first, 'session:save', completedRecord())).resolves.toEqual({ ok: true, value: { saved: true } });
    // Still the same kiosk, and its staff area is still closed behind the same PIN.
    expect(first.identity).toMatchObject({ pseudonym, publicKey });
    expect(first.identityOrigin).toBe('loaded');
    expect(await call(first, 'staff:status')).toMatchObject({ ok: true, value: { pinSet: true, unlocked: false, recoveryRequired: false } });
    expect(await call(first, 'staff:set-first-pin', { pin: '111111' })).toEqual({ ok: true, value: { ok: false, reason: 'pinAlreadySet' } });
    for (const channel of ['staff:quit', 'staff:get-settings', 'staff:overview', 'staff:export']) {
      expect(await call(first, channel), channel).toEqual({ ok: false, error: { code: 'staffLocked' } });
    }
    expect(await call(first, 'staff:update-settings', { siteName: 'Piraté' })).toEqual({ ok: false, error: { code: 'staffLocked' } });
    first.close();

    // After a restart the alert is still there for staff, behind the same PIN.
    const second = start(dir);
    expect(second.recovery).toBeNull();
    const { alerts, kioskPseudonym } = await overview(second);
    expect(kioskPseudonym).toBe(pseudonym);
    expect(alerts).toEqual([expect.objectContaining({ kind: 'databaseRecovered', movedTo: first.recovery?.movedTo })]);
    expect(second.sessions.count()).toBe(1);
  });
});

describe('a full disk', () => {
  it('during a session save: a gentle error for the citizen, an alert for staff, nothing lost, saved when space returns', async () => {
    const disk = smallDisk('12m');
    const dir = disk ?? mkdtempSync(join(tmpdir(), 'reperes-full-'));
    const services = start(join(dir, 'userData'));
    for (let i = 0; i < 10; i++) await call(services, 'session:save', completedRecord());
    expect(services.sessions.count()).toBe(10);
    await overview(services); // set the PIN while there is room
    if (!disk) {
      // No small filesystem on this machine: test/unit/pending-sessions.test.ts covers the
      // queue with injected ENOSPC/EROFS errors.
      return;
    }
    const filler = fill(dir);
    const refused = await call(services, 'session:save', completedRecord({ durationS: 777 }));
    expect(refused).toEqual({ ok: false, error: { code: 'storageFull' } });
    await call(services, 'session:save', completedRecord({ durationS: 888 }));
    expect(services.pending.count()).toBe(2);

    rmSync(filler);
    const after = await overview(services);
    // The overview itself does not write; the alert is there until the retry runs.
    expect(after.alerts).toContainEqual({ kind: 'storageFull', waitingSessions: 2 });
    expect(services.pending.flush()).toBe(2);
    expect(services.sessions.count()).toBe(12);
    expect((await overview(services)).alerts).toEqual([]);
    expect(services.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('during an export to a full USB stick: a clear reason, the watermark unchanged, and the retry succeeds', async () => {
    const stick = smallDisk('2m');
    if (!stick) return; // injected ENOSPC/EROFS/removed-folder cases: test/unit/export-files.test.ts
    const dir = mkdtempSync(join(tmpdir(), 'reperes-export-'));
    const services = start(dir);
    for (let i = 0; i < 30; i++) await call(services, 'session:save', completedRecord());
    await overview(services);
    const filler = fill(stick);
    exportFolder = stick;
    const failed = (await call(services, 'staff:export')) as { ok: true; value: { ok: boolean; reason?: string } };
    expect(failed.value).toMatchObject({ ok: false, reason: 'noSpace' });
    expect((await overview(services)).sessionsSinceExport).toBe(30);

    rmSync(filler);
    const retried = (await call(services, 'staff:export')) as { ok: true; value: { ok: boolean } };
    expect(retried.value.ok).toBe(true);
    expect((await overview(services)).sessionsSinceExport).toBe(0);
  });
});
