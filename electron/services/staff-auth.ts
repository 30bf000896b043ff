/**
 * The staff area's lock, enforced here in the main process (the renderer only shows it):
 * every staff channel calls `requireUnlocked()` first.
 *
 * - No default PIN: until staff set one, the only staff action possible is setting it.
 * - The PIN is stored as an scrypt hash with a random salt; comparison is constant-time.
 * - After FREE_ATTEMPTS wrong PINs in a row, each further wrong PIN locks the area for a
 *   growing delay (30 s, 1 min, 2 min… up to 1 h). The count and the end of the lock are
 *   stored in SQLite, so restarting the kiosk does not reset them.
 * - An unlocked area locks itself after `idleTimeoutMs` without a staff call (the clock is
 *   the main process's, injectable for tests); a restart always starts locked.
 * - Attempts are handled one at a time, so a flood of parallel guesses cannot all be checked
 *   before the first failure is counted.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Db } from './database';
import type { SetPinResult, StaffAuthStatus, UnlockResult } from '../../shared/staff/types';

export const FREE_ATTEMPTS = 5;
export const FIRST_LOCKOUT_MS = 30_000;
export const MAX_LOCKOUT_MS = 60 * 60_000;
export const DEFAULT_STAFF_IDLE_MS = 5 * 60_000;

/** scrypt cost: N = 2^15, r = 8 (about 100 ms and 32 MiB per check on a kiosk PC). */
export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32 } as const;
export type ScryptParams = { N: number; r: number; p: number; keylen: number };

/** Thrown by staff channels while the area is locked; dispatch maps it to 'staffLocked'. */
export class StaffLockedError extends Error {
  readonly code = 'STAFF_LOCKED';
  constructor() {
    super('the staff area is locked');
  }
}

/** Lock duration after `failures` wrong PINs in a row: none for the first FREE_ATTEMPTS - 1. */
export function lockoutDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_LOCKOUT_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_LOCKOUT_MS);
}

function scrypt(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(pin.normalize('NFKC'), salt, params.keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPin(pin: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<{ hash: string; salt: string; params: ScryptParams }> {
  const salt = randomBytes(16);
  const key = await scrypt(pin, salt, params);
  return { hash: key.toString('base64'), salt: salt.toString('base64'), params: { ...params } };
}

export async function pinMatches(pin: string, stored: { hash: string; salt: string; params: ScryptParams }): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await scrypt(pin, Buffer.from(stored.salt, 'base64'), { ...stored.params, keylen: expected.length });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export type { SetPinResult, StaffAuthStatus, UnlockResult };

export interface StaffAuth {
  status(): StaffAuthStatus;
  /** First start only: refused once a PIN exists. Unlocks the area. */
  setFirstPin(pin: string): Promise<SetPinResult>;
  unlock(pin: string): Promise<UnlockResult>;
  /** Changes the PIN of an unlocked area, after checking the current one like an unlock. */
  changePin(currentPin: string, newPin: string): Promise<UnlockResult>;
  lock(): void;
  /** Throws StaffLockedError unless unlocked and active; counts as activity. */
  requireUnlocked(): void;
}

export interface StaffAuthOptions {
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  idleTimeoutMs?: number;
  scrypt?: ScryptParams;
}

interface AuthRow {
  pin_hash: string | null;
  pin_salt: string | null;
  pin_params: string | null;
  failed_attempts: number;
  locked_until_ms: number;
}

export function createStaffAuth(db: Db, options: StaffAuthOptions = {}): StaffAuth {
  const now = options.now ?? (() => Date.now());
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_STAFF_IDLE_MS;
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const readRow = () => db.prepare('SELECT pin_hash, pin_salt, pin_params, failed_attempts, locked_until_ms FROM staff_auth WHERE id = 1').get() as AuthRow;
  const writeFailures = db.prepare('UPDATE staff_auth SET failed_attempts = ?, locked_until_ms = ? WHERE id = 1');
  const setPinIfNone = db.prepare('UPDATE staff_auth SET pin_hash = ?, pin_salt = ?, pin_params = ?, failed_attempts = 0, locked_until_ms = 0 WHERE id = 1 AND pin_hash IS NULL');
  const replacePin = db.prepare('UPDATE staff_auth SET pin_hash = ?, pin_salt = ?, pin_params = ?, failed_attempts = 0, locked_until_ms = 0 WHERE id = 1');

  /** In memory only: a restart of the kiosk always starts locked. */
  let lastActivity: number | null = null;
  /** One PIN check at a time (see the header). */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const isActive = () => lastActivity !== null && now() - lastActivity <= idleTimeoutMs;
  const retryAfterS = (row: AuthRow) => Math.max(0, Math.ceil((row.locked_until_ms - now()) / 1000));

  async function check(pin: string): Promise<UnlockResult> {
    const row = readRow();
    if (row.pin_hash === null || row.pin_salt === null || row.pin_params === null) return { ok: false, reason: 'noPin' };
    const wait = retryAfterS(row);
    if (wait > 0) return { ok: false, reason: 'lockedOut', retryAfterS: wait };
    const stored = { hash: row.pin_hash, salt: row.pin_salt, params: JSON.parse(row.pin_params) as ScryptParams };
    if (await pinMatches(pin, stored)) {
      writeFailures.run(0, 0);
      return { ok: true };
    }
    const failures = row.failed_attempts + 1;
    const delay = lockoutDelayMs(failures);
    writeFailures.run(failures, delay > 0 ? now() + delay : 0);
    return { ok: false, reason: 'wrongPin', attemptsLeft: Math.max(0, FREE_ATTEMPTS - failures), retryAfterS: Math.ceil(delay / 1000) };
  }

  return {
    status() {
      const row = readRow();
      return { pinSet: row.pin_hash !== null, unlocked: isActive(), retryAfterS: retryAfterS(row) };
    },
    setFirstPin(pin) {
      return serial(async () => {
        if (readRow().pin_hash !== null) return { ok: false as const, reason: 'pinAlreadySet' as const };
        const hashed = await hashPin(pin, params);
        const changed = setPinIfNone.run(hashed.hash, hashed.salt, JSON.stringify(hashed.params)).changes;
        if (changed !== 1) return { ok: false as const, reason: 'pinAlreadySet' as const };
        lastActivity = now();
        return { ok: true as const };
      });
    },
    unlock(pin) {
      return serial(async () => {
        const result = await check(pin);
        lastActivity = result.ok ? now() : null;
        return result;
      });
    },
    changePin(currentPin, newPin) {
      this.requireUnlocked();
      return serial(async () => {
        const result = await check(currentPin);
        if (!result.ok) return result;
        const hashed = await hashPin(newPin, params);
        replacePin.run(hashed.hash, hashed.salt, JSON.stringify(hashed.params));
        lastActivity = now();
        return result;
      });
    },
    lock() {
      lastActivity = null;
    },
    requireUnlocked() {
      if (!isActive()) {
        lastActivity = null;
        throw new StaffLockedError();
      }
      lastActivity = now();
    },
  };
}
