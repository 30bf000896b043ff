/**
 * The staff area's lock, in the main process: scrypt PIN hashing, no default PIN, growing
 * lockouts after 5 wrong PINs that survive a restart, the inactivity lock, and every staff
 * channel refusing with 'staffLocked' through the real dispatch gate.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/ipc/contract';
import { dispatch } from '../../electron/services/dispatch';
import {
  DEFAULT_SCRYPT,
  FIRST_LOCKOUT_MS,
  MAX_LOCKOUT_MS,
  StaffLockedError,
  createStaffAuth,
  hashPin,
  lockoutDelayMs,
  pinMatches,
} from '../../electron/services/staff-auth';
import { openDatabase } from '../../electron/services/database';
import { cleanupKiosks, FAST_SCRYPT, testKiosk } from './export-fixtures';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

afterEach(cleanupKiosks);

function tempDb() {
  const file = join(mkdtempSync(join(tmpdir(), 'reperes-auth-')), 'k.db');
  return { file, db: openDatabase(file) };
}

describe('PIN hashing', () => {
  it('uses scrypt with a random salt: the same PIN never gives the same hash', async () => {
    const a = await hashPin('123456', FAST_SCRYPT);
    const b = await hashPin('123456', FAST_SCRYPT);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(a.hash, 'base64')).toHaveLength(32);
    expect(await pinMatches('123456', a)).toBe(true);
    expect(await pinMatches('123457', a)).toBe(false);
    expect(await pinMatches('', a)).toBe(false);
  });

  it('defaults to a real cost (N = 2^15, r = 8) and stores the parameters with the hash', async () => {
    expect(DEFAULT_SCRYPT).toMatchObject({ N: 32768, r: 8, p: 1 });
    const stored = await hashPin('987654');
    expect(stored.params).toEqual({ ...DEFAULT_SCRYPT });
    expect(await pinMatches('987654', stored)).toBe(true);
  });

  it('keeps no trace of the PIN itself in the database', async () => {
    const { file, db } = tempDb();
    const auth = createStaffAuth(db, { scrypt: FAST_SCRYPT });
    await auth.setFirstPin('20262026');
    db.close();
    const raw = new Database(file, { readonly: true });
    const dump = JSON.stringify(raw.prepare('SELECT * FROM staff_auth').all());
    raw.close();
    expect(dump).not.toContain('20262026');
    expect(dump).toMatch(/"pin_hash":"[A-Za-z0-9+/=]{40,}"/);
  });
});

describe('first start', () => {
  it('has no default PIN: nothing unlocks until staff set one, and only once', async () => {
    const { db } = tempDb();
    const auth = createStaffAuth(db, { scrypt: FAST_SCRYPT });
    expect(auth.status()).toEqual({ pinSet: false, unlocked: false, retryAfterS: 0 });
    for (const guess of ['0000', '000000', '123456', '']) expect(await auth.unlock(guess)).toEqual({ ok: false, reason: 'noPin' });
    expect(() => auth.requireUnlocked()).toThrow(StaffLockedError);

    expect(await auth.setFirstPin('135790')).toEqual({ ok: true });
    expect(auth.status()).toMatchObject({ pinSet: true, unlocked: true });
    auth.lock();
    expect(await auth.setFirstPin('999999')).toEqual({ ok: false, reason: 'pinAlreadySet' });
    expect(await auth.unlock('999999')).toMatchObject({ ok: false, reason: 'wrongPin' });
    expect(await auth.unlock('135790')).toEqual({ ok: true });
    db.close();
  });

  it('two racing first PINs: exactly one wins', async () => {
    const { db } = tempDb();
    const auth = createStaffAuth(db, { scrypt: FAST_SCRYPT });
    const results = await Promise.all([auth.setFirstPin('111111'), auth.setFirstPin('222222')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    db.close();
  });
});

describe('lockout after 5 wrong PINs', () => {
  it('grows 30 s, 1 min, 2 min… up to 1 h', () => {
    expect([1, 2, 3, 4].map(lockoutDelayMs)).toEqual([0, 0, 0, 0]);
    expect(lockoutDelayMs(5)).toBe(FIRST_LOCKOUT_MS);
    expect(lockoutDelayMs(6)).toBe(2 * FIRST_LOCKOUT_MS);
    expect(lockoutDelayMs(7)).toBe(4 * FIRST_LOCKOUT_MS);
    expect(lockoutDelayMs(50)).toBe(MAX_LOCKOUT_MS);
  });

  it('locks after the 5th wrong PIN, refuses even the right PIN meanwhile, grows, and survives a restart', async () => {
    const { file, db } = tempDb();
    let now = Date.UTC(2026, 10, 20, 9);
    const options = { scrypt: FAST_SCRYPT, now: () => now };
    let auth = createStaffAuth(db, options);
    await auth.setFirstPin('864200');
    auth.lock();

    const left: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await auth.unlock('111111');
      if (r.ok || r.reason !== 'wrongPin') throw new Error('expected a wrong PIN');
      expect(r.retryAfterS).toBe(0);
      left.push(r.attemptsLeft);
    }
    expect(left).toEqual([4, 3, 2, 1]);
    expect(await auth.unlock('111111')).toEqual({ ok: false, reason: 'wrongPin', attemptsLeft: 0, retryAfterS: 30 });
    expect(await auth.unlock('864200')).toEqual({ ok: false, reason: 'lockedOut', retryAfterS: 30 });
    expect(auth.status().retryAfterS).toBe(30);

    // A restart (new connection, new service) does not reset the lock.
    db.close();
    let db2 = openDatabase(file);
    auth = createStaffAuth(db2, options);
    now += 10_000;
    expect(await auth.unlock('864200')).toEqual({ ok: false, reason: 'lockedOut', retryAfterS: 20 });

    now += 20_000;
    expect(await auth.unlock('222222')).toMatchObject({ reason: 'wrongPin', retryAfterS: 60 });
    now += 60_000;
    expect(await auth.unlock('333333')).toMatchObject({ reason: 'wrongPin', retryAfterS: 120 });
    db2.close();
    db2 = openDatabase(file);
    auth = createStaffAuth(db2, options);
    expect(auth.status()).toMatchObject({ unlocked: false, retryAfterS: 120 });
    now += 120_000;
    expect(await auth.unlock('864200')).toEqual({ ok: true });
    // Success resets the count: the next mistakes start again from five free tries.
    auth.lock();
    expect(await auth.unlock('000000')).toMatchObject({ reason: 'wrongPin', attemptsLeft: 4, retryAfterS: 0 });
    db2.close();
  });

  it('counts a flood of parallel guesses one by one (no burst before the lock)', async () => {
    const { db } = tempDb();
    const auth = createStaffAuth(db, { scrypt: FAST_SCRYPT, now: () => 1_000_000 });
    await auth.setFirstPin('246801');
    auth.lock();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => auth.unlock(String(100000 + i))));
    expect(results.filter((r) => !r.ok && r.reason === 'wrongPin')).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === 'lockedOut')).toHaveLength(15);
    db.close();
  });
});

describe('the unlocked area', () => {
  it('locks itself after the inactivity delay; activity keeps it open', async () => {
    const { db } = tempDb();
    let now = 0;
    const auth = createStaffAuth(db, { scrypt: FAST_SCRYPT, now: () => now, idleTimeoutMs: 300_000 });
    await auth.setFirstPin('975310');
    now += 299_000;
    auth.requireUnlocked();
    now += 299_000;
    auth.requireUnlocked();
    expect(auth.status().unlocked).toBe(true);
    now += 300_001;
    expect(auth.status().unlocked).toBe(false);
    expect(() => auth.requireUnlocked()).toThrow(StaffLockedError);
    // Once locked, it stays locked (no revival by the clock going back, no grace).
    now -= 10_000;
    expect(() => auth.requireUnlocked()).toThrow(StaffLockedError);
    db.close();
  });

  it('starts locked after a restart of the kiosk', async () => {
    const kiosk = await testKiosk();
    await kiosk.services.handlers['staff:set-first-pin']({ pin: '112233' });
    expect(kiosk.services.staffAuth.status().unlocked).toBe(true);
    kiosk.reopen();
    expect(kiosk.services.staffAuth.status()).toMatchObject({ pinSet: true, unlocked: false });
  });
});

describe('staff channels through the IPC gate', () => {
  const OPEN: Channel[] = ['kiosk:get-setup', 'session:save', 'staff:status', 'staff:set-first-pin', 'staff:unlock', 'staff:lock'];
  const PAYLOADS: Partial<Record<Channel, unknown>> = {
    'staff:change-pin': { currentPin: '123456', newPin: '654321' },
    'staff:update-settings': { siteName: 'Piraté' },
    'staff:reissue': { sequence: 1 },
  };
  const guarded = CHANNELS.filter((c) => c.startsWith('staff:') && !OPEN.includes(c));

  it('guards every other staff channel', () => {
    expect(guarded).toEqual(expect.arrayContaining(['staff:get-settings', 'staff:update-settings', 'staff:dashboard', 'staff:overview', 'staff:export', 'staff:reissue', 'staff:export-log', 'staff:change-pin', 'staff:quit', 'staff:logs', 'staff:support-bundle']));
  });

  it.each(guarded)('%s answers staffLocked while locked, without running', async (channel) => {
    const kiosk = await testKiosk();
    const before = kiosk.services.settings.get();
    const response = await dispatch(kiosk.services.handlers, true, channel, PAYLOADS[channel]);
    expect(response).toEqual({ ok: false, error: { code: 'staffLocked' } });
    expect(kiosk.services.settings.get()).toEqual(before);
  });

  it('answers once unlocked, and staffLocked again after staff:lock or the delay', async () => {
    const kiosk = await testKiosk();
    const h = kiosk.services.handlers;
    await h['staff:set-first-pin']({ pin: '445566' });
    const ok = await dispatch(h, true, 'staff:update-settings', { siteName: 'Le Labo', siteCode: 'LABO' });
    expect(ok).toMatchObject({ ok: true, value: { siteName: 'Le Labo', siteCode: 'LABO' } });
    await dispatch(h, true, 'staff:lock', undefined);
    expect(await dispatch(h, true, 'staff:get-settings', undefined)).toEqual({ ok: false, error: { code: 'staffLocked' } });
    expect(await dispatch(h, true, 'staff:unlock', { pin: '445566' })).toEqual({ ok: true, value: { ok: true } });
    kiosk.clock.now = new Date(kiosk.clock.now.getTime() + 6 * 60_000);
    expect(await dispatch(h, true, 'staff:get-settings', undefined)).toEqual({ ok: false, error: { code: 'staffLocked' } });
  });

  it('refuses a first PIN that is not 6 to 12 digits, before any handler runs', async () => {
    const kiosk = await testKiosk();
    for (const pin of ['12345', '1234567890123', '12345a', ' 123456', 123456]) {
      expect(await dispatch(kiosk.services.handlers, true, 'staff:set-first-pin', { pin })).toMatchObject({ ok: false, error: { code: 'invalidPayload' } });
    }
    expect(kiosk.services.staffAuth.status().pinSet).toBe(false);
  });
});
