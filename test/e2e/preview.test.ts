/**
 * `npm run preview` as a newcomer on a machine without Electron and without a display uses it
 * (issue 18): the command npm runs after its build step is started as a child process, the
 * address it prints is opened in a Chromium this test starts itself (the preview opens none:
 * there is no display), and the page works through the local bridge alone.
 *
 * - kiosk: a visit is completed and is in the preview's SQLite file; a page of another origin
 *   that knows the token still cannot call the bridge; the address without its token is refused;
 * - analyst (`--analyst`): the demo database is made on first use from three simulated kiosks,
 *   the dashboard shows their visits and the map, the window's file picker and the publication
 *   work, and a second start reuses the demo.
 *
 * Needs a build (`npm test` makes it first). With REPERES_PREVIEW_SCREENSHOTS=1 it also writes
 * the README's screenshots (docs/screenshots/preview-*.png).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYST_DATABASE_FILE } from '../../electron/services/analyst/migrations';
import { KIOSK_DATABASE_FILE } from '../../electron/services/kiosk';
import { DEMO_KIOSKS } from '../../scripts/preview/analyst-demo';
import frResult from '../../shared/i18n/locales/fr/result.json';
import { PUBLICATION_FILES } from '../../shared/analyst/publication';
import type { AnalystOverview } from '../../shared/analyst/types';
import { launchChromium } from '../harness/chromium';
import { repoRoot } from '../harness/repo-root';
import { startVisit, walk, UI } from '../harness/walkthrough';
import { NO_INTERNET } from './profiles';

const root = repoRoot();
const SCREENSHOTS = process.env['REPERES_PREVIEW_SCREENSHOTS'] === '1';

/** What `npm run preview` runs once `electron-vite build` is done, e.g. `node --import tsx scripts/preview.mts`. */
function previewCommand(): string[] {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['preview'] ?? '';
  const steps = script.split('&&').map((s) => s.trim());
  expect(steps[0]).toBe('electron-vite build');
  const argv = (steps.at(-1) ?? '').split(/\s+/);
  expect(argv[0]).toBe('node');
  return argv.slice(1);
}

interface RunningPreview {
  child: ChildProcess;
  address: string;
  origin: string;
  token: string;
  output(): string;
  /** SIGTERM, as Ctrl+C would; resolves with the exit code. */
  stop(): Promise<number | null>;
}

async function startPreview(dataDir: string, args: string[] = [], extraEnv: Record<string, string> = {}): Promise<RunningPreview> {
  // No display (unless a test gives one): the preview must not open a browser of its own.
  const env = { ...process.env, REPERES_PREVIEW_DIR: dataDir, DISPLAY: '', WAYLAND_DISPLAY: '', ...extraEnv };
  const child = spawn(process.execPath, [...previewCommand(), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (out.includes('Stop with Ctrl+C.')) resolve();
    };
    child.stdout?.on('data', check);
    void exited.then((code) => reject(new Error(`the preview exited (${code}) before printing its address:\n${out}`)));
  });
  const address = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(out)?.[1];
  if (!address) throw new Error(`no address in:\n${out}`);
  const url = new URL(address);
  return {
    child,
    address,
    origin: url.origin,
    token: url.searchParams.get('token') ?? '',
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * A call through the preview's bridge, made as its own page makes it (Origin, token): how the
 * test asks the kiosk what it stored, through the contract rather than the database layout.
 */
function bridgeCall(preview: RunningPreview, channel: string, payload?: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> {
  const { hostname, port } = new URL(preview.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, method: 'POST', path: '/__reperes-preview/invoke', headers: { origin: preview.origin, 'content-type': 'application/json', 'x-reperes-preview-token': preview.token } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve(JSON.parse(text) as { ok: boolean; value?: unknown }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ channel, payload }));
  });
}

/** Visits the kiosk holds that no export covers yet, as the staff area shows them. */
async function storedVisits(preview: RunningPreview): Promise<number> {
  const status = (await bridgeCall(preview, 'staff:status')).value as { pinSet: boolean; unlocked: boolean };
  if (!status.pinSet) expect((await bridgeCall(preview, 'staff:set-first-pin', { pin: '246810' })).ok).toBe(true);
  else if (!status.unlocked) expect((await bridgeCall(preview, 'staff:unlock', { pin: '246810' })).ok).toBe(true);
  const overview = await bridgeCall(preview, 'staff:overview');
  expect(overview.ok).toBe(true);
  return (overview.value as { sessionsSinceExport: number }).sessionsSinceExport;
}

let browser: Browser;
const running: RunningPreview[] = [];
/**
 * How long a page may take to show what it is waiting for. Each poll waits for a real
 * condition; vitest's 1 s default is shorter than a cold page load on a busy 2-core machine.
 */
const UNTIL = { timeout: 20_000 };

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const preview of running) if (preview.child.exitCode === null) await preview.stop();
  await browser?.close();
});

