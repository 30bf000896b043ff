/**
 * The staff area's lock, enforced here in the main process (the renderer only shows it):
 * every staff channel calls `requireUnlocked()` first. Its state lives in the identity file
 * (identity.ts), not in the visits database, so a damaged database never reopens the area.
 *
 * - No default PIN: until staff set one, the only staff action possible is setting it — and
 *   not even that on a kiosk whose identity was lost (`recoveryRequired`): then only the
 *   recovery code printed at installation opens the area, and a new PIN is chosen after it.
 * - The PIN and the recovery code are stored as scrypt hashes with a random salt; comparison
 *   is constant-time (secret-hash.ts).
 * - Lockouts that cannot be turned into a weapon by a passer-by:
 *   · the first FREE_ATTEMPTS wrong PINs cost nothing; each further one locks the area for a
 *     growing delay (30 s, 1 min, 2 min…) that never exceeds MAX_LOCKOUT_MS (15 min), even if
 *     the clock jumps;
 *   · a wrong PIN is forgotten FAILURE_MEMORY_MS (24 h) after it was typed, so a typo a week
 *     after a burst of wrong PINs costs nothing;
 *   · the recovery code always opens the area, lockout or not.
 *   The wrong PINs and the end of the lock are in the identity file: a restart resets nothing.
 * - An unlocked area locks itself after `idleTimeoutMs` without a staff call (the clock is
 *   the main process's, injectable for tests); a restart always starts locked.
 * - Attempts are handled one at a time, so a flood of parallel guesses cannot all be checked
 *   before the first failure is counted.
 */
import { randomBytes } from 'node:crypto';
import { formatRecoveryCode, normaliseRecoveryCode, RECOVERY_ALPHABET, RECOVERY_CODE_LENGTH } from '../../shared/staff/recovery-code';
import type { RecoverResult, ResetPinResult, SetPinResult, StaffAuthStatus, UnlockResult } from '../../shared/staff/types';
import { MAX_REMEMBERED_FAILURES, type IdentityFile, type IdentityStore } from './identity';
import { DEFAULT_SCRYPT, hashSecret, secretMatches, type ScryptParams, type SecretHash } from './secret-hash';

export { DEFAULT_SCRYPT, type ScryptParams } from './secret-hash';

export const FREE_ATTEMPTS = 5;
export const FIRST_LOCKOUT_MS = 30_000;
/** The longest a lockout can ever last (stated in docs/guide-personnel.md). */
export const MAX_LOCKOUT_MS = 15 * 60_000;
/** A wrong PIN counts for this long, then is forgotten. */
export const FAILURE_MEMORY_MS = 24 * 3600_000;
export const DEFAULT_STAFF_IDLE_MS = 5 * 60_000;

/** Thrown by staff channels while the area is locked; dispatch maps it to 'staffLocked'. */
export class StaffLockedError extends Error {
  readonly code = 'STAFF_LOCKED';
  constructor() {
    super('the staff area is locked');
  }
}

/** Lock duration after `failures` recent wrong PINs: none for the first FREE_ATTEMPTS - 1. */
export function lockoutDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_LOCKOUT_MS * 2 ** Math.min(failures - FREE_ATTEMPTS, 30), MAX_LOCKOUT_MS);
}

/** The wrong PINs that still count at `now`: typed less than FAILURE_MEMORY_MS ago (and not "in the future"). */
export function recentFailures(failures: readonly number[], now: number): number[] {
  return failures.filter((t) => t <= now && now - t < FAILURE_MEMORY_MS);
}

export const hashPin = hashSecret;
export const pinMatches = secretMatches;

/** 80 random bits in Crockford's base32 (16 characters). */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += RECOVERY_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (out.length !== RECOVERY_CODE_LENGTH) throw new Error('recovery code generation');
  return out;
}

export type { RecoverResult, ResetPinResult, SetPinResult, StaffAuthStatus, UnlockResult };

