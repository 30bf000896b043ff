/**
 * The kiosk window. Its hardening is written out literally in the `new BrowserWindow` call,
 * not computed elsewhere, so that a reader (and Electronegativity) sees every setting.
 */
import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { ANALYST_ENTRY_URL, APP_ENTRY_URL } from './app-path';
import { showWhenReady, watchFirstPaint } from './first-paint';
import { attachCrashRecovery, ReloadBackoff } from './recovery';
import type { RuntimeMode } from './runtime-mode';
import { hardenWebContents } from './security';

/** Painted before the page's own background; the page's default is white. */
const BACKGROUND_COLOR = '#ffffff';

function load(win: BrowserWindow, url: string): void {
  // A failed load is logged; the window stays up and crash recovery still applies.
  win.loadURL(url).catch((error: unknown) => console.error('[reperes] could not load the page', url, error));
}

export interface KioskWindowOptions {
  /**
   * Called once if a page the window loaded has not painted within PAINT_DEADLINE_MS
   * (first-paint.ts). Without it, nothing watches (dev and analyst modes).
   */
  onNeverPainted?: () => void;
  /** Called after each reload that brought back a crashed or hung page (recovery.ts). */
  onRecovered?: () => void;
}

/**
 * The kiosk's window, or the analyst's: same hardening, but the analyst mode is an ordinary
 * office window (never kiosk, resizable) showing its own page.
 */
export function createKioskWindow(mode: RuntimeMode, options: KioskWindowOptions = {}): BrowserWindow {
  const entry = mode.analyst ? ANALYST_ENTRY_URL : APP_ENTRY_URL;
  const win = new BrowserWindow({
    title: mode.analyst ? 'Repères — analyse' : 'Repères',
    width: 1280,
    height: 800,
    // Production kiosk: full screen with no window frame or taskbar to escape to.
    kiosk: !mode.dev && !mode.analyst,
    fullscreen: !mode.dev && !mode.analyst,
    resizable: mode.dev || mode.analyst,
    // Shown by showWhenReady (first-paint.ts) once its page is there.
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    autoHideMenuBar: true,
    webPreferences: {
      // Built by electron-vite as CommonJS next to this file's bundle (out/preload/index.js).
      // electronegativity-justified: PRELOAD_JS_CHECK — reviewed: the sandboxed preload exposes
      // one frozen invoke() limited to the contract's channels, no ipcRenderer, no callbacks
      // (electron/preload.ts, test/electron/preload.test.ts).
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // A dropped file or link must not replace the kiosk page.
      navigateOnDragDrop: false,
      // A middle click on a link (a mouse plugged into the kiosk) must not try to open it in a
      // new window; window.open is denied anyway (security.ts), this removes the path itself.
      disableBlinkFeatures: 'Auxclick',
      devTools: mode.dev,
    },
  });

  hardenWebContents(win.webContents, mode);
  // Not on 'ready-to-show' alone: under Wayland it never comes for a hidden window.
  showWhenReady(win);
  const watchdog = options.onNeverPainted ? watchFirstPaint(win, options.onNeverPainted) : null;
  const loadEntry = (): void => {
    watchdog?.loading();
    load(win, entry);
  };
  attachCrashRecovery(win, loadEntry, new ReloadBackoff(), options.onRecovered);
  loadEntry();
  return win;
}