describe('npm run preview: the kiosk in a browser the preview did not start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'reperes-preview-kiosk-'));
  const database = join(dataDir, 'kiosk', KIOSK_DATABASE_FILE);
  let preview: RunningPreview;
  let page: Page;

  beforeAll(async () => {
    preview = await startPreview(dataDir);
    running.push(preview);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'fr-FR' })).newPage();
  });

  it('prints a loopback address with a token, and says no window was opened', () => {
    expect(preview.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
    expect(preview.output()).toMatch(/Window: +not opened: no display/);
    expect(preview.output()).toContain(join('kiosk', KIOSK_DATABASE_FILE));
  });

  it('runs a whole visit in that browser, and the visit is saved in the preview database', async () => {
    const before = await storedVisits(preview);
    await page.goto(preview.address);
    await page.getByRole('button', { name: UI.fr.attract.start, exact: true }).waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: join(root, 'docs/screenshots/preview-kiosk.png') });
    await startVisit(page, 'fr');
    // The shortest path (no internet use: no activity question); kiosk-flow.test.ts walks the others.
    await walk(page, 'fr', NO_INTERNET);
    await expect.poll(() => page.locator('h1').innerText(), UNTIL).toBe(UI.fr.result.title);
    expect(await page.getByRole('status').first().innerText()).toBe(frResult.result.summary.notAssessed);
    expect(await storedVisits(preview)).toBe(before + 1);
  });

  it('refuses the address without its token, and a page of another origin even when it knows the token', async () => {
    const bare = await page.goto(`${preview.origin}/`);
    expect(bare?.status()).toBe(403);
    expect(await page.locator('body').innerText()).toContain('npm run preview');

    // An attacker's page on another port of the same machine, told the token somehow.
    const attacker: Server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'));
    await new Promise<void>((ok) => attacker.listen(0, '127.0.0.1', ok));
    const before = await storedVisits(preview);
    try {
      await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      const outcome = await page.evaluate(
        async ({ origin, token }) => {
          const call = { channel: 'staff:status' };
          const results: string[] = [];
          // With the token header: the browser asks a CORS preflight first, which the bridge never grants.
          try {
            const r = await fetch(`${origin}/__reperes-preview/invoke`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-reperes-preview-token': token }, body: JSON.stringify(call) });
            results.push(`read ${r.status} ${await r.text()}`);
          } catch {
            results.push('blocked');
          }
          // A "simple" request that needs no preflight (opaque answer): the bridge sees a foreign Origin and no token.
          await fetch(`${origin}/__reperes-preview/invoke`, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ channel: 'session:save', payload: {} }) });
          results.push('sent');
          return results;
        },
        { origin: preview.origin, token: preview.token },
      );
      expect(outcome).toEqual(['blocked', 'sent']);
    } finally {
      await new Promise((ok) => attacker.close(ok));
    }
    expect(await storedVisits(preview)).toBe(before);
  });

  it("writes the staff area's export into .preview-data/kiosk/usb (the preview's USB stick)", async () => {
    await storedVisits(preview); // unlocks the staff area
    const outcome = (await bridgeCall(preview, 'staff:export')).value as { ok: boolean; folder: string };
    expect(outcome).toMatchObject({ ok: true, folder: join(dataDir, 'kiosk', 'usb') });
    expect(readdirSync(outcome.folder).filter((f) => /^reperes-.*\.json$/.test(f))).toHaveLength(1);
    expect(preview.output()).toContain(`[preview] staff export into ${join(dataDir, 'kiosk', 'usb')}`);
    expect(await storedVisits(preview)).toBe(0);
  });

  it('stops cleanly on SIGTERM (Ctrl+C), the database closed', async () => {
    expect(await preview.stop()).toBe(0);
    expect(preview.output()).toContain('Repères preview stopped.');
    // Closed cleanly: SQLite removed its WAL file on the last close.
    expect(existsSync(`${database}-wal`)).toBe(false);
  });
});

