/**
 * The built main process (out/main/*.js, CommonJS) loads inside app.asar with Node's plain
 * `require`. An ESM-only package left as a `require()` there depends on Node's require(esm)
 * working through Electron's asar loader, where ESM loading has open issues
 * (electron/electron#46614: ERR_UNSUPPORTED_ESM_URL_SCHEME for an ESM package inside the asar
 * of a CommonJS app). So every package the bundle still requires must load as CommonJS,
 * without require(esm) — @noble/hashes (ESM only) is bundled instead.
 *
 * Needs a build (`npm test` runs `electron-vite build` first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/repo-root';

const MAIN_DIR = join(repoRoot(), 'out', 'main');

function mainBundles(): { name: string; code: string }[] {
  if (!existsSync(join(MAIN_DIR, 'index.js'))) throw new Error(`${MAIN_DIR}/index.js is missing: run \`npx electron-vite build\` first`);
  return readdirSync(MAIN_DIR)
    .filter((name) => name.endsWith('.js'))
    .map((name) => ({ name, code: readFileSync(join(MAIN_DIR, name), 'utf8') }));
}

/** The packages (not Node built-ins, not electron, not the bundle's own chunks) the main bundle requires. */
function requiredPackages(): string[] {
  const names = new Set<string>();
  for (const { code } of mainBundles()) {
    for (const match of code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
      const name = match[1]!;
      if (name.startsWith('node:') || name.startsWith('.') || name === 'electron') continue;
      names.add(name);
    }
  }
  return [...names].sort();
}

describe('the built main process (out/main)', () => {
  it('does not require @noble/hashes, which is ESM only: it is bundled', () => {
    const noble = JSON.parse(readFileSync(join(repoRoot(), 'node_modules', '@noble', 'hashes', 'package.json'), 'utf8')) as { type?: string };
    expect(noble.type).toBe('module');
    const requires = mainBundles().flatMap(({ name, code }) => [...code.matchAll(/require\(\s*["'`](@noble\/hashes[^"'`]*)["'`]\s*\)/g)].map((m) => `${name}: ${m[1]}`));
    expect(requires).toEqual([]);
  });

  it('requires only packages that load as CommonJS, without require(esm)', () => {
    const packages = requiredPackages();
    expect(packages).toContain('better-sqlite3');
    // --no-experimental-require-module: Node as it was before 22.12, and the asar case above.
    const script = `for (const name of ${JSON.stringify(packages)}) require(name);`;
    const result = spawnSync(process.execPath, ['--no-experimental-require-module', '-e', script], { cwd: repoRoot(), encoding: 'utf8' });
    const failure = /Error \[[A-Z_]+\].*/.exec(result.stderr)?.[0] ?? '';
    expect(failure).toBe('');
    expect(result.status).toBe(0);
  });
});
