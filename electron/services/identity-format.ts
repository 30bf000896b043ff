/**
 * The identity file's format (`reperes-kiosk.identity.json`, identity.ts) and its check.
 *
 * Written out by hand rather than with the schema library the rest of the project uses: the
 * identity is read by every `reperes export`, which must run within 3× the start of
 * `reperes --help` (issue 13), and loading zod alone took a fifth of that budget. The check is
 * as strict as the zod schema it replaced: no unknown member at any level, every bound kept.
 * test/unit/identity-format.test.ts holds that schema and proves, on thousands of damaged
 * files, that both accept the same files and read them the same way.
 */
import type { ScryptParams } from './secret-hash';

export const IDENTITY_FORMAT = 'reperes-kiosk-identity';
export const IDENTITY_FORMAT_VERSION = 1;
/** Wrong PINs remembered at most (they are forgotten after a day anyway). */
export const MAX_REMEMBERED_FAILURES = 200;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64_MAX = 8192;
const PSEUDONYM = /^K-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
// RFC 9562 UUIDs, the nil and the max one: the pattern zod's uuid() used for the same field.
const UUID = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/;

/** A scrypt hash of a staff secret (secret-hash.ts). */
export interface SecretHash {
  hash: string;
  salt: string;
  params: ScryptParams;
}

export interface IdentityFile {
  format: typeof IDENTITY_FORMAT;
  formatVersion: typeof IDENTITY_FORMAT_VERSION;
  pseudonym: string;
  /** Ed25519 public key, SPKI DER in base64. */
  publicKey: string;
  /** Ed25519 private key, PKCS#8 DER in base64. */
  privateKey: string;
  createdDay: string;
  staff: {
    pin: SecretHash | null;
    /** When the wrong PINs since the last right one happened (ms since the epoch), oldest first. */
    failures: number[];
    lockedUntilMs: number;
    recoveryCode: SecretHash | null;
    /** The identity was lost and made anew: no PIN may be chosen before the recovery code is given. */
    recoveryRequired: boolean;
  };
  packs: {
    /** The agglomeration's Ed25519 public key (SPKI DER, base64) that signs configuration packs. */
    trustedKey: string | null;
    /** Sequence of the newest pack ever applied: an older one is a replay and is refused. */
    lastSequence: number;
  };
  exports: {
    /**
     * The export epoch (export/epochs.ts): '' for the kiosk's first one (bundles carry no
     * epoch, as before epochs existed), then a random UUID each time a restored, recovered or
     * new visits database is found behind what was issued. Files written before the epoch was
     * an id hold the number 1: that is the first epoch, ''.
     */
    epoch: string;
    /** The highest export sequence issued (reserved, so possibly on a stick) in this epoch. */
    lastSequence: number;
    /**
     * The visits database's open period when this epoch began: a database whose open period
     * is lower predates the epoch (a backup restored again), so it is behind too. 0 before
     * (files written before it existed have none).
     */
    sincePeriod: number;
  };
}

/** Thrown inside the check with the path of the first wrong member; never leaves this file. */
class Wrong extends Error {}

type Path = readonly string[];

function wrong(path: Path, what: string): never {
  throw new Wrong(`${path.join('.') || '(root)'}: ${what}`);
}

/** A plain object holding exactly `keys` (`optional` may be absent): the zod schema's strictObject. */
function record(value: unknown, path: Path, keys: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) wrong(path, 'expected an object');
  const o = value as Record<string, unknown>;
  const extra = Object.keys(o).filter((key) => !keys.includes(key));
  if (extra.length > 0) wrong(path, `unknown member ${JSON.stringify(extra[0])}`);
  for (const key of keys) if (!(key in o) && !optional.includes(key)) wrong([...path, key], 'missing');
  return o;
}

function text(value: unknown, path: Path, pattern: RegExp, max = Infinity): string {
  if (typeof value !== 'string') wrong(path, 'expected a string');
  if (value.length > max) wrong(path, `longer than ${max} characters`);
  if (!pattern.test(value)) wrong(path, 'not in the expected form');
  return value;
}

function whole(value: unknown, path: Path, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) wrong(path, 'expected a whole number');
  if (value < min || value > max) wrong(path, `outside ${min}..${max}`);
  return value;
}

const base64 = (value: unknown, path: Path) => text(value, path, BASE64, BASE64_MAX);

