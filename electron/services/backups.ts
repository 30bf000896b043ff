/**
 * Rotating online backups of the kiosk database with SQLite's backup API, which copies a
 * consistent snapshot while the kiosk keeps writing. One file per day in `<userData>/backups`,
 * the newest `keep` kept. Each copy is written under a temporary name and renamed, so a power
 * cut never leaves a half-written backup under a valid name. Restoring is documented in
 * docs/guide-personnel.md.
 */
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './database';

export const BACKUP_PATTERN = /^reperes-kiosk-(\d{4}-\d{2}-\d{2})\.db$/;

export interface BackupResult {
  file: string;
  removed: string[];
}

export async function backupDatabase(db: Db, dir: string, day: string, keep = 7): Promise<BackupResult> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `reperes-kiosk-${day}.db`);
  const temp = `${file}.partial`;
  rmSync(temp, { force: true });
  await db.backup(temp);
  renameSync(temp, file);
  const backups = readdirSync(dir)
    .filter((name) => BACKUP_PATTERN.test(name))
    .sort()
    .reverse();
  const removed = backups.slice(keep).map((name) => join(dir, name));
  for (const old of removed) rmSync(old, { force: true });
  return { file, removed };
}

export function listBackups(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => BACKUP_PATTERN.test(name))
      .sort()
      .reverse()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}
