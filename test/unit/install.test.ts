/**
 * A fresh clone after `npm install` (issue 18): the working tree stays clean and npm has
 * nothing to warn about but the engine notes the README explains.
 *
 * - npm runs an install script for every installed package whose package.json has a
 *   preinstall/install/postinstall script, and also for one that ships a `binding.gyp`
 *   without install/preinstall: it then runs `node-gyp rebuild` itself. npm reads the
 *   package's `gypfile: false` only from a full manifest, not from the lockfile, so a
 *   lockfile install of better-sqlite3 13 (which ships `binding.gyp`, `gypfile: false` and
 *   prebuilt binaries) counts it as having an install script.
 * - npm 11 prints "install scripts not yet covered by allowScripts" for each such package
 *   that package.json's `allowScripts` does not name, and runs it; a `false` entry skips it.
 * - `npm install` rewrites package-lock.json when the `hasInstallScript` flag it computes for
 *   an installed package differs from the committed one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../harness/repo-root';

const root = repoRoot();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { allowScripts: Record<string, boolean> };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { hasInstallScript?: boolean; optional?: boolean }>;
};

interface Installed {
  location: string;
  name: string;
  version: string;
  /** What npm would run at install time, by event. */
  scripts: Record<string, string>;
}

/** Every package of the lockfile that is on disk, with the install scripts npm sees in it. */
function installedPackages(): Installed[] {
  const out: Installed[] = [];
  for (const location of Object.keys(lock.packages)) {
    if (location === '') continue;
    const manifest = join(root, location, 'package.json');
    if (!existsSync(manifest)) continue; // an optional package for another platform
    const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string; scripts?: Record<string, string> };
    const scripts: Record<string, string> = {};
    for (const event of ['preinstall', 'install', 'postinstall'] as const) {
      const script = json.scripts?.[event];
      if (script) scripts[event] = script;
    }
    // npm's implicit node-gyp step, whatever `gypfile` says (see the header).
    if (!scripts['install'] && !scripts['preinstall'] && existsSync(join(root, location, 'binding.gyp'))) scripts['install'] = 'node-gyp rebuild';
    out.push({ location, name: json.name, version: json.version, scripts });
  }
  return out;
}

const withScripts = installedPackages().filter((p) => Object.keys(p.scripts).length > 0);

describe('npm install on a fresh clone', () => {
  it('finds the packages with install scripts (the check below is not vacuous)', () => {
    expect(withScripts.map((p) => p.name)).toEqual(expect.arrayContaining(['node', 'better-sqlite3', 'esbuild']));
  });

  it('has an allowScripts decision for every install script, so npm prints no "not yet covered" warning', () => {
    const uncovered = withScripts.filter((p) => !(p.name in pkg.allowScripts) && !(`${p.name}@${p.version}` in pkg.allowScripts));
    expect(uncovered.map((p) => `${p.name}@${p.version} ${JSON.stringify(p.scripts)}`)).toEqual([]);
  });

  it('runs the scripts the project relies on and no others', () => {
    // node: its preinstall fetches the Node 22 binary every npm script runs on.
    // esbuild (tsx, vite): its postinstall checks and links the platform binary.
    expect(pkg.allowScripts['node']).toBe(true);
    expect(pkg.allowScripts['esbuild']).toBe(true);
    // better-sqlite3 loads its prebuilt binary; node-gyp would need Python and a compiler
    // and build for the Node that runs npm (20 on many machines), not for Node 22.
    expect(pkg.allowScripts['better-sqlite3']).toBe(false);
    // Squirrel.Windows only; the Windows package is an NSIS installer (electron-builder.yml).
    expect(pkg.allowScripts['electron-winstaller']).toBe(false);
    expect(readFileSync(join(root, 'electron-builder.yml'), 'utf8')).not.toMatch(/squirrel/i);
  });

  it('leaves package-lock.json as it is: its hasInstallScript flags are the ones npm computes', () => {
    const disagree = installedPackages()
      .filter((p) => (lock.packages[p.location]?.hasInstallScript === true) !== Object.keys(p.scripts).length > 0)
      .map((p) => `${p.location}: lockfile ${String(lock.packages[p.location]?.hasInstallScript ?? false)}, package ${JSON.stringify(p.scripts)}`);
    expect(disagree).toEqual([]);
  });

  it('better-sqlite3 works without its install script: nothing compiled, the prebuilt binary loads', () => {
    // better-sqlite3 prefers a compiled build/{Debug,Release} binary over its prebuilds.
    for (const build of ['Debug', 'Release']) expect(existsSync(join(root, `node_modules/better-sqlite3/build/${build}/better_sqlite3.node`))).toBe(false);
    const probe = spawnSync(process.execPath, ['-e', "const D=require('better-sqlite3');process.stdout.write(new D(':memory:').prepare('select 6*7 as v').get().v+'')"], { cwd: root, encoding: 'utf8' });
    expect(probe.stdout, probe.stderr).toBe('42');
  });

  it('ignores what the preview writes', () => {
    for (const path of ['.preview-data/kiosk/reperes-kiosk.db', '.preview-data/analyst/demo/usb/reperes-x.json']) {
      expect(execFileSync('git', ['check-ignore', '--no-index', path], { cwd: root, encoding: 'utf8' }).trim()).toBe(path);
    }
  });
});
