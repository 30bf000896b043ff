/**
 * The kiosk's identity and its staff secrets, in a small file of their own beside the visits
 * database (`reperes-kiosk.identity.json` in the user-data folder), so that a damaged visits
 * database neither reopens the staff area nor turns the kiosk into a new one:
 *  - the random pseudonym and the Ed25519 key pair that signs every export (created once);
 *  - the staff PIN's scrypt hash, the recent wrong PINs and the lockout (staff-auth.ts);
 *  - the recovery code's scrypt hash, and whether a new PIN must wait for it;
 *  - the agglomeration's pack key the kiosk trusts and the last pack applied (packs);
 *  - the export epoch and the last export sequence issued, so that a visits database restored
 *    from an older backup can later be told apart (a restore is behind what was issued).
 * The file is written atomically (atomic-file.ts), mode 0600, and copied into each daily
 * backup. Its installation part (pseudonym, recovery code hash, trusted pack key, last pack)
 * is mirrored in the database's `kiosk_installation` table: if the file and its copies are all
 * lost, that mirror still lets the recovery code (or a pack signed by the trusted key) in.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { coarseDay } from '../../shared/session/day';
import { writeFileAtomicSync } from './atomic-file';
import type { Db } from './database';
import { IDENTITY_FORMAT, IDENTITY_FORMAT_VERSION, checkIdentityFile, checkSecretHash, type IdentityFile } from './identity-format';
import type { ScryptParams } from './secret-hash';

export { IDENTITY_FORMAT, IDENTITY_FORMAT_VERSION, MAX_REMEMBERED_FAILURES, type IdentityFile } from './identity-format';

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

export function newIdentityFile(identity: KioskIdentity): IdentityFile {
  return {
    format: IDENTITY_FORMAT,
    formatVersion: IDENTITY_FORMAT_VERSION,
    ...identity,
    staff: { pin: null, failures: [], lockedUntilMs: 0, recoveryCode: null, recoveryRequired: false },
    packs: { trustedKey: null, lastSequence: 0 },
    exports: { epoch: '', lastSequence: 0, sincePeriod: 0 },
  };
}

export function identityOf(data: IdentityFile): KioskIdentity {
  return { pseudonym: data.pseudonym, publicKey: data.publicKey, privateKey: data.privateKey, createdDay: data.createdDay };
}

/** `…/reperes-kiosk.db` → `…/reperes-kiosk.identity.json`: each database has its own. */
export function identityFileFor(databaseFile: string): string {
  return `${databaseFile.replace(/\.db$/, '')}.identity.json`;
}

export type IdentityRead = { ok: true; data: IdentityFile } | { ok: false; reason: 'missing' | 'damaged'; detail: string };

/** The key pair must still be a pair: a flipped bit in either key is damage, not an identity. */
function keysMatch(data: IdentityFile): boolean {
  try {
    const privateKey = createPrivateKey({ key: Buffer.from(data.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
    if (privateKey.asymmetricKeyType !== 'ed25519') return false;
    return createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).toString('base64') === data.publicKey;
  } catch {
    return false;
  }
}

export function parseIdentityText(text: string): IdentityRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'damaged', detail: error instanceof Error ? error.message : String(error) };
  }
  const parsed = checkIdentityFile(json);
  if (!parsed.ok) return { ok: false, reason: 'damaged', detail: parsed.detail };
  if (!keysMatch(parsed.data)) return { ok: false, reason: 'damaged', detail: 'the key pair does not match' };
  return { ok: true, data: parsed.data };
}

export function readIdentityFile(file: string): IdentityRead {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : 'damaged', detail: error instanceof Error ? error.message : String(error) };
  }
  return parseIdentityText(text);
}

/** The file's text; throws rather than write an identity that could not be read back. */
export function identityText(data: IdentityFile): string {
  const checked = checkIdentityFile(data);
  if (!checked.ok) throw new Error(`not a valid identity: ${checked.detail}`);
  return `${JSON.stringify(checked.data, null, 2)}\n`;
}

export function writeIdentityFile(file: string, data: IdentityFile): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomicSync(file, identityText(data));
}

export interface IdentityStore {
  readonly file: string;
  /** The content as it is on disk (a copy). */
  get(): IdentityFile;
  /** Changes a copy, validates it, writes it atomically, then keeps it; throws (and keeps the old one) if the write fails. */
  update(change: (draft: IdentityFile) => void): IdentityFile;
}

