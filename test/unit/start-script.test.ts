/**
 * `npm start` (scripts/start.mjs) as a user meets it, run as a real process in a throwaway
 * project that holds the real script and the real `electron` package files with the real
 * @electron/get (test/electron/electron-behaviour.ts, installElectronPackage): only the
 * download itself is replaced, or made to fail the way it really fails (no network: a mirror
 * on a closed port; Node without require(esm)).
 *
 * What the user must get: the first start works right after a download (electron's index.js
 * prints "Downloading Electron binary..." before the path); a failure names its real cause;
 * Node older than 22.12 is told so before anything else happens.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronPathFromOutput, explainElectronFailure, MINIMUM_NODE, nodeVersionProblem } from '../../scripts/start.mjs';
import { installElectronPackage } from '../electron/electron-behaviour';
import { repoRoot } from '../harness/repo-root';

const ROOT = repoRoot();
const projects: string[] = [];

afterAll(() => {
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

/**
 * A project folder with scripts/start.mjs, a stand-in electron-vite whose build only leaves a
 * mark, and node_modules/electron made of the real package's files (electron-behaviour.ts).
 */
function project(download: 'succeeds' | 'real', options: { installed?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'reperes-start-'));
  projects.push(dir);
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(ROOT, 'scripts', 'start.mjs'), join(dir, 'scripts', 'start.mjs'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'reperes-start-test', private: true, main: 'out/main/index.js' }));
  const vite = join(dir, 'node_modules', 'electron-vite');
  mkdirSync(join(vite, 'bin'), { recursive: true });
  writeFileSync(join(vite, 'package.json'), JSON.stringify({ name: 'electron-vite', version: '6.0.0' }));
  writeFileSync(join(vite, 'bin', 'electron-vite.js'), `require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'built'))}, process.argv.slice(2).join(' '));\n`);
  installElectronPackage(dir, ROOT, { download, ...options });
  return dir;
}

function start(dir: string, options: { env?: Record<string, string>; nodeArgs?: string[] } = {}): SpawnSyncReturns<string> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    // Never the real network, never a cached Electron zip.
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    electron_config_cache: join(dir, 'electron-cache'),
    ELECTRON_OVERRIDE_DIST_PATH: undefined,
    ...options.env,
  };
  return spawnSync(process.execPath, [...(options.nodeArgs ?? []), join(dir, 'scripts', 'start.mjs'), '--dev'], { cwd: dir, encoding: 'utf8', env, timeout: 60_000 });
}

describe('npm start', () => {
  it('starts Electron on the very first start, right after the download', () => {
    const dir = project('succeeds');
    const run = start(dir);
    expect(run.stderr).not.toMatch(/cannot/);
    expect(run.stdout).toContain('ELECTRON STARTED [".","--dev"]');
    expect(run.status).toBe(0);
    expect(readFileSync(join(dir, 'built'), 'utf8')).toBe('build');
  });

  it('starts Electron when it is already there', () => {
    const run = start(project('real', { installed: true }));
    expect(run.stdout).toContain('ELECTRON STARTED [".","--dev"]');
    expect(run.status).toBe(0);
  });

  it('says that GitHub cannot be reached, and what to do, when the download has no network', () => {
    const run = start(project('real'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('this machine cannot reach GitHub');
    expect(run.stderr).toContain('npm run preview');
    expect(run.stderr).toMatch(/Details: .*fetch failed/);
  });

  it('names Node.js, not the network, when the installer cannot require its ES module', () => {
    // Node before 22.12 behaves so; --no-experimental-require-module gives the same on any Node.
    const run = start(project('real'), { env: { NODE_OPTIONS: '--no-experimental-require-module' } });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`needs Node.js ${MINIMUM_NODE} or newer`);
    expect(run.stderr).toContain('ERR_REQUIRE_ESM');
    expect(run.stderr).not.toContain('cannot reach GitHub');
  });

  it('stops at once on Node.js 22.11, with one sentence, before building anything', () => {
    const dir = project('succeeds');
    const olderNode = 'data:text/javascript,Object.defineProperty(process.versions,"node",{value:"22.11.0"})';
    const run = start(dir, { nodeArgs: ['--import', olderNode] });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Repères needs Node.js 22.12.0 or newer, and this is Node.js 22.11.0');
    expect(existsSync(join(dir, 'built'))).toBe(false);
    expect(run.stdout).not.toContain('ELECTRON STARTED');
  });
});

describe('start.mjs, piece by piece', () => {
  it.each([
    ['22.11.0', false],
    ['22.0.0', false],
    ['20.20.2', false],
    ['v18.19.1', false],
    ['22.12.0', true],
    ['22.23.3', true],
    ['23.0.0', true],
    ['24.11.1', true],
  ])('Node.js %s is enough: %s', (version, enough) => {
    expect(nodeVersionProblem(version) === null).toBe(enough);
  });

  it.each([
    ['/x/node_modules/electron/dist/electron', '/x/node_modules/electron/dist/electron'],
    ['Downloading Electron binary...\n/x/node_modules/electron/dist/electron', '/x/node_modules/electron/dist/electron'],
    ['Downloading Electron binary...\r\nC:\\r\\node_modules\\electron\\dist\\electron.exe', 'C:\\r\\node_modules\\electron\\dist\\electron.exe'],
    ['\n', ''],
  ])('reads the path from the last line of %j', (stdout, path) => {
    expect(electronPathFromOutput(stdout)).toBe(path);
  });

  it.each([
    ['Error [ERR_REQUIRE_ESM]: require() of ES Module /n/@electron/get/dist/index.js not supported.', 'node'],
    ['TypeError: fetch failed', 'network'],
    ['RequestError: getaddrinfo ENOTFOUND github.com', 'network'],
    ['Error: connect ECONNREFUSED 127.0.0.1:443', 'network'],
    ['Error: Generated checksum for "electron-v45.5.0-linux-x64.zip" did not match expected checksum.', 'install'],
    ['Error: ENOSPC: no space left on device, write', 'install'],
  ])('classifies %j as a %s problem', (line, cause) => {
    expect(explainElectronFailure(`${line}\n    at x (y.js:1:1)\nError: Electron failed to install correctly.`).cause).toBe(cause);
  });
});

describe('engines.node in package.json', () => {
  const minimum = (range: string): string => /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(range.trim())?.[1] ?? `unreadable: ${range}`;
  const engines = (file: string): string => (JSON.parse(readFileSync(file, 'utf8')) as { engines: { node: string } }).engines.node;

  it('is >=22.12, the Node.js start.mjs checks for', () => {
    expect(engines(join(ROOT, 'package.json'))).toBe('>=22.12');
    expect(MINIMUM_NODE.startsWith(minimum(engines(join(ROOT, 'package.json'))))).toBe(true);
  });

  // Their installer runs on the user's Node at the first start: ours may not promise less.
  it.each(['electron', '@electron/get'])('asks at least what %s asks', (name) => {
    const theirs = minimum(engines(join(ROOT, 'node_modules', name, 'package.json'))).split('.').map(Number);
    const ours = minimum(engines(join(ROOT, 'package.json'))).split('.').map(Number);
    const order = [0, 1, 2].map((i) => Math.sign((ours[i] ?? 0) - (theirs[i] ?? 0))).find((sign) => sign !== 0) ?? 0;
    expect(order, `ours ${ours.join('.')}, ${name}'s ${theirs.join('.')}`).toBeGreaterThanOrEqual(0);
  });
});
