/**
 * The kiosk window's decisions: hardened webPreferences in every mode, kiosk and full
 * screen in production only, devtools only in dev, the app:// entry page, shown when ready.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKioskWindow } from '../../electron/window';
import { PRODUCTION_MODE, type RuntimeMode } from '../../electron/runtime-mode';
import { FakeBrowserWindow, fakeEvent, resetFakes, simulate } from './electron-behaviour';

vi.mock('electron', async () => (await import('./electron-behaviour')).electronFake);

beforeEach(() => resetFakes());

const DEV: RuntimeMode = { dev: true, analyst: false };

/** Opens a window and returns the fake that recorded it. */
function open(mode: RuntimeMode, options: Parameters<typeof createKioskWindow>[1] = {}): FakeBrowserWindow {
  FakeBrowserWindow.created.length = 0;
  createKioskWindow(mode, options);
  expect(FakeBrowserWindow.created).toHaveLength(1);
  return FakeBrowserWindow.created[0]!;
}

const HARDENED = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
};

describe('createKioskWindow in production', () => {
  it('hardens webPreferences and forbids devtools', () => {
    const prefs = open(PRODUCTION_MODE).options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject(HARDENED);
    // A middle click must not open a link in a new window (Electronegativity's AUXCLICK check).
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs.devTools).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('experimentalFeatures');
  });

  it('loads the CommonJS preload built next to the main bundle', () => {
    const preload = (open(PRODUCTION_MODE).options.webPreferences as { preload: string }).preload;
    expect(isAbsolute(preload)).toBe(true);
    expect(preload.endsWith(`${sep}preload${sep}index.js`)).toBe(true);
    // out/main/index.js → out/preload/index.js: one level up from the main bundle's folder.
    expect(preload).toBe(resolve(import.meta.dirname, '../../electron', '../preload/index.js'));
  });

  it('is a kiosk in full screen, not resizable, hidden until painted', () => {
    const { options } = open(PRODUCTION_MODE);
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, resizable: false, show: false, autoHideMenuBar: true });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('loads app://reperes/index.html', () => {
    const win = open(PRODUCTION_MODE);
    expect(win.loadURL).toHaveBeenCalledWith('app://reperes/index.html');
    expect(win.isVisible()).toBe(false);
  });

  it('denies navigation and new windows and swallows escape shortcuts on its page', () => {
    const { webContents } = open(PRODUCTION_MODE);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = fakeEvent();
      webContents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const reload = fakeEvent();
    webContents.emit('before-input-event', reload, { type: 'keyDown', key: 'F5', code: 'F5', control: false, meta: false, alt: false, shift: false });
    expect(reload.preventDefault).toHaveBeenCalled();
  });
});

describe('createKioskWindow in dev mode', () => {
  it('is a normal resizable 1280×800 window with devtools', () => {
    const { options } = open(DEV);
    expect(options).toMatchObject({ kiosk: false, fullscreen: false, resizable: true, width: 1280, height: 800 });
    expect((options.webPreferences as Record<string, unknown>).devTools).toBe(true);
  });

  it('keeps every other hardening setting', () => {
    expect(open(DEV).options.webPreferences).toMatchObject(HARDENED);
  });

  it('lets shortcuts through but still denies navigation', () => {
    const { webContents } = open(DEV);
    const devtools = fakeEvent();
    webContents.emit('before-input-event', devtools, { type: 'keyDown', key: 'F12', code: 'F12', control: false, meta: false, alt: false, shift: false });
    expect(devtools.preventDefault).not.toHaveBeenCalled();
    const navigation = fakeEvent();
    webContents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.preventDefault).toHaveBeenCalled();
  });
});

describe('showing the window, as Electron really behaves', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('X11 / Windows: the hidden window paints, and is shown without a flash of an empty window', async () => {
    const win = open(PRODUCTION_MODE);
    await vi.advanceTimersByTimeAsync(100);
    expect(win.webContents.painted).toBe(true);
    expect(win.isVisible()).toBe(true);
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('Wayland: ready-to-show never comes while hidden, so the window is shown once its page has loaded, and then paints', async () => {
    simulate({ displayServer: 'wayland' });
    const readyToShow = vi.fn();
    const win = open(PRODUCTION_MODE);
    win.on('ready-to-show', readyToShow);
    await vi.advanceTimersByTimeAsync(100);
    expect(win.isVisible()).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(readyToShow).toHaveBeenCalledTimes(1);
    expect(win.webContents.painted).toBe(true);
    expect(win.show).toHaveBeenCalledTimes(1);
  });

  it('a page that never finishes loading: the window is still shown within 5 s (its background, not nothing)', async () => {
    simulate({ displayServer: 'wayland', page: 'never-loads' });
    const win = open(PRODUCTION_MODE);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(win.isVisible()).toBe(true);
    expect(win.show).toHaveBeenCalledTimes(1);
  });
});

describe('the first-paint watchdog (a window that never paints must be restartable)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it.each(['never-paints', 'never-loads'] as const)('a page that %s: the watchdog fires once, 60 s after the load, not before', async (page) => {
    simulate({ page });
    const onNeverPainted = vi.fn();
    open(PRODUCTION_MODE, { onNeverPainted });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(onNeverPainted).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(onNeverPainted).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(onNeverPainted).toHaveBeenCalledTimes(1);
  });

  it('Wayland: a page that paints once shown does not trip it', async () => {
    simulate({ displayServer: 'wayland' });
    const onNeverPainted = vi.fn();
    const win = open(PRODUCTION_MODE, { onNeverPainted });
    await vi.advanceTimersByTimeAsync(600_000);
    expect(win.webContents.painted).toBe(true);
    expect(onNeverPainted).not.toHaveBeenCalled();
  });

  it('gives a recovery reload its own 60 s', async () => {
    const onNeverPainted = vi.fn();
    const win = open(PRODUCTION_MODE, { onNeverPainted });
    await vi.advanceTimersByTimeAsync(100);
    expect(win.webContents.painted).toBe(true);
    // The renderer dies; the machine then stops painting anything (a broken GPU, say).
    simulate({ page: 'never-paints' });
    win.webContents.rendererCrashes();
    await vi.advanceTimersByTimeAsync(1_000);
    // Recovery reloaded the start page (after 1 s); it has 60 s to paint from then.
    expect(win.loadURL).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(onNeverPainted).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(onNeverPainted).toHaveBeenCalledTimes(1);
  });
});

describe('crash recovery of the window', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reloads the start page 1 s after the renderer crashed', () => {
    const win = open(PRODUCTION_MODE);
    win.loadURL.mockClear();
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    vi.advanceTimersByTime(999);
    expect(win.loadURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(win.loadURL).toHaveBeenCalledWith('app://reperes/index.html');
  });
});

describe('window.ts source', () => {
  // Electronegativity reads the options literally: they must stay inline in the call.
  it('writes the hardening inline in new BrowserWindow({...})', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../electron/window.ts'), 'utf8');
    const call = source.slice(source.indexOf('new BrowserWindow({'));
    const literal = call.slice(0, call.indexOf('});'));
    for (const [key, value] of Object.entries(HARDENED)) {
      expect(literal, key).toMatch(new RegExp(`\\b${key}: ${String(value)},`));
    }
    expect(literal).toMatch(/\bdevTools: mode\.dev,/);
    expect(literal).toMatch(/\bdisableBlinkFeatures: 'Auxclick',/);
  });
});
