/**
 * The preview's bridge is a development tool (issue 18): it must never reach the packaged
 * kiosk, whose renderer talks to nothing but the preload. Checked on what ships: the build
 * output (out/, made by `npm test` before the tests) holds no bridge code and its pages load
 * only their own bundle, and electron-builder's file list selects none of the preview's files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { BRIDGE_INVOKE_PATH, BRIDGE_SCRIPT_PATH, TOKEN_HEADER } from '../../scripts/preview/bridge';
import { repoRoot } from '../harness/repo-root';

const root = repoRoot();
const out = join(root, 'out');
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder, which reads electron-builder.yml with it.
const yaml = require('js-yaml') as { load(text: string): unknown };

/** Strings only the bridge has: its URL prefix, its header, the client's own words. */
const MARKERS = ['__reperes-preview', TOKEN_HEADER, 'data-token-header', 'tokenHeader'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

/** electron-builder's rule for `files`: patterns in order, the last one that matches wins. */
function isPacked(path: string, patterns: readonly string[]): boolean {
  let packed = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) packed = !negated;
  }
  return packed;
}

describe('the preview bridge never ships', () => {
  it('the markers are the bridge\'s own (the search below would find it)', () => {
    for (const value of [BRIDGE_INVOKE_PATH, BRIDGE_SCRIPT_PATH]) expect(value.startsWith('/__reperes-preview/')).toBe(true);
    const client = readFileSync(join(root, 'scripts/preview/bridge-client.js'), 'utf8');
    expect(client).toContain('tokenHeader');
    expect(readFileSync(join(root, 'scripts/preview/server.ts'), 'utf8')).toContain('data-token-header');
  });

  it('is not in the build output (main, preload, renderer)', () => {
    expect(existsSync(join(out, 'renderer/index.html')), 'out/ is missing: run `npm run build` (npm test builds first)').toBe(true);
    const files = filesUnder(out);
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((file) => {
      const text = readFileSync(file).toString('latin1');
      return MARKERS.filter((m) => text.includes(m)).map((m) => `${relative(root, file)}: ${m}`);
    });
    expect(found).toEqual([]);
  });

  it('the built pages load their own bundle only, under the Content-Security-Policy that allows nothing else', () => {
    for (const page of ['index.html', 'analyst.html']) {
      const html = readFileSync(join(out, 'renderer', page), 'utf8');
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts, page).toHaveLength(1);
      expect(scripts[0], page).toMatch(/^<script type="module" crossorigin src="\.\/assets\/[\w-]+\.js">$/);
      expect(html, page).toMatch(/connect-src 'self'/);
    }
  });

  it('is not selected by electron-builder\'s file list', () => {
    const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { files: string[] };
    const tracked = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'scripts'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    const preview = tracked.filter((path) => path.startsWith('scripts/preview'));
    expect(preview).toEqual(expect.arrayContaining(['scripts/preview.mts', 'scripts/preview/bridge.ts', 'scripts/preview/bridge-client.js', 'scripts/preview/server.ts']));
    expect(preview.filter((path) => isPacked(path, config.files))).toEqual([]);
    // The rule is applied right: the built app is selected.
    expect(isPacked('out/main/index.js', config.files)).toBe(true);
  });
});
