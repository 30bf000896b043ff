/**
 * The kiosk without Electron (docs/development.md): the built renderer in real Chromium,
 * with `window.reperes` provided through `page.exposeBinding` and wired to the real
 * main-process services and `dispatch` on a real SQLite file. The renderer cannot tell the
 * difference; tests, the preview and the screenshots all drive the kiosk this way.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { dispatch } from '../../electron/services/dispatch';
import { createKioskServices, type KioskServiceOptions, type KioskServices } from '../../electron/services/kiosk';
import type { SessionFacts } from '../../shared/export/tables';
import { recordVisits } from './visit-recorder';
import { launchChromium } from './chromium';
import type { ElectronNavigationGuard } from './electron-navigation';
import { repoRoot } from './repo-root';
import { serveDirectory, type StaticServer } from './static-server';

export const RENDERER_DIR = resolve(repoRoot(), 'out/renderer');

export interface KioskBrowser {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  services: KioskServices;
  /** What the kiosk derived from each visit it counted, in order (test/harness/visit-recorder.ts). */
  visits: SessionFacts[];
  userDataDir: string;
  origin: string;
  /** With `likeElectron`: the page-started navigations the shell's guard saw. */
  electronNavigation: ElectronNavigationGuard | null;
  /** Loads the kiosk; `query` can shorten delays (idle, warning, thanks in ms) for tests. */
  open(query?: Record<string, string | number>): Promise<void>;
  close(): Promise<void>;
}

export interface KioskBrowserOptions {
  userDataDir?: string;
  headless?: boolean;
  viewport?: { width: number; height: number };
  now?: () => Date;
  /** What the Electron shell injects (folder picker, quit) and test knobs (scrypt cost, failing fs). */
  services?: Omit<KioskServiceOptions, 'userDataDir' | 'mode' | 'now'>;
  /** The built renderer to serve (default out/renderer; the bench builds its own copy). */
  rendererDir?: string;
  /**
   * Tests: navigations the page starts are denied as the kiosk window denies them in
   * Electron, `location.reload()` included (test/harness/electron-navigation.ts).
   */
  likeElectron?: boolean;
}

/**
 * Gives every page of `context` the `window.reperes` the preload exposes, wired to the real
 * handlers. Also used by the bench, which opens fresh contexts for cold loads.
 */
export async function installKioskApi(context: BrowserContext, services: KioskServices, origin: string): Promise<void> {
  // Same gate as Electron's ipcMain: only the app's own pages may call the main process.
  await context.exposeBinding('__reperesInvoke', (source, channel: unknown, payload: unknown) =>
    dispatch(services.handlers, source.frame.url().startsWith(origin + '/'), channel, payload),
  );
  // A plain string, not a function: tools that rewrite functions (tsx adds helpers such as
  // __name) would otherwise break the serialised script inside the page.
  await context.addInitScript({
    content: `Object.defineProperty(window, 'reperes', {
      value: Object.freeze({ invoke: (channel, payload) => window.__reperesInvoke(channel, payload) }),
      writable: false,
      configurable: false,
    });`,
  });
}

export async function startKioskBrowser(options: KioskBrowserOptions = {}): Promise<KioskBrowser> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'reperes-kiosk-'));
  const services = createKioskServices({ ...options.services, userDataDir, mode: 'kiosk', ...(options.now ? { now: options.now } : {}) });
  const visits = recordVisits(services);
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await serveDirectory(options.rendererDir ?? RENDERER_DIR);
    browser = await launchChromium({ headless: options.headless ?? true });
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: 'fr-FR' });
    const origin = server.origin;
    await installKioskApi(context, services, origin);
    const page = await context.newPage();
    const electronNavigation = options.likeElectron ? await (await import('./electron-navigation')).guardNavigationLikeElectron(page) : null;
    const liveServer = server;
    const liveBrowser = browser;
    return {
      browser,
      context,
      page,
      services,
      visits,
      userDataDir,
      origin,
      electronNavigation,
      async open(query = {}) {
        const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
        const load = () => page.goto(`${origin}/${qs ? `?${qs}` : ''}`);
        await (electronNavigation ? electronNavigation.asShellLoad(load) : load());
        await page.getByRole('button', { name: /Commencer|Start/ }).first().waitFor();
      },
      async close() {
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