export interface StaffAuth {
  status(): StaffAuthStatus;
  /** First start only: refused once a PIN exists, or while the recovery code is required. Unlocks, and gives the recovery code to print. */
  setFirstPin(pin: string): Promise<SetPinResult>;
  unlock(pin: string): Promise<UnlockResult>;
  /** The recovery code: opens the area whatever the lockout, and allows `resetPin`. */
  recover(code: string): Promise<RecoverResult>;
  /** After `recover`, in the same opening: a new PIN without the old one, and a new recovery code (the used one is spent). */
  resetPin(newPin: string): Promise<ResetPinResult>;
  /** Changes the PIN of an unlocked area, after checking the current one like an unlock. */
  changePin(currentPin: string, newPin: string): Promise<UnlockResult>;
  /** A new recovery code for an unlocked area, after checking the PIN like an unlock (the old code stops working). */
  newRecoveryCode(currentPin: string): Promise<ResetPinResult | Exclude<UnlockResult, { ok: true }>>;
  /** Checks the PIN of an unlocked area like an unlock (wrong PINs count), before a sensitive change. */
  confirmPin(pin: string): Promise<UnlockResult>;
  /** A recovery code chosen by the agglomeration, carried by a signed pack (its hash only). */
  installRecoveryCodeHash(hash: SecretHash): void;
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

export function createStaffAuth(store: IdentityStore, options: StaffAuthOptions = {}): StaffAuth {
  const now = options.now ?? (() => Date.now());
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_STAFF_IDLE_MS;
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const staff = () => store.get().staff;

  /** In memory only: a restart of the kiosk always starts locked. */
  let lastActivity: number | null = null;
  /** Set when this opening came from the recovery code: only then may the PIN be reset without the old one. */
  let openedByRecovery = false;
  /** One check at a time (see the header). */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const isActive = () => lastActivity !== null && now() - lastActivity <= idleTimeoutMs;
  /**
   * Seconds left of a lockout. A lock end further than MAX_LOCKOUT_MS away can only come from
   * a clock moved back: it is brought back to MAX_LOCKOUT_MS from now, and stored so, so that
   * it ends like any other lockout.
   */
  const retryAfterS = (s: IdentityFile['staff']) => {
    const at = now();
    if (s.lockedUntilMs > at + MAX_LOCKOUT_MS) {
      const capped = at + MAX_LOCKOUT_MS;
      try {
        store.update((d) => {
          d.staff.lockedUntilMs = capped;
        });
      } catch {
        // Not written: computed again (and capped again) next time.
      }
      return Math.ceil(MAX_LOCKOUT_MS / 1000);
    }
    return Math.max(0, Math.ceil((s.lockedUntilMs - at) / 1000));
  };
  const open = (byRecovery: boolean) => {
    lastActivity = now();
    openedByRecovery = byRecovery;
  };
  const close = () => {
    lastActivity = null;
    openedByRecovery = false;
  };

  async function check(pin: string): Promise<UnlockResult> {
    const s = staff();
    if (s.pin === null) return { ok: false, reason: 'noPin' };
    const wait = retryAfterS(s);
    if (wait > 0) return { ok: false, reason: 'lockedOut', retryAfterS: wait };
    if (await secretMatches(pin, s.pin)) {
      if (s.failures.length > 0 || s.lockedUntilMs !== 0) {
        store.update((d) => {
          d.staff.failures = [];
          d.staff.lockedUntilMs = 0;
        });
      }
      return { ok: true };
    }
    const at = now();
    const failures = [...recentFailures(s.failures, at), at].slice(-MAX_REMEMBERED_FAILURES);
    const delay = lockoutDelayMs(failures.length);
    store.update((d) => {
      d.staff.failures = failures;
      d.staff.lockedUntilMs = delay > 0 ? at + delay : 0;
    });
    return { ok: false, reason: 'wrongPin', attemptsLeft: Math.max(0, FREE_ATTEMPTS - failures.length), retryAfterS: Math.ceil(delay / 1000) };
  }

  /** Stores a new recovery code's hash and returns the code, formatted for printing. */
  async function freshRecoveryCode(draft: { code: SecretHash | null }): Promise<string> {
    const code = generateRecoveryCode();
    draft.code = await hashSecret(code, params);
    return formatRecoveryCode(code);
  }

  return {
    status() {
      const s = staff();
      return {
        pinSet: s.pin !== null,
        unlocked: isActive(),
        retryAfterS: retryAfterS(s),
        recoveryRequired: s.recoveryRequired,
        recoveryCodeSet: s.recoveryCode !== null,
        canResetPin: isActive() && openedByRecovery,
      };
    },
    setFirstPin(pin) {
      return serial(async (): Promise<SetPinResult> => {
        if (staff().recoveryRequired) return { ok: false, reason: 'recoveryRequired' };
        if (staff().pin !== null) return { ok: false, reason: 'pinAlreadySet' };
        const hashed = await hashSecret(pin, params);
        const recovery = { code: null as SecretHash | null };
        const printed = await freshRecoveryCode(recovery);
        // Checked again after the awaits: another call may have set a PIN meanwhile.
        if (staff().pin !== null || staff().recoveryRequired) return { ok: false, reason: 'pinAlreadySet' };
        store.update((d) => {
          d.staff.pin = hashed;
          d.staff.recoveryCode = recovery.code;
          d.staff.failures = [];
          d.staff.lockedUntilMs = 0;
        });
        open(false);
        return { ok: true, recoveryCode: printed };
      });
    },
    unlock(pin) {
      return serial(async () => {
        const result = await check(pin);
        if (result.ok) open(false);
        else close();
        return result;
      });
    },
    recover(code) {
      return serial(async (): Promise<RecoverResult> => {
        const stored = staff().recoveryCode;
        if (stored === null) return { ok: false, reason: 'noRecoveryCode' };
        const normalised = normaliseRecoveryCode(code);
        // A code of the wrong shape is still checked, so that the answer takes the same time.
        const matches = await secretMatches(normalised ?? code, stored);
        if (!matches || normalised === null) {
          close();
          return { ok: false, reason: 'wrongCode' };
        }
        store.update((d) => {
          d.staff.failures = [];
          d.staff.lockedUntilMs = 0;
        });
        open(true);
        return { ok: true };
      });
    },
    resetPin(newPin) {
      this.requireUnlocked();
      return serial(async (): Promise<ResetPinResult> => {
        if (!openedByRecovery) return { ok: false, reason: 'notRecovered' };
        const hashed = await hashSecret(newPin, params);
        const recovery = { code: null as SecretHash | null };
        const printed = await freshRecoveryCode(recovery);
        store.update((d) => {
          d.staff.pin = hashed;
          d.staff.recoveryCode = recovery.code;
          d.staff.recoveryRequired = false;
          d.staff.failures = [];
          d.staff.lockedUntilMs = 0;
        });
        open(false);
        return { ok: true, recoveryCode: printed };
      });
    },
    changePin(currentPin, newPin) {
      this.requireUnlocked();
      return serial(async () => {
        const result = await check(currentPin);
        if (!result.ok) return result;
        const hashed = await hashSecret(newPin, params);
        store.update((d) => {
          d.staff.pin = hashed;
        });
        lastActivity = now();
        return result;
      });
    },
    newRecoveryCode(currentPin) {
      this.requireUnlocked();
      return serial(async () => {
        const result = await check(currentPin);
        if (!result.ok) return result;
        const recovery = { code: null as SecretHash | null };
        const printed = await freshRecoveryCode(recovery);
        store.update((d) => {
          d.staff.recoveryCode = recovery.code;
        });
        lastActivity = now();
        return { ok: true as const, recoveryCode: printed };
      });
    },
    confirmPin(pin) {
      return serial(() => check(pin));
    },
    installRecoveryCodeHash(hash) {
      store.update((d) => {
        d.staff.recoveryCode = hash;
      });
    },
    lock() {
      close();
    },
    requireUnlocked() {
      if (!isActive()) {
        close();
        throw new StaffLockedError();
      }
      lastActivity = now();
    },
  };
}