export function createIdentityStore(file: string, initial: IdentityFile, onWrite?: (data: IdentityFile) => void): IdentityStore {
  let current = structuredClone(initial);
  return {
    file,
    get: () => structuredClone(current),
    update(change) {
      const draft = structuredClone(current);
      change(draft);
      writeIdentityFile(file, draft);
      current = draft;
      onWrite?.(structuredClone(draft));
      return structuredClone(draft);
    },
  };
}

// ---- The mirror in the database ---------------------------------------------------------

interface MirrorRow {
  pseudonym: string;
  recovery_code: string | null;
  trusted_pack_key: string | null;
  last_pack_sequence: number;
}

export interface InstallationMirror {
  pseudonym: string;
  recoveryCode: IdentityFile['staff']['recoveryCode'];
  trustedKey: string | null;
  lastPackSequence: number;
}

function hasMirrorTable(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kiosk_installation'").get() !== undefined;
}

export function readInstallationMirror(db: Db): InstallationMirror | null {
  if (!hasMirrorTable(db)) return null;
  const row = db.prepare('SELECT pseudonym, recovery_code, trusted_pack_key, last_pack_sequence FROM kiosk_installation WHERE id = 1').get() as MirrorRow | undefined;
  if (!row) return null;
  const recovery = row.recovery_code === null ? null : checkSecretHash(JSON.parse(row.recovery_code));
  return {
    pseudonym: row.pseudonym,
    recoveryCode: recovery,
    trustedKey: row.trusted_pack_key,
    lastPackSequence: row.last_pack_sequence,
  };
}

/** Keeps the database's copy of the installation part in step with the file. */
export function writeInstallationMirror(db: Db, data: IdentityFile): void {
  if (!hasMirrorTable(db)) return;
  db.prepare(
    `INSERT INTO kiosk_installation (id, pseudonym, recovery_code, trusted_pack_key, last_pack_sequence) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET pseudonym = excluded.pseudonym, recovery_code = excluded.recovery_code,
       trusted_pack_key = excluded.trusted_pack_key, last_pack_sequence = excluded.last_pack_sequence`,
  ).run(data.pseudonym, data.staff.recoveryCode ? JSON.stringify(data.staff.recoveryCode) : null, data.packs.trustedKey, data.packs.lastSequence);
}

// ---- Backups -------------------------------------------------------------------------------

export const IDENTITY_BACKUP_PATTERN = /^reperes-kiosk-(\d{4}-\d{2}-\d{2})\.identity\.json$/;

/** Copies the identity beside the day's database backup; keeps the newest `keep`. */
export function backupIdentity(data: IdentityFile, dir: string, day: string, keep = 7): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `reperes-kiosk-${day}.identity.json`);
  writeFileAtomicSync(file, identityText(data));
  const copies = readdirSync(dir).filter((n) => IDENTITY_BACKUP_PATTERN.test(n)).sort().reverse();
  for (const old of copies.slice(keep)) rmSync(join(dir, old), { force: true });
  return file;
}

/** The newest backup copy that is whole, or null. */
export function newestIdentityBackup(dir: string): { file: string; data: IdentityFile } | null {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => IDENTITY_BACKUP_PATTERN.test(n)).sort().reverse();
  } catch {
    return null;
  }
  for (const name of names) {
    const read = readIdentityFile(join(dir, name));
    if (read.ok) return { file: join(dir, name), data: read.data };
  }
  return null;
}

// ---- Opening at start ----------------------------------------------------------------------

/**
 * How the identity was found at start:
 *  - `loaded`: the file was there and whole;
 *  - `created`: first start of a new kiosk;
 *  - `restoredFromBackup`: the file was missing or damaged, the newest whole backup copy replaced it;
 *  - `lost`: missing or damaged with no whole copy, on a kiosk that had run before: a new
 *    pseudonym and key, and no PIN may be chosen until the recovery code is given.
 */
export type IdentityOrigin = 'loaded' | 'created' | 'restoredFromBackup' | 'lost';

export interface OpenedIdentity {
  store: IdentityStore;
  origin: IdentityOrigin;
  /** Where a damaged file was moved, if it was. */
  movedAside: string | null;
  /** Why the file could not be read (missing, or what was wrong), when it could not. */
  problem: string | null;
}

/** Has this database served a kiosk before (so a missing identity is a loss, not a first start)? */
function databaseHasHistory(db: Db): boolean {
  if (readInstallationMirror(db)) return true;
  for (const table of ['sessions', 'visit_counts', 'settings', 'export_log', 'kiosk_alerts']) {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    if (exists && db.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get()) return true;
  }
  return false;
}

