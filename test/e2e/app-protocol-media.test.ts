/**
 * The kiosk's recordings as real Chromium plays them through the app:// protocol handler
 * (electron/protocol.ts, the very function Electron calls, bridged here to 127.0.0.1): the
 * media element asks for byte ranges, gets 206 answers, and can therefore seek anywhere in a
 * recording — not only inside what it has already buffered (a server without ranges makes
 * the audio unseekable and a seek jumps back to 0).
 */
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppRequestHandler } from '../../electron/protocol';
import { launchChromium } from '../harness/chromium';
import { repoRoot } from '../harness/repo-root';

vi.mock('electron', async () => (await import('../electron/electron-behaviour')).electronFake);

let root: string;
let server: Server;
let origin: string;
let browser: Browser;
const answered: { range: string | null; status: number }[] = [];

/** Node's HTTP server in front of the app:// handler: the same Request in, the same Response out. */
async function serveThroughAppHandler(dir: string): Promise<void> {
  const handler = createAppRequestHandler(dir);
  server = createServer((req, res) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    void handler(new Request(`app://reperes${req.url ?? '/'}`, { method: req.method ?? 'GET', headers })).then(async (response) => {
      if (req.url?.endsWith('.opus')) answered.push({ range: headers.get('range'), status: response.status });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'reperes-media-'));
  // The longest French recording the kiosk ships.
  const audioDir = join(repoRoot(), 'assets', 'audio', 'fr');
  const longest = readdirSync(audioDir)
    .filter((name) => name.endsWith('.opus'))
    .map((name) => join(audioDir, name))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
  copyFileSync(longest, join(root, 'speech.opus'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>media</title><audio id="a" preload="auto" src="speech.opus"></audio>');
  await serveThroughAppHandler(root);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  rmSync(root, { recursive: true, force: true });
});

describe('audio through the app:// handler, in Chromium', () => {
  it('is served in byte ranges and can be sought to any point', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    const state = await page.evaluate(async () => {
      const audio = document.getElementById('a') as HTMLAudioElement;
      if (audio.readyState < 1) await new Promise((resolve) => audio.addEventListener('loadedmetadata', resolve, { once: true }));
      const seekableEnd = audio.seekable.length ? audio.seekable.end(audio.seekable.length - 1) : 0;
      // Without ranges Chromium cannot even read an Ogg file's duration (it is Infinity).
      if (!Number.isFinite(audio.duration)) return { duration: audio.duration, seekableEnd, target: Number.NaN, after: Number.NaN };
      const target = audio.duration * 0.8;
      audio.currentTime = target;
      await new Promise((resolve) => audio.addEventListener('seeked', resolve, { once: true }));
      return { duration: audio.duration, seekableEnd, target, after: audio.currentTime };
    });
    await page.close();
    expect(Number.isFinite(state.duration), `duration: ${state.duration}`).toBe(true);
    expect(state.duration).toBeGreaterThan(1);
    // The whole recording is seekable, not just what happens to be buffered.
    expect(state.seekableEnd).toBeCloseTo(state.duration, 1);
    expect(state.after).toBeCloseTo(state.target, 1);
    expect(answered.some((a) => a.range !== null && a.status === 206)).toBe(true);
  });
});
