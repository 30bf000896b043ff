/**
 * PNG and PDF for the analyst's publication, drawn by Electron's own Chromium in a hidden
 * window: the charts' SVG becomes PNG (capturePage) and the report's HTML becomes PDF
 * (printToPDF). The hidden window runs no script at all and lives in its own session that
 * accepts only the data: URL it is given, so a chart label can never fetch anything.
 *
 * Sizes, as Electron behaves (docs/electron-behaviours.md): a window's `width`/`height` are
 * its outer size, frame included, unless `useContentSize` is set, so on Windows the page
 * would be narrower than the chart; and `capturePage` returns the display's pixels (1.25× or
 * 1.5× the rectangle on many office screens). The page is laid out at the chart's size and
 * the capture resized to it, so a PNG always has the pixels its SVG asks for.
 */
import { BrowserWindow, session } from 'electron';
import type { PublicationRenderer } from './services/analyst/publish';

const PARTITION = 'reperes-offscreen-render';

/** A chart or report not drawn in this time never will be: the publication reports it. */
export const RENDER_TIMEOUT_MS = 30_000;

function renderSession(): Electron.Session {
  const s = session.fromPartition(PARTITION, { cache: false });
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  return s;
}

/** `work`, or an error once RENDER_TIMEOUT_MS have passed (a hidden page that never paints). */
function withinRenderTime<T>(work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the page could not be drawn within ${RENDER_TIMEOUT_MS / 1000} s`)), RENDER_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function withHiddenWindow<T>(html: string, size: { width: number; height: number }, use: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const win = new BrowserWindow({
    show: false,
    // The page itself gets width × height; the frame, if any, is added around it.
    useContentSize: true,
    width: size.width,
    height: size.height,
    webPreferences: {
      session: renderSession(),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    },
  });
  try {
    return await withinRenderTime(
      (async () => {
        await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
        return use(win);
      })(),
    );
  } finally {
    win.destroy();
  }
}

export function createOffscreenRenderer(): PublicationRenderer {
  return {
    svgToPng: (svg, size) =>
      withHiddenWindow(`<!doctype html><html><body style="margin:0">${svg}</body></html>`, size, async (win) => {
        const captured = await win.webContents.capturePage({ x: 0, y: 0, width: size.width, height: size.height });
        if (captured.isEmpty()) throw new Error('the chart could not be drawn: empty capture');
        // At a display scale above 100 % the capture has more pixels than the chart: back to its size.
        const { width, height } = captured.getSize();
        const image = width === size.width && height === size.height ? captured : captured.resize({ width: size.width, height: size.height, quality: 'best' });
        return new Uint8Array(image.toPNG());
      }),
    htmlToPdf: (html) =>
      withHiddenWindow(html, { width: 1240, height: 1754 }, async (win) => {
        const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, generateTaggedPDF: true, generateDocumentOutline: true });
        return new Uint8Array(pdf);
      }),
  };
}
