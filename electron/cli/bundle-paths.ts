/**
 * The files and folders given to `reperes verify` and `reperes import`, as the list of bundle
 * files they stand for. A folder stands for the `reperes-*.json` files in it and in its
 * sub-folders (a stick holding one folder per site), visited once each: a folder is known by
 * its real path, so a link back to a parent (a loop) or the same folder given twice is read
 * once; depth and count are bounded. Each file is listed once, whatever the path it came by.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const BUNDLE_FILE_NAME = /^reperes-.*\.json$/;
/** Sub-folder levels read below a given folder. */
export const MAX_FOLDER_DEPTH = 8;
/** Files listed in one command (a thousand kiosks' monthly exports for ten years is 120,000). */
export const MAX_LISTED_FILES = 200_000;

export interface ExpandedPaths {
  /** Files in the order given (a folder's files sorted by name). */
  files: string[];
  /** Arguments that gave nothing, with why: missing, or a folder without bundle files. */
  problems: { path: string; problem: 'missing' | 'noBundleFiles' | 'tooMany' }[];
}

export async function expandBundlePaths(paths: readonly string[]): Promise<ExpandedPaths> {
  const files: string[] = [];
  const problems: ExpandedPaths['problems'] = [];
  const seenFiles = new Set<string>();
  const seenFolders = new Set<string>();
  // Bundle files met, listed or not (a file reached twice is listed once).
  let met = 0;

  const addFile = async (path: string): Promise<void> => {
    met++;
    const real = await realpath(path).catch(() => path);
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };

  /** Bundle files under `folder`, depth first in name order; false when the count cap is reached. */
  const walk = async (folder: string, depth: number): Promise<boolean> => {
    const real = await realpath(folder).catch(() => folder);
    if (seenFolders.has(real)) return true;
    seenFolders.add(real);
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(folder, entry.name);
      // Links are followed (a stick's folder may be one); what they lead to decides.
      const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && (await stat(path).then((s) => s.isDirectory(), () => false)));
      if (isFolder) {
        if (depth < MAX_FOLDER_DEPTH && !(await walk(path, depth + 1))) return false;
      } else if (BUNDLE_FILE_NAME.test(entry.name)) {
        if (files.length >= MAX_LISTED_FILES) return false;
        await addFile(path);
      }
    }
    return true;
  };

  for (const path of paths) {
    const stats = await stat(path).catch(() => null);
    if (!stats) {
      problems.push({ path, problem: 'missing' });
      continue;
    }
    if (!stats.isDirectory()) {
      await addFile(path);
      continue;
    }
    // The same folder given twice (or inside another one given): read once, said nothing of.
    if (seenFolders.has(await realpath(path).catch(() => path))) continue;
    const before = met;
    const complete = await walk(path, 0);
    if (!complete) {
      problems.push({ path, problem: 'tooMany' });
      break;
    }
    if (met === before) problems.push({ path, problem: 'noBundleFiles' });
  }
  return { files, problems };
}