describe('npm run preview -- --analyst: the analyst dashboard on demo data', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'reperes-preview-analyst-'));
  const analystDir = join(dataDir, 'analyst');
  const visits = DEMO_KIOSKS.reduce((sum, k) => sum + k.sessions, 0);
  let preview: RunningPreview;
  let page: Page;

  beforeAll(async () => {
    preview = await startPreview(dataDir, ['--analyst']);
    running.push(preview);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })).newPage();
  });

  it('makes the demo on first use with reperes simulate, export and import (three kiosks)', async () => {
    expect(preview.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/analyst\.html\?token=[0-9a-f]{64}$/);
    expect(preview.output()).toContain('demo data made now');
    expect(preview.output().match(/npx reperes simulate /g)).toHaveLength(3);
    expect(preview.output().match(/npx reperes export /g)).toHaveLength(3);
    expect(preview.output()).toMatch(/npx reperes import --db \S+ --trust-new /);
    // Each simulated kiosk: its visits database and, beside it, its identity file (issue 16).
    expect(readdirSync(join(analystDir, 'demo', 'kiosks')).sort()).toEqual(
      DEMO_KIOSKS.flatMap((k) => [`${k.site}.db`, `${k.site}.identity.json`]).sort(),
    );
    expect(readdirSync(join(analystDir, 'demo', 'usb')).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    expect(existsSync(join(analystDir, ANALYST_DATABASE_FILE))).toBe(true);
    const overview = (await bridgeCall(preview, 'analyst:overview')).value as AnalystOverview;
    expect(overview.bundles).toBe(3);
    expect(overview.sessions).toBe(visits);
    expect(overview.kiosks.map((k) => k.siteCode).sort()).toEqual(DEMO_KIOSKS.map((k) => k.site).sort());
  });

  it('shows the dashboard with every demo visit and the commune map', async () => {
    await page.goto(preview.address);
    const coverage = page.getByTestId('coverage');
    await coverage.waitFor();
    await expect.poll(() => coverage.textContent(), UNTIL).toContain(`${visits} sessions`);
    expect(await page.locator('table[data-table="participation"] tfoot td[data-col="total"]').textContent()).toBe(String(visits));
    await expect.poll(() => page.locator('[data-testid="commune-map"] path').count(), UNTIL).toBe(55);
    if (SCREENSHOTS) await page.screenshot({ path: join(root, 'docs/screenshots/preview-analyst.png') });
  });

  it('imports with "Choisir des fichiers…" from the inbox folder (a bundle already there: a duplicate)', async () => {
    const usb = join(analystDir, 'demo', 'usb');
    const bundle = readdirSync(usb).find((f) => f.endsWith('.json')) as string;
    copyFileSync(join(usb, bundle), join(analystDir, 'inbox', bundle));
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('button', { name: 'Choisir des fichiers…' }).click();
    await expect.poll(() => page.getByTestId('import-summary').textContent(), UNTIL).toBe('0 accepté(s), 1 doublon(s), 0 refusé(s)');
  });

  it('publishes the open data into the preview folder, PDF included', async () => {
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.getByRole('button', { name: 'Choisir le dossier et publier' }).click();
    const outcome = page.getByTestId('publish-outcome');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.textContent()).toMatch(/fichier\(s\) écrits/);
    const folder = join(analystDir, 'publication');
    expect(readFileSync(join(folder, PUBLICATION_FILES.pdf)).subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(readFileSync(join(folder, PUBLICATION_FILES.csv), 'utf8').length).toBeGreaterThan(100);
  });

  it('at the next start, with a display: reuses the demo, and opens the address in an app window of the system browser', async () => {
    expect(await preview.stop()).toBe(0);
    const kioskDb = join(analystDir, 'demo', 'kiosks', `${DEMO_KIOSKS[0]?.site}.db`);
    const made = statSync(kioskDb).mtimeMs;
    // A stand-in browser (CHROME_PATH) that records how it was started and stays open.
    const browserStub = join(dataDir, 'browser.sh');
    const argsFile = join(dataDir, 'browser-args.txt');
    const pidFile = join(dataDir, 'browser.pid');
    writeFileSync(browserStub, `#!/bin/sh\necho $$ > '${pidFile}'\nprintf '%s\\n' "$@" > '${argsFile}'\nexec sleep 120\n`);
    chmodSync(browserStub, 0o755);
    const again = await startPreview(dataDir, ['--analyst'], { DISPLAY: ':0', CHROME_PATH: browserStub });
    running.push(again);
    expect(again.output()).toContain('demo data made on first use');
    expect(statSync(kioskDb).mtimeMs).toBe(made);
    expect(again.output()).toContain(`Window:       opened in ${browserStub}`);
    await expect.poll(() => (existsSync(argsFile) ? readFileSync(argsFile, 'utf8') : ''), UNTIL).toContain(`--app=${again.address}\n`);
    // A profile of its own, inside the preview folder: the user's browser profile is never touched.
    expect(readFileSync(argsFile, 'utf8').split('\n')).toContain(`--user-data-dir=${join(dataDir, 'browser-profile')}`);
    // Any other browser still works beside that window.
    await page.goto(again.address);
    await expect.poll(() => page.getByTestId('coverage').textContent(), UNTIL).toContain(`${visits} sessions`);
    expect(await again.stop()).toBe(0);
    // Stopping closed the window it opened: the stand-in did not outlive the preview.
    // Linux: its /proc entry goes, or it is a zombie (state Z) waiting for its new parent to reap it.
    const windowState = () => {
      try {
        return readFileSync(`/proc/${readFileSync(pidFile, 'utf8').trim()}/stat`, 'utf8').replace(/^\d+ \(.*?\) (\S).*$/s, 'state $1');
      } catch {
        return 'gone';
      }
    };
    await expect.poll(windowState, UNTIL).toMatch(/^(gone|state Z)$/);
  });
});

