/**
 * Opening the kiosk database at start, whatever state the disk left it in. A kiosk must keep
 * serving citizens: a file that is not SQLite, is truncated or fails its integrity check is
 * moved aside under a dated name (never deleted: staff or a technician may want it back),
 * and a new database is created. The caller shows staff what happened and where the old
 * file is.
 */
import { existsSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { openDatabase, type Db } from './database';

export interface DatabaseRecovery {
  /** Where the damaged file now lives. */
  movedTo: string;
  /** What SQLite said about it. */
  reason: string;
  /** Day of the recovery (the finest date the kiosk keeps). */
  day: string;
}

export interface OpenedDatabase {
  db: Db;
  recovery: DatabaseRecovery | null;
}

function dated(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const name = basename(file).replace(/\.db$/, '');
  return join(dirname(file), `${name}.damaged-${stamp}.db`);
}

/** Opens and checks; any failure means the file cannot be trusted to hold sessions. */
function openChecked(file: string): Db {
  const db = openDatabase(file);
  try {
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw Object.assign(new Error(`quick_check: ${String(result)}`), { code: 'SQLITE_CORRUPT' });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isDamage(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  // Disk full or read-only are not damage: moving the file aside would not help and could
  // hide data. Those propagate to the caller.
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_CANTOPEN_ISDIR';
}

export function openOrRecoverDatabase(file: string, now: () => Date = () => new Date()): OpenedDatabase {
  try {
    return { db: openChecked(file), recovery: null };
  } catch (error) {
    if (!isDamage(error) || !existsSync(file)) throw error;
    const when = now();
    const movedTo = dated(file, when);
    renameSync(file, movedTo);
    // The WAL and shared-memory files belong to the damaged database: keep them beside it,
    // never replay them into the new one.
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(file + suffix)) renameSync(file + suffix, movedTo + suffix);
    }
    const reason = error instanceof Error ? error.message : String(error);
    const day = when.toISOString().slice(0, 10);
    return { db: openChecked(file), recovery: { movedTo, reason, day } };
  }
}
