/**
 * The analyst window without Electron: the built renderer's analyst.html in real Chromium,
 * with `window.reperes` wired through `page.exposeBinding` to the real analyst services
 * (`createAnalystServices`) and the same gate (`dispatchAnalyst`) on a real SQLite file. The
 * file picker and the publication folder picker are injectable; PNG and PDF are rendered by
 * this Chromium (Electron's capturePage/printToPDF in the app).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { rendererOnBrowser, type ClosableRenderer } from '../../electron/services/analyst/chromium-renderer';
import { createAnalystServices, dispatchAnalyst, type AnalystServices } from '../../electron/services/analyst/index';
import type { PublicationRenderer } from '../../electron/services/analyst/publish';
import { launchChromium } from './chromium';
import { RENDERER_DIR } from './kiosk-browser';
import { serveDirectory, type StaticServer } from './static-server';

export interface AnalystBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  services: AnalystServices;
  userDataDir: string;
  origin: string;
  /** What the next "Choisir des fichiers…" returns (null: the analyst cancels). */
  pickFiles(paths: string[] | null): void;
  /** What the next publication folder picker returns (null: cancelled). */
  pickPublishFolder(folder: string | null): void;
  open(): Promise<void>;
  close(): Promise<void>;
}

export interface AnalystBrowserOptions {
  userDataDir?: string;
  headless?: boolean;
  viewport?: { width: number; height: number };
  now?: () => Date;
}

export async function startAnalystBrowser(options: AnalystBrowserOptions = {}): Promise<AnalystBrowser> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'reperes-analyst-'));
  let nextFiles: string[] | null = null;
  let nextFolder: string | null = null;
  // One renderer, made on first use: the publication asks for PNGs and the PDF at the same
  // time, so the promise is kept (not its result) and both calls share it.
  let renderer: Promise<ClosableRenderer> | null = null;
  const lazyRenderer: PublicationRenderer = {
    svgToPng: async (svg, size) => (await (renderer ??= rendererOnBrowser(browser as Browser))).svgToPng(svg, size),
    htmlToPdf: async (html) => (await (renderer ??= rendererOnBrowser(browser as Browser))).htmlToPdf(html),
  };
  const services = createAnalystServices({
    userDataDir,
    ...(options.now ? { now: options.now } : {}),
    chooseBundleFiles: async () => nextFiles,
    choosePublishFolder: async () => nextFolder,
    renderer: lazyRenderer,
  });
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await serveDirectory(RENDERER_DIR);
    browser = await launchChromium({ headless: options.headless ?? true });
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, locale: 'fr-FR' });
    const origin = server.origin;
    await context.exposeBinding('__reperesInvoke', (source, channel: unknown, payload: unknown) =>
      dispatchAnalyst(services.handlers, source.frame.url().startsWith(origin + '/'), channel, payload),
    );
    await context.addInitScript({
      content: `Object.defineProperty(window, 'reperes', {
        value: Object.freeze({ invoke: (channel, payload) => window.__reperesInvoke(channel, payload) }),
        writable: false,
        configurable: false,
      });`,
    });
    const page = await context.newPage();
    const liveServer = server;
    const liveBrowser = browser;
    return {
      browser,
      context,
      page,
      services,
      userDataDir,
      origin,
      pickFiles(paths) {
        nextFiles = paths;
      },
      pickPublishFolder(folder) {
        nextFolder = folder;
      },
      async open() {
        await page.goto(`${origin}/analyst.html`);
        await page.getByRole('heading', { level: 1 }).waitFor();
      },
      async close() {
        await renderer?.then((r) => r.close()).catch(() => undefined);
        await liveBrowser.close();
        await liveServer.close();
        services.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.close();
    services.close();
    throw error;
  }
}
