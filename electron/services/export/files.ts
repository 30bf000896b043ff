/**
 * Writing export files to the folder staff picked (usually a USB stick) so that a file is
 * either absent or complete and checked: write a temporary file in the target folder, fsync
 * it, rename it over the final name, fsync the folder (so the rename itself survives the
 * stick being pulled), then read it back and compare.
 *
 * The file system is behind `ExportFs` so tests can make any step fail the way a full,
 * read-only or removed stick does.
 */
import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { makeFolder } from '../folders';

export interface ExportFs {
  mkdir(dir: string): Promise<void>;
  /** Creates `file` (failing if it exists), writes all of `data`, fsyncs and closes it. */
  writeSynced(file: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Makes a folder's entries (the rename) durable. */
  syncDir(dir: string): Promise<void>;
  readFile(file: string): Promise<Uint8Array>;
  remove(file: string): Promise<void>;
}

export const nodeExportFs: ExportFs = {
  // Not Node's recursive mkdir: it reports a read-only stick as ENOENT ("removed?") and
  // spins for ever under /proc (electron/services/folders.ts).
  mkdir: (dir) => makeFolder(dir),
  async writeSynced(file, data) {
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  async syncDir(dir) {
    let handle;
    try {
      handle = await open(dir, 'r');
    } catch (error) {
      // Windows cannot open a folder for fsync; its renames are flushed with the volume.
      if (process.platform === 'win32') return;
      throw error;
    }
    try {
      await handle.sync();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Some file systems (FAT on some kernels) refuse fsync on a folder: nothing more to do.
      if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw error;
    } finally {
      await handle.close();
    }
  },
  readFile: (file) => readFile(file),
  remove: (file) => rm(file, { force: true }),
};

/** Thrown when a file read back differs from what was written. */
export class ReadBackError extends Error {
  readonly code = 'EXPORT_READ_BACK';
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

/**
 * Writes `data` to `dir/name` atomically and durably, then reads it back. `check` may
 * inspect what was read (e.g. verify a bundle's hash and signature) and throw.
 */
export async function writeFileAtomically(fs: ExportFs, dir: string, name: string, data: Uint8Array, check?: (bytes: Uint8Array) => void): Promise<void> {
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const target = join(dir, name);
  try {
    await fs.writeSynced(temp, data);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.remove(temp).catch(() => undefined);
    throw error;
  }
  await fs.syncDir(dir);
  const back = await fs.readFile(target);
  if (!sameBytes(back, data)) throw new ReadBackError(`${name} read back differs from what was written`);
  check?.(back);
}
