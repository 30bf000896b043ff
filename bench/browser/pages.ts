/**
 * The two pages the browser benches drive, served from their builds on 127.0.0.1 in Debian's
 * Chromium: the real kiosk renderer with `window.reperes` wired to the real main-process
 * handlers on a temporary database (test/harness/kiosk-browser.ts), and the SurveyJS page of
 * bench/surveyjs/. Every page gets CPU throttling through the DevTools protocol.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk';
import { launchChromium } from '../../test/harness/chromium';
import { installKioskApi } from '../../test/harness/kiosk-browser';
import { repoRoot } from '../../test/harness/repo-root';
import { serveDirectory, type StaticServer } from '../../test/harness/static-server';

export type PageKind = 'reperes' | 'surveyjs';

const MEASURE_SCRIPT = readFileSync(resolve(repoRoot(), 'bench/browser/page/measure.js'), 'utf8');
export const VIEWPORT = { width: 1280, height: 800 };

export interface BenchBrowser {
  browser: Browser;
  services: KioskServices;
  userDataDir: string;
  origin: Record<PageKind, string>;
  /** A fresh context (empty cache) and page, throttled ×`cpuRate` before anything loads. */
  openPage(kind: PageKind, cpuRate: number): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }>;
  close(): Promise<void>;
}

export async function startBenchBrowser(dirs: { renderer: string; surveyjs: string }): Promise<BenchBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'reperes-bench-kiosk-'));
  const services = createKioskServices({ userDataDir, mode: 'kiosk' });
  const servers: StaticServer[] = [];
  let browser: Browser | undefined;
  try {
    // The headers electron/protocol.ts sends (no-cache): whether an image can be reused from
    // the memory cache changes what a screen change costs.
    const reperes = await serveDirectory(dirs.renderer, { cacheControl: 'no-cache' });
    servers.push(reperes);
    const surveyjs = await serveDirectory(dirs.surveyjs, { cacheControl: 'no-cache' });
    servers.push(surveyjs);
    browser = await launchChromium({ headless: true });
    const live = browser;
    const origin = { reperes: reperes.origin, surveyjs: surveyjs.origin };
    return {
      browser: live,
      services,
      userDataDir,
      origin,
      async openPage(kind, cpuRate) {
        const context = await live.newContext({ viewport: VIEWPORT, locale: 'fr-FR' });
        if (kind === 'reperes') await installKioskApi(context, services, origin.reperes);
        await context.addInitScript({ content: `window.__benchKind = ${JSON.stringify(kind)};\n${MEASURE_SCRIPT}` });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
        return { context, page, cdp };
      },
      async close() {
        await live.close();
        for (const s of servers) await s.close();
        services.close();
      },
    };
  } catch (error) {
    await browser?.close();
    for (const s of servers) await s.close();
    services.close();
    throw error;
  }
}

export async function measureHeap(cdp: CDPSession): Promise<{ usedMiB: number; nodes: number; documents: number; listeners: number }> {
  await cdp.send('HeapProfiler.enable');
  // Twice: the first pass may leave objects that only become garbage once finalizers ran.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; documents: number; jsEventListeners: number };
  return { usedMiB: heap.usedSize / 2 ** 20, nodes: dom.nodes, documents: dom.documents, listeners: dom.jsEventListeners };
}
