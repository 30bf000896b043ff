/**
 * The kiosk's identity and staff secrets in a file of their own (electron/services/identity.ts):
 * moved out of the database of a kiosk installed before, written atomically, copied into
 * each daily backup and restored from it, and — when the file and its copies are all lost —
 * a new identity whose staff area stays shut until the recovery code printed at installation
 * is given. Through the real kiosk services and IPC gate, on real files.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/services/dispatch';
import { openDatabase } from '../../electron/services/database';
import {
  createIdentityStore,
  generateIdentity,
  identityFileFor,
  newIdentityFile,
  readIdentityFile,
  IDENTITY_BACKUP_PATTERN,
} from '../../electron/services/identity';
import { createKioskServices, KIOSK_DATABASE_FILE, type KioskServices } from '../../electron/services/kiosk';
import { MIGRATIONS } from '../../electron/services/migrations';
import { hashPin } from '../../electron/services/staff-auth';
import type { StaffOverview } from '../../shared/staff/types';
import { completedRecord } from '../fixtures/records';
import { FAST_SCRYPT } from './export-fixtures';

const PIN = '246813';
const opened: KioskServices[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const s of opened) if (s.db.open) s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'reperes-identity-'));
  dirs.push(dir);
  return dir;
}

function start(dir: string, backups = false): KioskServices {
  const services = createKioskServices({ userDataDir: dir, mode: 'kiosk', scrypt: FAST_SCRYPT, backups });
  opened.push(services);
  return services;
}

const call = (services: KioskServices, channel: string, payload?: unknown) => dispatch(services.handlers, true, channel, payload);

async function install(dir: string): Promise<{ services: KioskServices; recoveryCode: string }> {
  const services = start(dir);
  const response = await call(services, 'staff:set-first-pin', { pin: PIN });
  if (!response.ok || !(response.value as { ok: boolean }).ok) throw new Error(JSON.stringify(response));
  return { services, recoveryCode: (response.value as { recoveryCode: string }).recoveryCode };
}

const identityFile = (dir: string) => identityFileFor(join(dir, KIOSK_DATABASE_FILE));

describe('the identity file', () => {
  it('is created at first start beside the database, private (0600), whole JSON, with no temporary file left', async () => {
    const dir = tempDir();
    const { services } = await install(dir);
    expect(services.identityOrigin).toBe('created');
    const file = identityFile(dir);
    expect(file).toBe(join(dir, 'reperes-kiosk.identity.json'));
    const read = readIdentityFile(file);
    if (!read.ok) throw new Error(read.detail);
    expect(read.data.pseudonym).toBe(services.identity.pseudonym);
    expect(read.data.staff.pin).not.toBeNull();
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // Nothing of the identity or the PIN in the visits database.
    const tables = (services.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).not.toContain('staff_auth');
    expect(tables).not.toContain('kiosk_identity');
    const dump = JSON.stringify(services.db.prepare('SELECT * FROM kiosk_installation').all());
    expect(dump).not.toContain(read.data.privateKey);
    expect(dump).not.toContain(read.data.staff.pin?.hash ?? 'none');
  });

  it('keeps its old content when a write fails (the folder is gone): nothing half-written, the error reported', () => {
    const dir = tempDir();
    const file = join(dir, 'k.identity.json');
    const store = createIdentityStore(file, newIdentityFile(generateIdentity(new Date(2026, 10, 20))));
    store.update(() => undefined);
    const before = readFileSync(file, 'utf8');
    rmSync(file);
    // A file where the folder should be: every write into it fails.
    const blocked = createIdentityStore(join(file, 'inside.json'), store.get());
    writeFileSync(file, before);
    expect(() =>
      blocked.update((d) => {
        d.staff.lockedUntilMs = 123;
      }),
    ).toThrow();
    expect(blocked.get().staff.lockedUntilMs).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('is refused when damaged: bad JSON, unknown fields, or a key pair that no longer matches', () => {
    const dir = tempDir();
    const file = join(dir, 'k.identity.json');
    const good = newIdentityFile(generateIdentity(new Date(2026, 10, 20)));
    const other = generateIdentity(new Date(2026, 10, 20));
    for (const text of ['', '{', JSON.stringify({ ...good, extra: 1 }), JSON.stringify({ ...good, publicKey: other.publicKey }), JSON.stringify({ ...good, formatVersion: 2 })]) {
      writeFileSync(file, text);
      expect(readIdentityFile(file)).toMatchObject({ ok: false, reason: 'damaged' });
    }
    expect(readIdentityFile(join(dir, 'none.json'))).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('a kiosk installed before the identity file (migration 4)', () => {
  it('keeps its pseudonym, signing key and PIN, and nothing of them stays in the database', async () => {
    const dir = tempDir();
    const dbFile = join(dir, KIOSK_DATABASE_FILE);
    const old = openDatabase(dbFile, MIGRATIONS.filter((m) => m.version <= 3));
    const identity = generateIdentity(new Date(2025, 5, 1));
    const pin = await hashPin(PIN, FAST_SCRYPT);
    old.prepare('INSERT INTO kiosk_identity (id, pseudonym, public_key, private_key, created_day) VALUES (1, ?, ?, ?, ?)').run(identity.pseudonym, identity.publicKey, identity.privateKey, identity.createdDay);
    old.prepare('UPDATE staff_auth SET pin_hash = ?, pin_salt = ?, pin_params = ?, failed_attempts = 2 WHERE id = 1').run(pin.hash, pin.salt, JSON.stringify(pin.params));
    old.prepare("INSERT INTO settings (key, value) VALUES ('siteCode', '\"LABO\"')").run();
    old.close();

    const services = start(dir);
    expect(services.identityOrigin).toBe('loaded');
    expect(services.identity).toEqual(identity);
    expect(await call(services, 'staff:unlock', { pin: PIN })).toEqual({ ok: true, value: { ok: true } });
    expect(services.settings.get().siteCode).toBe('LABO');
    const tables = (services.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).not.toContain('staff_auth');
    expect(tables).not.toContain('kiosk_identity');
    // It has no recovery code yet: staff are told to make one.
    const overview = (await call(services, 'staff:overview')) as { ok: true; value: StaffOverview };
    expect(overview.value.alerts).toContainEqual({ kind: 'noRecoveryCode' });
    const made = (await call(services, 'staff:new-recovery-code', { currentPin: PIN })) as { ok: true; value: { ok: true; recoveryCode: string } };
    expect(made.value.recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const again = (await call(services, 'staff:overview')) as { ok: true; value: StaffOverview };
    expect(again.value.alerts).not.toContainEqual({ kind: 'noRecoveryCode' });
  });
});

describe('a damaged or lost identity file', () => {
  it('is restored from the newest backup copy: same kiosk, same PIN, the damaged file kept aside, staff told', async () => {
    const dir = tempDir();
    const { services } = await install(dir);
    const { pseudonym, publicKey } = services.identity;
    services.close();
    // A start with backups on writes the day's copies (database and identity).
    const withBackup = start(dir, true);
    await waitFor(() => readdirSync(join(dir, 'backups')).some((n) => IDENTITY_BACKUP_PATTERN.test(n)));
    withBackup.close();
    writeFileSync(identityFile(dir), '{"format": "reperes-kiosk-identity", "pseud');

    const restored = start(dir);
    expect(restored.identityOrigin).toBe('restoredFromBackup');
    expect(restored.identity).toMatchObject({ pseudonym, publicKey });
    expect(readdirSync(dir).some((n) => /^reperes-kiosk\.identity\.damaged-.*\.json$/.test(n))).toBe(true);
    expect(await call(restored, 'staff:unlock', { pin: PIN })).toEqual({ ok: true, value: { ok: true } });
    const overview = (await call(restored, 'staff:overview')) as { ok: true; value: StaffOverview };
    expect(overview.value.alerts.map((a) => a.kind)).toContain('identityRestored');
  });

  it('lost with every copy: a new identity, and the staff area stays shut until the recovery code', async () => {
    const dir = tempDir();
    const { services, recoveryCode } = await install(dir);
    await call(services, 'session:save', completedRecord());
    const { pseudonym } = services.identity;
    services.close();
    rmSync(identityFile(dir));
    rmSync(join(dir, 'backups'), { recursive: true, force: true });

    const lost = start(dir);
    expect(lost.identityOrigin).toBe('lost');
    expect(lost.identity.pseudonym).not.toBe(pseudonym);
    expect(await call(lost, 'staff:status')).toMatchObject({ ok: true, value: { pinSet: false, unlocked: false, recoveryRequired: true } });
    // No new PIN, no way in, no quit, no settings.
    expect(await call(lost, 'staff:set-first-pin', { pin: '111111' })).toEqual({ ok: true, value: { ok: false, reason: 'recoveryRequired' } });
    expect(await call(lost, 'staff:unlock', { pin: PIN })).toEqual({ ok: true, value: { ok: false, reason: 'noPin' } });
    for (const channel of ['staff:quit', 'staff:get-settings', 'staff:export']) expect(await call(lost, channel), channel).toEqual({ ok: false, error: { code: 'staffLocked' } });
    expect(await call(lost, 'staff:reset-pin', { newPin: '111111' })).toEqual({ ok: false, error: { code: 'staffLocked' } });
    expect(await call(lost, 'staff:recover', { code: 'AAAA-BBBB-CCCC-DDDD' })).toEqual({ ok: true, value: { ok: false, reason: 'wrongCode' } });

    // A restart changes nothing: still shut.
    lost.close();
    const again = start(dir);
    expect(again.identityOrigin).toBe('loaded');
    expect(await call(again, 'staff:set-first-pin', { pin: '111111' })).toEqual({ ok: true, value: { ok: false, reason: 'recoveryRequired' } });

    // The recovery code printed at installation still works (its hash was mirrored in the database).
    expect(await call(again, 'staff:recover', { code: recoveryCode })).toEqual({ ok: true, value: { ok: true } });
    const reset = (await call(again, 'staff:reset-pin', { newPin: '975310' })) as { ok: true; value: { ok: true; recoveryCode: string } };
    expect(reset.value).toMatchObject({ ok: true });
    expect(await call(again, 'staff:status')).toMatchObject({ ok: true, value: { pinSet: true, unlocked: true, recoveryRequired: false } });
    const overview = (await call(again, 'staff:overview')) as { ok: true; value: StaffOverview };
    expect(overview.value.alerts.map((a) => a.kind)).not.toContain('noRecoveryCode');
    await call(again, 'staff:lock');
    expect(await call(again, 'staff:unlock', { pin: '975310' })).toEqual({ ok: true, value: { ok: true } });
  });

  it('a first start with nothing in the folder is a new kiosk, not a lost one', () => {
    const dir = tempDir();
    const services = start(dir);
    expect(services.identityOrigin).toBe('created');
    expect(services.staffAuth.status()).toMatchObject({ pinSet: false, recoveryRequired: false });
    expect(existsSync(identityFile(dir))).toBe(true);
  });
});

describe('daily backups', () => {
  it('copy the identity file beside the database, the newest seven kept', async () => {
    const dir = tempDir();
    const { services } = await install(dir);
    services.close();
    const withBackup = start(dir, true);
    await waitFor(() => readdirSync(join(dir, 'backups')).some((n) => IDENTITY_BACKUP_PATTERN.test(n)));
    const copy = readdirSync(join(dir, 'backups')).find((n) => IDENTITY_BACKUP_PATTERN.test(n)) ?? '';
    const read = readIdentityFile(join(dir, 'backups', copy));
    if (!read.ok) throw new Error(read.detail);
    expect(read.data).toEqual(withBackup.identityStore.get());
    expect(readdirSync(join(dir, 'backups')).some((n) => /^reperes-kiosk-\d{4}-\d{2}-\d{2}\.db$/.test(n))).toBe(true);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if (condition()) return;
    } catch {
      /* not there yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}
