/**
 * Real export bundles for the analyst tests: a kiosk database filled by `simulate` (the
 * kiosk's own machine and repository) and exported by `runExport` (the staff area's export),
 * plus helpers to forge altered bundles and to checksum a database's whole content.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExport } from '../../electron/cli/export-command';
import { simulate } from '../../electron/cli/simulate';
import { openDatabase, type Db } from '../../electron/services/database';
import { signBundle } from '../../electron/services/export/signing';
import { readIdentity } from '../../electron/services/identity';
import { createCountStore } from '../../electron/services/counts';
import { serializeBundle, type Bundle, type UnsignedBundle } from '../../shared/export/bundle';
import { combineVersions } from '../../shared/export/table-sets';
import type { Tables } from '../../shared/export/tables';

export function monthsAgo(months: number, from = new Date()): Date {
  return new Date(from.getFullYear(), from.getMonth() - months, Math.min(from.getDate(), 28), 12);
}

/** Simulates `sessions` visits into `db` then exports every new one into `outDir`; returns the new bundle files. */
export async function simulateAndExport(db: string, outDir: string, o: { sessions: number; seed: number; site: string; until: Date; months: number }): Promise<string[]> {
  const before = new Set(safeList(outDir));
  await simulate({ db, sessions: o.sessions, seed: o.seed, site: o.site, until: o.until, months: o.months });
  const result = await runExport(db, outDir);
  if (!result.ok) throw new Error(result.lines.join('\n'));
  return safeList(outDir)
    .filter((f) => !before.has(f))
    .map((f) => join(outDir, f));
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => /^reperes-.*\.json$/.test(f)).sort();
  } catch {
    return [];
  }
}

export function readBundle(file: string): Bundle {
  return JSON.parse(readFileSync(file, 'utf8')) as Bundle;
}

/** Re-signs altered content with the kiosk's own key (taken from its database). */
export function resign(kioskDb: string, unsigned: UnsignedBundle): string {
  const db = openDatabase(kioskDb);
  try {
    const identity = readIdentity(db);
    if (!identity) throw new Error('no kiosk identity');
    return serializeBundle(signBundle(unsigned, identity.privateKey));
  } finally {
    db.close();
  }
}

export function withoutIntegrity(bundle: Bundle): UnsignedBundle {
  const { integrity: _integrity, ...rest } = bundle;
  return structuredClone(rest);
}

/** SHA-256 over every table's rows (sorted), for "the database is exactly as it was". */
export function contentChecksum(db: Db): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  for (const { name } of tables) {
    hash.update(`\n#${name}\n`);
    const rows = db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[];
    const lines = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))).sort();
    for (const line of lines) hash.update(`${line}\n`);
  }
  return hash.digest('hex');
}

/** Checkpoints the WAL and hashes the database file's bytes. */
export function fileChecksum(db: Db, file: string): string {
  db.pragma('wal_checkpoint(TRUNCATE)');
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every count of a kiosk database (all periods, this build's tables): what its exports add up to. */
export function kioskTables(kioskDb: string): Tables {
  const db = openDatabase(kioskDb);
  try {
    return combineVersions(createCountStore(db).allTables()).tables;
  } finally {
    db.close();
  }
}