function secretHashAt(value: unknown, path: Path): SecretHash {
  const o = record(value, path, ['hash', 'salt', 'params']);
  const params = record(o['params'], [...path, 'params'], ['N', 'r', 'p', 'keylen']);
  const at = (key: string) => [...path, 'params', key];
  return {
    hash: base64(o['hash'], [...path, 'hash']),
    salt: base64(o['salt'], [...path, 'salt']),
    params: { N: whole(params['N'], at('N'), 2, 2 ** 20), r: whole(params['r'], at('r'), 1, 32), p: whole(params['p'], at('p'), 1, 16), keylen: whole(params['keylen'], at('keylen'), 16, 64) },
  };
}

function identityAt(value: unknown): IdentityFile {
  const o = record(value, [], ['format', 'formatVersion', 'pseudonym', 'publicKey', 'privateKey', 'createdDay', 'staff', 'packs', 'exports']);
  if (o['format'] !== IDENTITY_FORMAT) wrong(['format'], `expected ${JSON.stringify(IDENTITY_FORMAT)}`);
  if (o['formatVersion'] !== IDENTITY_FORMAT_VERSION) wrong(['formatVersion'], `expected ${IDENTITY_FORMAT_VERSION}`);
  const staff = record(o['staff'], ['staff'], ['pin', 'failures', 'lockedUntilMs', 'recoveryCode', 'recoveryRequired']);
  const failures = staff['failures'];
  if (!Array.isArray(failures)) wrong(['staff', 'failures'], 'expected an array');
  if (failures.length > MAX_REMEMBERED_FAILURES) wrong(['staff', 'failures'], `more than ${MAX_REMEMBERED_FAILURES}`);
  if (typeof staff['recoveryRequired'] !== 'boolean') wrong(['staff', 'recoveryRequired'], 'expected true or false');
  const packs = record(o['packs'], ['packs'], ['trustedKey', 'lastSequence']);
  const exports = record(o['exports'], ['exports'], ['epoch', 'lastSequence', 'sincePeriod'], ['sincePeriod']);
  // Files written before the epoch was an id hold the number 1, the first epoch.
  const epoch = exports['epoch'] === 1 ? '' : exports['epoch'];
  if (epoch !== '') text(epoch, ['exports', 'epoch'], UUID);
  // Built member by member, in the file's order: what identityText writes does not depend on
  // the order of the object it was given, and nothing else in that object is carried along.
  return {
    format: IDENTITY_FORMAT,
    formatVersion: IDENTITY_FORMAT_VERSION,
    pseudonym: text(o['pseudonym'], ['pseudonym'], PSEUDONYM),
    publicKey: base64(o['publicKey'], ['publicKey']),
    privateKey: base64(o['privateKey'], ['privateKey']),
    createdDay: text(o['createdDay'], ['createdDay'], DAY),
    staff: {
      pin: staff['pin'] === null ? null : secretHashAt(staff['pin'], ['staff', 'pin']),
      failures: failures.map((at: unknown, i) => whole(at, ['staff', 'failures', String(i)], 0)),
      lockedUntilMs: whole(staff['lockedUntilMs'], ['staff', 'lockedUntilMs'], 0),
      recoveryCode: staff['recoveryCode'] === null ? null : secretHashAt(staff['recoveryCode'], ['staff', 'recoveryCode']),
      recoveryRequired: staff['recoveryRequired'],
    },
    packs: {
      trustedKey: packs['trustedKey'] === null ? null : base64(packs['trustedKey'], ['packs', 'trustedKey']),
      lastSequence: whole(packs['lastSequence'], ['packs', 'lastSequence'], 0),
    },
    exports: {
      epoch: epoch as string,
      lastSequence: whole(exports['lastSequence'], ['exports', 'lastSequence'], 0),
      sincePeriod: exports['sincePeriod'] === undefined ? 0 : whole(exports['sincePeriod'], ['exports', 'sincePeriod'], 0),
    },
  };
}

export type IdentityCheck = { ok: true; data: IdentityFile } | { ok: false; detail: string };

/** The identity file's content if `value` (parsed JSON, or an identity about to be written) is one, a fresh copy. */
export function checkIdentityFile(value: unknown): IdentityCheck {
  try {
    return { ok: true, data: identityAt(value) };
  } catch (error) {
    if (error instanceof Wrong) return { ok: false, detail: error.message };
    throw error;
  }
}

/** A secret hash read back from the database's mirror, or null if it is not one. */
export function checkSecretHash(value: unknown): SecretHash | null {
  try {
    return secretHashAt(value, []);
  } catch (error) {
    if (error instanceof Wrong) return null;
    throw error;
  }
}
