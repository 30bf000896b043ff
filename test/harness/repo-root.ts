import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository's root, found from the working directory (npm runs scripts from there). */
export function repoRoot(from = process.cwd()): string {
  let dir = from;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'reperes') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`not inside the reperes repository: ${from}`);
    dir = parent;
  }
}
