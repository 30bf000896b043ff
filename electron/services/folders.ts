/**
 * Creating a destination folder (an export on a USB stick, a publication) so that a failure
 * says what really happened, in bounded time.
 *
 * Node's `mkdir(path, { recursive: true })` is not used for destinations, for two faults seen
 * on Linux: on a read-only file system it reports `ENOENT` ("no such file") instead of `EROFS`,
 * so a locked stick read as a removed one; and under /proc, where the kernel answers `ENOENT`
 * to any mkdir, it retries for ever at 100 % CPU. Here each missing folder is made with a plain
 * mkdir, from the nearest existing parent down, and the kernel's own error is thrown as it is.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Thrown when a path that must be a folder is a file (code ENOTDIR, like the kernel's). */
export class NotAFolderError extends Error {
  readonly code = 'ENOTDIR';
  constructor(readonly path: string) {
    super(`${path} is a file, not a folder`);
  }
}

async function kindOf(path: string): Promise<'folder' | 'other' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file; the walk up finds which one.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw error;
  }
}

/**
 * Makes `path` and any missing parent. Throws the first real error: EROFS (read-only), EACCES
 * or EPERM (not allowed), ENOSPC, ENOENT (the system refuses folders here, as under /proc),
 * NotAFolderError when the path or a parent is a file.
 */
export async function makeFolder(path: string): Promise<void> {
  const missing: string[] = [];
  let at = resolve(path);
  // Walk up to the nearest existing ancestor; the root always exists, so this ends.
  for (;;) {
    const kind = await kindOf(at);
    if (kind === 'folder') break;
    if (kind === 'other') throw new NotAFolderError(at);
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      // Made meanwhile by someone else: fine if it is a folder.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await kindOf(folder)) === 'folder') continue;
      throw error;
    }
  }
}