function folderHasHistory(databaseFile: string, backupsDir: string | null): boolean {
  const base = basename(databaseFile).replace(/\.db$/, '');
  try {
    if (readdirSync(dirname(databaseFile)).some((n) => n.startsWith(`${base}.damaged-`))) return true;
  } catch {
    /* no folder: no history */
  }
  if (backupsDir === null) return false;
  try {
    return readdirSync(backupsDir).some((n) => /^reperes-kiosk-.*\.db$/.test(n));
  } catch {
    return false;
  }
}

function moveAside(file: string, now: Date): string {
  const target = `${file.replace(/\.json$/, '')}.damaged-${now.toISOString().replace(/[:.]/g, '-')}.json`;
  renameSync(file, target);
  return target;
}

export function openKioskIdentity(options: { db: Db; databaseFile: string; backupsDir: string | null; now: Date }): OpenedIdentity {
  const { db, databaseFile, backupsDir, now } = options;
  const file = identityFileFor(databaseFile);
  const mirror = (data: IdentityFile) => {
    try {
      writeInstallationMirror(db, data);
    } catch {
      // The mirror is a second copy; the file is the reference and was written.
    }
  };
  const read = readIdentityFile(file);
  if (read.ok) {
    mirror(read.data);
    return { store: createIdentityStore(file, read.data, mirror), origin: 'loaded', movedAside: null, problem: null };
  }
  const movedAside = read.reason === 'damaged' && existsSync(file) ? moveAside(file, now) : null;
  const backup = backupsDir === null ? null : newestIdentityBackup(backupsDir);
  if (backup) {
    writeIdentityFile(file, backup.data);
    mirror(backup.data);
    return { store: createIdentityStore(file, backup.data, mirror), origin: 'restoredFromBackup', movedAside, problem: read.detail };
  }
  const fresh = newIdentityFile(generateIdentity(now));
  const lost = movedAside !== null || databaseHasHistory(db) || folderHasHistory(databaseFile, backupsDir);
  if (lost) {
    // What the mirror still knows comes back: the recovery code (so it still opens the area),
    // the trusted pack key and the last pack (so an old pack stays refused).
    const known = readInstallationMirror(db);
    fresh.staff.recoveryRequired = true;
    fresh.staff.recoveryCode = known?.recoveryCode ?? null;
    fresh.packs = { trustedKey: known?.trustedKey ?? null, lastSequence: known?.lastPackSequence ?? 0 };
  }
  writeIdentityFile(file, fresh);
  mirror(fresh);
  return { store: createIdentityStore(file, fresh, mirror), origin: lost ? 'lost' : 'created', movedAside, problem: lost ? read.detail : null };
}

// ---- The command line's view (reperes export), and the migration out of the database ------

/** The identity beside a database, or null (tests and tools that re-sign bundles). */
export function readIdentity(db: Db): KioskIdentity | null {
  const read = readIdentityFile(identityFileFor(db.name));
  return read.ok ? identityOf(read.data) : null;
}

/**
 * Migration 4 (migrations.ts): the identity and the PIN of a kiosk installed before they had
 * a file of their own are written to the file (pseudonym, key pair and PIN hash kept as they
 * are, a running lockout kept), before the tables holding them are dropped in the same
 * transaction. If the file already exists and is whole, it is the reference and is kept.
 */
export function moveIdentityOutOfDatabase(db: Db): void {
  const row = db.prepare('SELECT pseudonym, public_key, private_key, created_day FROM kiosk_identity WHERE id = 1').get() as
    | { pseudonym: string; public_key: string; private_key: string; created_day: string }
    | undefined;
  if (!row || db.memory) return;
  const file = identityFileFor(db.name);
  if (readIdentityFile(file).ok) return;
  const auth = db.prepare('SELECT pin_hash, pin_salt, pin_params, locked_until_ms FROM staff_auth WHERE id = 1').get() as
    | { pin_hash: string | null; pin_salt: string | null; pin_params: string | null; locked_until_ms: number }
    | undefined;
  const data = newIdentityFile({ pseudonym: row.pseudonym, publicKey: row.public_key, privateKey: row.private_key, createdDay: row.created_day });
  if (auth && auth.pin_hash !== null && auth.pin_salt !== null && auth.pin_params !== null) {
    data.staff.pin = { hash: auth.pin_hash, salt: auth.pin_salt, params: JSON.parse(auth.pin_params) as ScryptParams };
    data.staff.lockedUntilMs = Math.max(0, auth.locked_until_ms);
  }
  if (existsSync(file)) renameSync(file, `${file.replace(/\.json$/, '')}.damaged-migration.json`);
  writeIdentityFile(file, data);
}
