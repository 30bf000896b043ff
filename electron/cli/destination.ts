/**
 * The `--out` folder of `export` and `publish`, made ready before any work, so that a wrong
 * destination is named for what it is and says what to do: a file instead of a folder, a
 * read-only disk (a locked USB stick), a folder the user may not write to, a place where the
 * system allows no folder (/proc), a full disk.
 */
import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { printable } from '../../shared/printable';
import { makeFolder, NotAFolderError } from '../services/folders';

export type Destination = { ok: true; folder: string } | { ok: false; message: string };

/** What went wrong with a destination folder, and what to do about it. */
export function destinationProblem(folder: string, error: unknown): string {
  const shown = printable(folder);
  if (error instanceof NotAFolderError) return `${printable(error.path)} is a file, not a folder: give a folder for --out (it is created if it does not exist)`;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'EROFS':
      return `${shown} is on a read-only disk (a locked USB stick?): unlock the stick, or choose another folder for --out`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied on ${shown}: choose a folder you may write to for --out`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `no space left on the disk of ${shown}: free some space, or choose another disk for --out`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `no folder can be created at ${shown} (the system refuses it there): choose a folder on a disk or a USB stick for --out`;
    default:
      return `${shown} cannot be used as the destination (${code || (error instanceof Error ? printable(error.message) : 'unknown error')}): choose another folder for --out`;
  }
}

/** Creates `path` if needed and checks that a file can be written in it (then removes that file). */
export async function prepareDestination(path: string): Promise<Destination> {
  const folder = resolve(path);
  try {
    await makeFolder(folder);
    const probe = join(folder, `.reperes-write-test-${randomBytes(6).toString('hex')}`);
    const handle = await open(probe, 'wx');
    await handle.close();
    await rm(probe, { force: true });
    return { ok: true, folder };
  } catch (error) {
    return { ok: false, message: destinationProblem(folder, error) };
  }
}
