/**
 * The kiosk window's navigation guard, in real Chromium. In Electron every navigation the
 * page starts — a link, `location.href = …`, `location.reload()` — goes through Electron's
 * navigation throttle, which emits 'will-frame-navigate' / 'will-navigate', and the shell's
 * `hardenWebContents` (electron/security.ts) cancels them all; only the shell's own loads
 * pass. A plain Chromium page would simply navigate, so a renderer that relies on reloading
 * itself would pass its tests here and fail in the kiosk.
 *
 * This runs the shell's real guard on the throttle model of test/electron/electron-behaviour.ts
 * for every document request Chromium makes, and cancels what the guard cancels (the request
 * is aborted: the page stays exactly as it was, as in Electron). Navigations the harness itself
 * makes (`page.goto` in `open()`, like the shell's `loadURL`) go through `asShellLoad`.
 *
 * Test-only: it imports the vitest-based Electron stand-in, so it is loaded on demand.
 */
import type { Page } from 'playwright-core';
import { PRODUCTION_MODE } from '../../electron/runtime-mode';
import { hardenWebContents } from '../../electron/security';
import { FakeWebContents, throttleNavigation } from '../electron/electron-behaviour';

export interface ElectronNavigationGuard {
  /** Navigations the page started, in order, with what the shell decided. */
  readonly pageNavigations: { url: string; isMainFrame: boolean; outcome: 'proceed' | 'cancel' }[];
  /** Runs a navigation the shell itself makes (Electron's loadURL): no guard applies. */
  asShellLoad<T>(load: () => Promise<T>): Promise<T>;
}

export async function guardNavigationLikeElectron(page: Page): Promise<ElectronNavigationGuard> {
  const contents = new FakeWebContents();
  // The guard the kiosk window installs, unchanged: the code under test decides.
  hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0], PRODUCTION_MODE);
  let shellLoads = 0;
  const pageNavigations: ElectronNavigationGuard['pageNavigations'] = [];
  await page.route('**/*', async (route) => {
    const request = route.request();
    if (!request.isNavigationRequest() || shellLoads > 0) return route.fallback();
    const navigation = { url: request.url(), isMainFrame: request.frame() === page.mainFrame() };
    const outcome = throttleNavigation(contents, navigation);
    pageNavigations.push({ ...navigation, outcome });
    // 'aborted' is what a cancelled navigation is in Chromium: no error page, the document stays.
    return outcome === 'cancel' ? route.abort('aborted') : route.fallback();
  });
  return {
    pageNavigations,
    async asShellLoad(load) {
      shellLoads += 1;
      try {
        return await load();
      } finally {
        shellLoads -= 1;
      }
    },
  };
}
