/**
 * Destination folders made without Node's recursive mkdir (electron/services/folders.ts), for
 * the command line and the staff area's export alike: nested folders are made, a file in the
 * way is named, and a place where the system refuses folders (/proc) fails at once with the
 * kernel's own code instead of being retried for ever. (A read-only file system reporting
 * EROFS is proved on a real read-only mount in test/unit/cli-errors.test.ts.)
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeExportFs } from '../../electron/services/export/files';
import { makeFolder, NotAFolderError } from '../../electron/services/folders';

const dir = mkdtempSync(join(tmpdir(), 'reperes-folders-'));

describe('makeFolder', () => {
  it('makes missing parents, and accepts a folder that exists', async () => {
    const deep = join(dir, 'a', 'b', 'c');
    await makeFolder(deep);
    expect(existsSync(deep)).toBe(true);
    await makeFolder(deep);
  });

  it('names the file that stands where a folder should be', async () => {
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    await expect(makeFolder(join(file, 'sub', 'deeper'))).rejects.toSatisfy((e: unknown) => e instanceof NotAFolderError && e.path === file);
    await expect(makeFolder(file)).rejects.toBeInstanceOf(NotAFolderError);
  });

  it('fails at once under /proc, for the command line and the staff export alike', async () => {
    const error = await makeFolder('/proc/reperes-x/y').then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
    await expect(nodeExportFs.mkdir('/proc/reperes-x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync('/proc/reperes-x')).toBe(false);
  });
});
