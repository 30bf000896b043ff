/**
 * The staff area's lock, in the main process: scrypt PIN hashing, no default PIN, lockouts
 * that a passer-by cannot turn into a weapon (wrong PINs forgotten after 24 h, a lockout never
 * longer than 15 min, the recovery code always opens), all kept in the identity file so that
 * a restart resets nothing, the inactivity lock, and every staff channel refusing with
 * 'staffLocked' through the real dispatch gate.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/ipc/contract';
import { dispatch } from '../../electron/services/dispatch';
import {
  createIdentityStore,
  generateIdentity,
  newIdentityFile,
  readIdentityFile,
  type IdentityStore,
} from '../../electron/services/identity';
import {
  DEFAULT_SCRYPT,
  FAILURE_MEMORY_MS,
  FIRST_LOCKOUT_MS,
  MAX_LOCKOUT_MS,
  StaffLockedError,
  createStaffAuth,
  generateRecoveryCode,
  hashPin,
  lockoutDelayMs,
  pinMatches,
} from '../../electron/services/staff-auth';
import { normaliseRecoveryCode } from '../../shared/staff/recovery-code';
import { cleanupKiosks, FAST_SCRYPT, FAST_TMP, testKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

/** A fresh identity file in a temp folder, and a way to read it back as a restart would. */
function tempStore(): { file: string; store: IdentityStore; reopen(): IdentityStore } {
  const file = join(mkdtempSync(join(FAST_TMP, 'reperes-auth-')), 'k.identity.json');
  const store = createIdentityStore(file, newIdentityFile(generateIdentity(new Date(2026, 10, 20))));
  store.update(() => undefined);
  return {
    file,
    store,
    reopen() {
      const read = readIdentityFile(file);
      if (!read.ok) throw new Error(read.detail);
      return createIdentityStore(file, read.data);
    },
  };
}

const HOUR = 3600_000;

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

  it('keeps no trace of the PIN or of the recovery code in the identity file', async () => {
    const { file, store } = tempStore();
    const auth = createStaffAuth(store, { scrypt: FAST_SCRYPT });
    const result = await auth.setFirstPin('20262026');
    if (!result.ok) throw new Error(result.reason);
    const dump = readFileSync(file, 'utf8');
    expect(dump).not.toContain('20262026');
    const code = normaliseRecoveryCode(result.recoveryCode) ?? '';
    expect(code).toHaveLength(16);
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(result.recoveryCode);
    expect(JSON.parse(dump).staff.pin.hash).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
    expect(JSON.parse(dump).staff.recoveryCode.hash).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
  });

  it('draws recovery codes of 80 random bits in Crockford base32, printed in four groups', () => {
    const codes = new Set(Array.from({ length: 200 }, generateRecoveryCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    // Every character position takes many values (no byte-modulo bias visible at this size).
    for (let i = 0; i < 16; i++) expect(new Set([...codes].map((c) => c[i])).size).toBeGreaterThan(20);
    expect(normaliseRecoveryCode(' 7kqm-2x9d h4tb-wn3r ')).toBe('7KQM2X9DH4TBWN3R');
    expect(normaliseRecoveryCode('OIL0-0000-0000-0000')).toBe('0110000000000000');
    expect(normaliseRecoveryCode('7KQM-2X9D-H4TB-WN3')).toBeNull();
    expect(normaliseRecoveryCode('7KQM-2X9D-H4TB-WN3U')).toBeNull();
  });
});

