/**
 * PNG and PDF for the command line (and the tests): the system's Chromium driven by
 * playwright-core, never a downloaded browser. The app itself uses Electron's own engine
 * instead (capturePage / printToPDF, injected by the main process). The page gets the markup
 * with `setContent`, in a context that blocks every network request.
 */
import { existsSync } from 'node:fs';
// A static import: `reperes publish` loads this module first and launches at once (see
// electron/cli/publish-command.ts); the app itself never loads it.
import { chromium, type Browser } from 'playwright-core';
import type { PublicationRenderer } from './publish';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'];

export function findChromiumExecutable(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const fromEnv = env['CHROME_PATH'];
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface ClosableRenderer extends PublicationRenderer {
  close(): Promise<void>;
}

export async function launchChromiumRenderer(executablePath: string): Promise<ClosableRenderer> {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const renderer = await rendererOnBrowser(browser);
  // Closing the browser closes its contexts: one round trip instead of three.
  return { ...renderer, close: () => browser.close() };
}

/** Larger than every chart of the publication (the map, the largest, is 940 × 662). */
const PNG_VIEWPORT = { width: 1280, height: 1024 };

/** A renderer on a browser someone else owns (the tests' harness); `close` closes only its contexts. */
export async function rendererOnBrowser(browser: Browser): Promise<ClosableRenderer> {
  // Both contexts and both pages are made at the same time: each page starts a renderer
  // process, and the two start side by side instead of one after the other.
  const [context, pngContext] = await Promise.all([
    browser.newContext({ javaScriptEnabled: false }),
    // PNGs at twice the SVG's size: sharp on high-density screens and in print.
    browser.newContext({ javaScriptEnabled: false, deviceScaleFactor: 2, viewport: PNG_VIEWPORT }),
  ]);
  await Promise.all([context, pngContext].map((c) => c.route('**/*', (route) => route.abort())));
  // One page each, reused: opening a page costs far more than loading a small document.
  const [pngPage, pdfPage] = await Promise.all([pngContext.newPage(), context.newPage()]);
  let viewport = PNG_VIEWPORT;
  return {
    async svgToPng(svg, size) {
      // The chart sits at the page's top-left corner (no margin) at the size its SVG states,
      // so that box is captured as it is: no query for the element's box and no viewport
      // resized per chart (each a round trip and a new layout). The viewport only grows when
      // a chart does not fit; the pixels, hence the PNG's bytes, are the same either way.
      if (size.width > viewport.width || size.height > viewport.height) {
        viewport = { width: Math.max(viewport.width, size.width), height: Math.max(viewport.height, size.height) };
        await pngPage.setViewportSize(viewport);
      }
      await pngPage.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
      return new Uint8Array(await pngPage.screenshot({ type: 'png', clip: { x: 0, y: 0, width: size.width, height: size.height } }));
    },
    async htmlToPdf(html) {
      await pdfPage.setContent(html);
      const pdf = await pdfPage.pdf({ format: 'A4', printBackground: true, tagged: true, outline: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
      return new Uint8Array(pdf);
    },
    close: async () => {
      await context.close();
      await pngContext.close();
    },
  };
}
