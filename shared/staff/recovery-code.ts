/**
 * The recovery code printed at installation: 16 characters of Crockford's base32 (80 random
 * bits, far beyond guessing at one scrypt check at a time), shown in four groups
 * (`7KQM-2X9D-H4TB-WN3R`). It opens the staff area whatever the lockout, and lets staff
 * choose a new PIN when the PIN is forgotten or the kiosk's identity file was lost.
 * What people type is normalised before it is hashed or checked: case, spaces and dashes do
 * not matter, and the letters Crockford's alphabet leaves out are read as the digits they
 * look like (O → 0, I and L → 1).
 */
import { z } from 'zod';

export const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_CODE_LENGTH = 16;

/** The code's 16 characters, or null when what was typed cannot be a recovery code. */
export function normaliseRecoveryCode(typed: string): string | null {
  const compact = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== RECOVERY_CODE_LENGTH) return null;
  for (const c of compact) if (!RECOVERY_ALPHABET.includes(c)) return null;
  return compact;
}

/** `7KQM2X9DH4TBWN3R` → `7KQM-2X9D-H4TB-WN3R`, as printed. */
export function formatRecoveryCode(code: string): string {
  return (code.match(/.{1,4}/g) ?? []).join('-');
}

/** What the recovery channel accepts: short text; a code of the wrong shape simply does not match. */
export const recoveryAttemptSchema = z.string().min(1).max(64);
