/**
 * The real electron-builder packs the built app (out/) for Linux into a folder, with a
 * stand-in for the Electron binary (Electron cannot be downloaded here): this checks what
 * the configuration produces, not only what it says — the asar holds the app and its
 * run-time dependencies and nothing else, better-sqlite3's binary is unpacked and works,
 * and the afterPack hook flipped the fuses of the binary that ships. Needs `out/`
 * (`npm test` builds it first). Takes about half a minute, mostly electron-builder
 * listing the production dependencies with npm.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
// @electron/asar comes with electron-builder, which packs the archive with it.
const asar = require('@electron/asar') as {
  listPackage(archive: string, options?: object): string[];
  extractFile(archive: string, file: string): Buffer;
};
const { FUSES } = require('../../build/fuses.cjs') as { FUSES: Record<string, boolean> };

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_WIRE_LENGTH = 9;

const work = mkdtempSync(join(tmpdir(), 'reperes-pack-'));
const appOutDir = join(work, 'dist', 'linux-unpacked');
const archive = join(appOutDir, 'resources', 'app.asar');
let entries: string[] = [];

/** The files of an unpacked Electron for Linux that electron-builder handles by name. */
function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from([1, FUSE_WIRE_LENGTH]), Buffer.from('1'.repeat(FUSE_WIRE_LENGTH))]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\n# stand-in\n'), Buffer.from(SENTINEL), wire, Buffer.from('\n')]));
  chmodSync(join(dir, 'electron'), 0o755);
  for (const file of ['chrome-sandbox', 'LICENSE', 'LICENSES.chromium.html', 'locales/fr.pak', 'locales/en-US.pak']) writeFileSync(join(dir, file), 'stand-in');
  writeFileSync(join(dir, 'version'), '45.5.0');
}

beforeAll(async () => {
  for (const built of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run \`npm run build\` first (npm test does).`);
  }
  const electronDist = join(work, 'electron');
  standInElectron(electronDist);
  const cli = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const args = [cli, '--linux', 'dir', '--x64', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${join(work, 'dist')}`];
  try {
    await promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`electron-builder failed:\n${stdout}\n${stderr}`, { cause: error });
  }
  entries = asar.listPackage(archive, { isPack: false });
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the Linux app folder electron-builder makes', () => {
  it('has the program under its ASCII name, with the fuses of build/fuses.cjs flipped', async () => {
    const binary = join(appOutDir, 'reperes');
    expect(existsSync(binary)).toBe(true);
    const fuses = await import('@electron/fuses');
    const wire = await fuses.getCurrentFuseWire(binary);
    for (const [name, value] of Object.entries(FUSES)) {
      expect(wire[fuses.FuseV1Options[name as keyof typeof fuses.FuseV1Options]], name).toBe(value ? fuses.FuseState.ENABLE : fuses.FuseState.DISABLE);
    }
  });

  it('packs the built app and its package.json in app.asar', () => {
    for (const file of ['/package.json', '/out/main/index.js', '/out/preload/index.js', '/out/renderer/index.html']) expect(entries).toContain(file);
    const pkg = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'reperes', productName: 'Repères', main: 'out/main/index.js', desktopName: 'reperes.desktop' });
  });

  it('leaves sources, tests, documents and build tools out', () => {
    const topLevel = new Set(entries.map((entry) => entry.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
    for (const prefix of ['/node_modules/typescript/', '/node_modules/electron/', '/node_modules/electron-builder/', '/node_modules/vitest/', '/node_modules/better-sqlite3/deps/', '/node_modules/better-sqlite3/src/']) {
      expect(entries.filter((entry) => entry.startsWith(prefix)), prefix).toEqual([]);
    }
    expect(entries.filter((entry) => entry.endsWith('.map'))).toEqual([]);
  });

  it('has every package the main process requires at run time', () => {
    const main = readFileSync(join(root, 'out/main/index.js'), 'utf8');
    const required = [...main.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!).filter((name) => !name.startsWith('node:') && name !== 'electron');
    expect(required).toContain('better-sqlite3');
    for (const name of required) {
      const pkg = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!;
      expect(entries, name).toContain(`/node_modules/${pkg}/package.json`);
    }
  });

  it('unpacks better-sqlite3’s Linux binary next to the archive, where it loads and works', () => {
    const binary = join(appOutDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', 'linux-x64.node');
    expect(existsSync(binary)).toBe(true);
    const db = new Database(':memory:', { nativeBinding: binary });
    try {
      expect(db.prepare('select 6 * 7 as answer').get()).toEqual({ answer: 42 });
    } finally {
      db.close();
    }
  });
});
