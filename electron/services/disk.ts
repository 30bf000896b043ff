/** Free space where the database lives, and the database's own size, for the staff status. */
import { statfsSync, statSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function freeBytes(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** The database file plus its WAL and shared-memory files (all part of it in WAL mode). */
export function databaseBytes(file: string): number {
  let total = 0;
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      total += statSync(path).size;
    } catch {
      // Absent WAL or shm files are normal after a clean close.
    }
  }
  return total;
}

export async function diskStatus(databaseFile: string): Promise<{ freeDiskBytes: number | null; databaseBytes: number }> {
  return { freeDiskBytes: await freeBytes(dirname(databaseFile)), databaseBytes: databaseBytes(databaseFile) };
}

/** `freeBytes`, synchronously: the export reads it inside the transaction that reserves a bundle. */
export function freeBytesSync(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}
