/**
 * PNG and PDF for the analyst's publication, drawn by Electron's own Chromium in a hidden
 * window: the charts' SVG becomes PNG (capturePage) and the report's HTML becomes PDF
 * (printToPDF). The hidden window runs no script at all and lives in its own session that
 * accepts only the data: URL it is given, so a chart label can never fetch anything.
 */
import { BrowserWindow, session } from 'electron';
import type { PublicationRenderer } from './services/analyst/publish';

const PARTITION = 'reperes-offscreen-render';

function renderSession(): Electron.Session {
  const s = session.fromPartition(PARTITION, { cache: false });
  s.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  return s;
}

async function withHiddenWindow<T>(html: string, size: { width: number; height: number }, use: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const win = new BrowserWindow({
    show: false,
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
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await use(win);
  } finally {
    win.destroy();
  }
}

export function createOffscreenRenderer(): PublicationRenderer {
  return {
    svgToPng: (svg, size) =>
      withHiddenWindow(`<!doctype html><html><body style="margin:0">${svg}</body></html>`, size, async (win) => {
        const image = await win.webContents.capturePage({ x: 0, y: 0, width: size.width, height: size.height });
        return new Uint8Array(image.toPNG());
      }),
    htmlToPdf: (html) =>
      withHiddenWindow(html, { width: 1240, height: 1754 }, async (win) => {
        const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
        return new Uint8Array(pdf);
      }),
  };
}
