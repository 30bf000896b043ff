/**
 * The kiosk's identity, created once at first start: a random pseudonym (so analysts can tell
 * kiosks apart without knowing where a kiosk's data comes from beyond the site code staff
 * chose) and an Ed25519 key pair that signs every export. The private key never leaves this
 * database; the public key travels in every bundle.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { Db } from './database';
import { coarseDay } from '../../shared/session/record';

export interface KioskIdentity {
  pseudonym: string;
  /** Ed25519 public key, SPKI DER in base64. */
  publicKey: string;
  /** Ed25519 private key, PKCS#8 DER in base64. */
  privateKey: string;
  createdDay: string;
}

// Crockford's base32: no I, L, O, U, so a pseudonym read aloud or copied by hand stays right.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomPseudonym(): string {
  const bytes = randomBytes(10);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % 32];
  return `K-${out.slice(0, 5)}-${out.slice(5)}`;
}

export function generateIdentity(now: Date): KioskIdentity {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    pseudonym: randomPseudonym(),
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    createdDay: coarseDay(now),
  };
}

export function readIdentity(db: Db): KioskIdentity | null {
  const row = db.prepare('SELECT pseudonym, public_key, private_key, created_day FROM kiosk_identity WHERE id = 1').get() as
    | { pseudonym: string; public_key: string; private_key: string; created_day: string }
    | undefined;
  return row ? { pseudonym: row.pseudonym, publicKey: row.public_key, privateKey: row.private_key, createdDay: row.created_day } : null;
}

/** The kiosk's identity, created on the first call (first start, or the first CLI export). */
export function ensureIdentity(db: Db, now: Date = new Date()): KioskIdentity {
  const existing = readIdentity(db);
  if (existing) return existing;
  const identity = generateIdentity(now);
  // OR IGNORE: if another connection created it meanwhile, theirs wins and is read back.
  db.prepare('INSERT OR IGNORE INTO kiosk_identity (id, pseudonym, public_key, private_key, created_day) VALUES (1, ?, ?, ?, ?)').run(
    identity.pseudonym,
    identity.publicKey,
    identity.privateKey,
    identity.createdDay,
  );
  return readIdentity(db) ?? identity;
}