describe('first start', () => {
  it('has no default PIN: nothing unlocks until staff set one, and only once', async () => {
    const { store } = tempStore();
    const auth = createStaffAuth(store, { scrypt: FAST_SCRYPT });
    expect(auth.status()).toEqual({ pinSet: false, unlocked: false, retryAfterS: 0, recoveryRequired: false, recoveryCodeSet: false, canResetPin: false });
    for (const guess of ['0000', '000000', '123456', '']) expect(await auth.unlock(guess)).toEqual({ ok: false, reason: 'noPin' });
    expect(() => auth.requireUnlocked()).toThrow(StaffLockedError);

    expect(await auth.setFirstPin('135790')).toEqual({ ok: true, recoveryCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/) });
    expect(auth.status()).toMatchObject({ pinSet: true, unlocked: true, recoveryCodeSet: true, canResetPin: false });
    auth.lock();
    expect(await auth.setFirstPin('999999')).toEqual({ ok: false, reason: 'pinAlreadySet' });
    expect(await auth.unlock('999999')).toMatchObject({ ok: false, reason: 'wrongPin' });
    expect(await auth.unlock('135790')).toEqual({ ok: true });
  });

  it('two racing first PINs: exactly one wins', async () => {
    const { store } = tempStore();
    const auth = createStaffAuth(store, { scrypt: FAST_SCRYPT });
    const results = await Promise.all([auth.setFirstPin('111111'), auth.setFirstPin('222222')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe('lockout after 5 wrong PINs', () => {
  it('grows 30 s, 1 min, 2 min… and never beyond 15 min', () => {
    expect(MAX_LOCKOUT_MS).toBe(15 * 60_000);
    expect([1, 2, 3, 4].map(lockoutDelayMs)).toEqual([0, 0, 0, 0]);
    expect(lockoutDelayMs(5)).toBe(FIRST_LOCKOUT_MS);
    expect(lockoutDelayMs(6)).toBe(2 * FIRST_LOCKOUT_MS);
    expect(lockoutDelayMs(7)).toBe(4 * FIRST_LOCKOUT_MS);
    expect(lockoutDelayMs(50)).toBe(MAX_LOCKOUT_MS);
    expect(lockoutDelayMs(10_000)).toBe(MAX_LOCKOUT_MS);
  });

  it('locks after the 5th wrong PIN, refuses even the right PIN meanwhile, grows, and survives a restart', async () => {
    const temp = tempStore();
    let now = Date.UTC(2026, 10, 20, 9);
    const options = { scrypt: FAST_SCRYPT, now: () => now };
    let auth = createStaffAuth(temp.store, options);
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

    // A restart (the identity file read again, new service) does not reset the lock.
    auth = createStaffAuth(temp.reopen(), options);
    now += 10_000;
    expect(await auth.unlock('864200')).toEqual({ ok: false, reason: 'lockedOut', retryAfterS: 20 });

    now += 20_000;
    expect(await auth.unlock('222222')).toMatchObject({ reason: 'wrongPin', retryAfterS: 60 });
    now += 60_000;
    expect(await auth.unlock('333333')).toMatchObject({ reason: 'wrongPin', retryAfterS: 120 });
    auth = createStaffAuth(temp.reopen(), options);
    expect(auth.status()).toMatchObject({ unlocked: false, retryAfterS: 120 });
    now += 120_000;
    expect(await auth.unlock('864200')).toEqual({ ok: true });
    // Success resets the count: the next mistakes start again from five free tries.
    auth.lock();
    expect(await auth.unlock('000000')).toMatchObject({ reason: 'wrongPin', attemptsLeft: 4, retryAfterS: 0 });
  });

  it('forgets wrong PINs after 24 h: a typo a week after twelve wrong PINs costs nothing', async () => {
    const { store } = tempStore();
    let now = Date.UTC(2026, 10, 2, 9);
    const auth = createStaffAuth(store, { scrypt: FAST_SCRYPT, now: () => now });
    await auth.setFirstPin('864200');
    auth.lock();
    for (let i = 0; i < 12; i++) {
      await auth.unlock('111111');
      now += auth.status().retryAfterS * 1000;
    }
    expect(store.get().staff.failures).toHaveLength(12);
    // Still within the day: the 13th costs the next lockout step.
    expect(await auth.unlock('111111')).toMatchObject({ reason: 'wrongPin', retryAfterS: MAX_LOCKOUT_MS / 1000 });
    now += 7 * 24 * HOUR;
    expect(await auth.unlock('111112')).toEqual({ ok: false, reason: 'wrongPin', attemptsLeft: 4, retryAfterS: 0 });
    expect(await auth.unlock('864200')).toEqual({ ok: true });
  });

  it('forgets each wrong PIN on its own, FAILURE_MEMORY_MS after it was typed', async () => {
    const { store } = tempStore();
    let now = Date.UTC(2026, 10, 2, 9);
    const auth = createStaffAuth(store, { scrypt: FAST_SCRYPT, now: () => now });
    await auth.setFirstPin('864200');
    auth.lock();
    for (let i = 0; i < 3; i++) await auth.unlock('111111'); // 09:00
    now += 20 * HOUR;
    await auth.unlock('111111'); // 05:00 the next day: 4 recent
    now += 4 * HOUR + 1; // the first three are now older than a day
    expect(FAILURE_MEMORY_MS).toBe(24 * HOUR);
    expect(await auth.unlock('111111')).toEqual({ ok: false, reason: 'wrongPin', attemptsLeft: 3, retryAfterS: 0 });
  });

  it('never locks longer than the maximum: sixty wrong PINs, a restart, a clock moved back', async () => {
    const temp = tempStore();
    let now = Date.UTC(2026, 10, 2, 9);
    let auth = createStaffAuth(temp.store, { scrypt: FAST_SCRYPT, now: () => now });
    await auth.setFirstPin('864200');
    auth.lock();
    let longest = 0;
    for (let i = 0; i < 60; i++) {
      const r = await auth.unlock(String(100000 + i));
      if (!r.ok && r.reason === 'wrongPin') longest = Math.max(longest, r.retryAfterS);
      now += Math.max(1, auth.status().retryAfterS) * 1000;
    }
    expect(longest).toBe(MAX_LOCKOUT_MS / 1000);
    await auth.unlock('999999');
    expect(auth.status().retryAfterS).toBe(MAX_LOCKOUT_MS / 1000);
    // The clock goes back a day (a CMOS battery, a bad time sync): still at most the maximum.
    now -= 24 * HOUR;
    auth = createStaffAuth(temp.reopen(), { scrypt: FAST_SCRYPT, now: () => now });
    expect(auth.status().retryAfterS).toBeLessThanOrEqual(MAX_LOCKOUT_MS / 1000);
    now += MAX_LOCKOUT_MS;
    expect(await auth.unlock('864200')).toEqual({ ok: true });
  });

  it('counts a flood of parallel guesses one by one (no burst before the lock)', async () => {
    const { store } = tempStore();
    const auth = createStaffAuth(store, { scrypt: FAST_SCRYPT, now: () => 1_000_000_000 });
    await auth.setFirstPin('246801');
    auth.lock();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => auth.unlock(String(100000 + i))));
    expect(results.filter((r) => !r.ok && r.reason === 'wrongPin')).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.reason === 'lockedOut')).toHaveLength(15);
  });
});

describe('the recovery code', () => {
  async function lockedOut() {
    const temp = tempStore();
    let now = Date.UTC(2026, 10, 2, 9);
    const auth = createStaffAuth(temp.store, { scrypt: FAST_SCRYPT, now: () => now });
    const first = await auth.setFirstPin('864200');
    if (!first.ok) throw new Error(first.reason);
    auth.lock();
    for (let i = 0; i < 8; i++) await auth.unlock('111111');
    expect(auth.status().retryAfterS).toBeGreaterThan(0);
    return { ...temp, auth, code: first.recoveryCode, tick: (ms: number) => (now += ms) };
  }

  it('opens the area during a lockout, clears it, and allows a new PIN without the old one', async () => {
    const { auth, code, store } = await lockedOut();
    expect(await auth.unlock('864200')).toMatchObject({ ok: false, reason: 'lockedOut' });
    // Typed in lower case with spaces: the same code.
    expect(await auth.recover(code.toLowerCase().replace(/-/g, ' '))).toEqual({ ok: true });
    expect(auth.status()).toMatchObject({ unlocked: true, retryAfterS: 0, canResetPin: true });
    expect(store.get().staff.failures).toEqual([]);
    const reset = await auth.resetPin('777888');
    if (!reset.ok) throw new Error(reset.reason);
    // The used code is spent; the new one works.
    expect(reset.recoveryCode).not.toBe(code);
    auth.lock();
    expect(await auth.recover(code)).toEqual({ ok: false, reason: 'wrongCode' });
    expect(await auth.recover(reset.recoveryCode)).toEqual({ ok: true });
    auth.lock();
    expect(await auth.unlock('864200')).toMatchObject({ ok: false, reason: 'wrongPin', attemptsLeft: 4 });
    expect(await auth.unlock('777888')).toEqual({ ok: true });
  });

  it('is never locked out itself: wrong codes keep it working, and they do not open anything', async () => {
    const { auth, code } = await lockedOut();
    for (let i = 0; i < 50; i++) expect(await auth.recover(`AAAA-BBBB-CCCC-${String(1000 + i)}`)).toEqual({ ok: false, reason: 'wrongCode' });
    expect(await auth.recover('')).toEqual({ ok: false, reason: 'wrongCode' });
    expect(auth.status().unlocked).toBe(false);
    expect(() => auth.requireUnlocked()).toThrow(StaffLockedError);
    expect(await auth.recover(code)).toEqual({ ok: true });
  });

  it('allows a PIN reset only in an opening made by the recovery code', async () => {
    const { auth, tick } = await lockedOut();
    tick(MAX_LOCKOUT_MS);
    expect(await auth.unlock('864200')).toEqual({ ok: true });
    expect(auth.status().canResetPin).toBe(false);
    expect(await auth.resetPin('123123')).toEqual({ ok: false, reason: 'notRecovered' });
    auth.lock();
    expect(() => auth.resetPin('123123')).toThrow(StaffLockedError);
  });

  it('a new code replaces the old one after the current PIN', async () => {
    const { auth, code, tick } = await lockedOut();
    tick(MAX_LOCKOUT_MS);
    await auth.unlock('864200');
    expect(await auth.newRecoveryCode('000000')).toMatchObject({ ok: false, reason: 'wrongPin' });
    const renewed = await auth.newRecoveryCode('864200');
    if (!renewed.ok) throw new Error(renewed.reason);
    auth.lock();
    expect(await auth.recover(code)).toEqual({ ok: false, reason: 'wrongCode' });
    expect(await auth.recover(renewed.recoveryCode)).toEqual({ ok: true });
  });
});

describe('the unlocked area', () => {
  it('locks itself after the inactivity delay; activity keeps it open', async () => {
    const { store } = tempStore();
    let now = 0;
    const auth = createStaffAuth(store, { scrypt: FAST_SCRYPT, now: () => now, idleTimeoutMs: 300_000 });
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
  const OPEN: Channel[] = ['kiosk:get-setup', 'session:save', 'staff:status', 'staff:set-first-pin', 'staff:unlock', 'staff:recover', 'staff:recover-with-pack', 'staff:lock'];
  const PAYLOADS: Partial<Record<Channel, unknown>> = {
    'staff:change-pin': { currentPin: '123456', newPin: '654321' },
    'staff:update-settings': { siteName: 'Piraté' },
    'staff:reissue': { sequence: 1 },
    'staff:reset-pin': { newPin: '654321' },
    'staff:new-recovery-code': { currentPin: '123456' },
    'staff:pack-apply': { token: 'a'.repeat(32) },
    'staff:pack-trust': { publicKey: 'AAAA' },
  };
  const guarded = CHANNELS.filter((c) => c.startsWith('staff:') && !OPEN.includes(c));

  it('guards every other staff channel', () => {
    expect(guarded).toEqual(expect.arrayContaining(['staff:get-settings', 'staff:update-settings', 'staff:dashboard', 'staff:overview', 'staff:export', 'staff:reissue', 'staff:export-log', 'staff:change-pin', 'staff:quit', 'staff:logs', 'staff:support-bundle', 'staff:reset-pin', 'staff:new-recovery-code']));
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
