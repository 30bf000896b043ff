/**
 * Electron as it behaves, for `vi.mock('electron', ...)`: the one stand-in every shell test
 * uses (Electron cannot run on the test machines, and importing the real package tries to
 * download it). The fakes keep what the kiosk registers (listeners, handlers, options) so a
 * test can inspect it, and they behave as Electron does where the shell depends on it — not
 * as the shell would like it to. Each such behaviour cites where it comes from; the list,
 * with what the shell does about each, is docs/electron-behaviours.md.
 *
 * Sources. "electron@v45" is github.com/electron/electron at tag v45.0.0-nightly.20260821
 * (the files cited are identical on main at 96f3996d8d, Aug 2026); "npm electron 45.5.0" is
 * node_modules/electron, the package this project installs.
 *
 * The machine the fake runs on is a knob (`simulate`): an X11 Linux PC at 100 % by default,
 * or Wayland, Windows, a 150 % display, a page that never loads or never paints. Anything the
 * kiosk does not use does not exist here and fails loudly as undefined.
 */
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { vi } from 'vitest';

// ---------------------------------------------------------------------------------------
// The simulated machine

export interface SimulatedMachine {
  /** What `process.platform` is in Electron's main process there. */
  platform: 'linux' | 'win32' | 'darwin';
  /** Linux only: the display server Chromium's ozone layer talks to. */
  displayServer: 'x11' | 'wayland';
  /** The display's device scale factor: 1.25 or 1.5 on many laptops and office screens. */
  scaleFactor: number;
  /** What the renderer does with a document it is given. */
  page: 'paints' | 'never-paints' | 'never-loads';
}

const DEFAULT_MACHINE: SimulatedMachine = { platform: 'linux', displayServer: 'x11', scaleFactor: 1, page: 'paints' };

export const machine: SimulatedMachine = { ...DEFAULT_MACHINE };

/** Sets the machine for the coming test; `resetFakes` goes back to the default. */
export function simulate(changes: Partial<SimulatedMachine>): void {
  Object.assign(machine, changes);
}

/**
 * Does a window's renderer produce frames while the window is hidden?
 * - Yes by default: "using this event implies that the renderer will be considered 'visible'
 *   and paint even though `show` is false" (electron@v45 docs/api/browser-window.md:54-55,
 *   267-273; `paintWhenInitiallyHidden` defaults to true, docs/api/structures/
 *   browser-window-options.md:4).
 * - Not under Wayland: a hidden window has no surface role, the compositor drives no frame,
 *   requestAnimationFrame never ticks, so nothing is laid out until `show()`
 *   (electron/electron#48859, open, reported on Electron 38–41; diagnosed on Electron 40 in
 *   pingdotgg/t3code#2216: `did-finish-load` fired, `ready-to-show` did not within 8 s, and
 *   fired right after a forced `show()`; Electron 41.2 on Debian 13 in getpaseo/paseo#4079).
 *   Not confirmed on 45 either way: nothing in electron@v45 changes it.
 */
function paintsWhileHidden(): boolean {
  return !(machine.platform === 'linux' && machine.displayServer === 'wayland');
}

/**
 * The outer window's frame around the page. `width`/`height` are the outer size unless
 * `useContentSize` is set: "the width and height would be used as web page's size, which
 * means the actual window's size will include window frame's size and be slightly larger.
 * Default is false." (electron@v45 docs/api/structures/base-window-options.md:3-11).
 * The sizes are the usual ones at 100 % (Windows 10/11: 8 px borders and a 31 px title bar;
 * macOS: a 28 px title bar); only "the page is smaller than the window" matters to the tests.
 * Linux: decorations drawn outside the window by the X11 window manager, or none under cage.
 */
function frameInsets(options: Record<string, unknown>): { width: number; height: number } {
  if (options.frame === false || options.kiosk === true || options.fullscreen === true) return { width: 0, height: 0 };
  if (machine.platform === 'win32') return { width: 16, height: 39 };
  if (machine.platform === 'darwin') return { width: 0, height: 28 };
  return { width: 0, height: 0 };
}

// ---------------------------------------------------------------------------------------
// Events

type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
  }

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener));
    return this;
  }

  off(event: string, listener: Listener): this {
    return this.removeListener(event, listener);
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron-like event whose `preventDefault` is observable. */
export function fakeEvent(): { preventDefault: ReturnType<typeof vi.fn>; defaultPrevented: () => boolean } {
  const preventDefault = vi.fn();
  return { preventDefault, defaultPrevented: () => preventDefault.mock.calls.length > 0 };
}

/**
 * The navigation throttle: what Electron does when a navigation is about to start
 * (electron@v45 shell/browser/electron_navigation_throttle.cc:26-64). Only navigations the
 * page starts (renderer-initiated: a link, `location.href = …`, `location.reload()`, a form)
 * emit anything; `loadURL`, `reload()` and history calls from the main process do not
 * (docs/api/web-contents.md:246-279, 281-311). Every frame's navigation first emits
 * 'will-frame-navigate'; a main-frame one then emits 'will-navigate'; `preventDefault()` on
 * either cancels it and the page stays as it is. Same-document navigations (hash, history
 * API) never reach the throttle. The listener gets the event (with `url`, `isMainFrame`…)
 * then the deprecated positional arguments (electron_api_web_contents.cc:2345-2356).
 *
 * That `location.reload()` counts as the page starting a navigation, to the same URL, is
 * Chromium's: Blink's Location::reload() starts a new-document navigation from the renderer;
 * test/e2e/electron-navigation.test.ts checks it in real Chromium (CDP reports it as a
 * renderer-requested navigation with reason 'reload' and a new document request follows).
 *
 * Exported on its own: the Chromium harness (test/harness/electron-navigation.ts) runs the
 * shell's real navigation guards through it for the navigations real Chromium makes.
 */
export function throttleNavigation(contents: FakeEmitter, navigation: { url: string; isMainFrame: boolean; isSameDocument?: boolean }): 'proceed' | 'cancel' {
  if (navigation.isSameDocument) return 'proceed';
  const emitNavigationEvent = (name: string): boolean => {
    let prevented = false;
    const event = {
      url: navigation.url,
      isSameDocument: false,
      isMainFrame: navigation.isMainFrame,
      frame: null,
      initiator: null,
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    };
    contents.emit(name, event, navigation.url, false, navigation.isMainFrame, 1, 1);
    return prevented;
  };
  if (emitNavigationEvent('will-frame-navigate')) return 'cancel';
  if (navigation.isMainFrame && emitNavigationEvent('will-navigate')) return 'cancel';
  return 'proceed';
}

// ---------------------------------------------------------------------------------------
// Images

/** A minimal valid PNG of the given size (white, 8-bit RGB): enough to read its IHDR. */
function pngBytes(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3, 0xff);
  row[0] = 0;
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/** Width and height from a PNG's IHDR, for tests about pixel sizes. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export class FakeNativeImage {
  constructor(private readonly size: { width: number; height: number }) {}

  getSize(): { width: number; height: number } {
    return { ...this.size };
  }

  isEmpty(): boolean {
    return this.size.width === 0 || this.size.height === 0;
  }

  resize(options: { width?: number; height?: number; quality?: string }): FakeNativeImage {
    return new FakeNativeImage({ width: options.width ?? this.size.width, height: options.height ?? this.size.height });
  }

  toPNG(): Buffer {
    return this.isEmpty() ? Buffer.alloc(0) : pngBytes(this.size.width, this.size.height);
  }
}

// ---------------------------------------------------------------------------------------
// webContents and BrowserWindow

/** Runs `step` later, as Electron's events arrive from other processes: never synchronously. */
function later(step: () => void): void {
  setTimeout(step, 0);
}

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  /** The document shown; '' before the first load. */
  url = '';
  /** Whether a renderer process is alive and showing the document. */
  rendererAlive = false;
  /** Whether the current document has had its first visually non-empty layout. */
  painted = false;
  private document = 0;
  private waitingForFrames = false;

  constructor(private readonly owner: FakeBrowserWindow | null = null) {
    super();
  }

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }

  getURL(): string {
    return this.url;
  }

  /**
   * A load the main process asks for. Emits no navigation event (docs/api/web-contents.md:
   * 273-276). Resolves on 'did-finish-load' (web-contents.md:1087-1101); a page that never
   * finishes loading leaves it pending.
   */
  readonly loadURL = vi.fn((url: string): Promise<void> => this.startDocument(url));

  /** `webContents.reload()` from the main process: no navigation event either. */
  readonly reload = vi.fn((): void => {
    void this.startDocument(this.url);
  });

  /**
   * A navigation the page itself starts (link, `location.href = …`, form): goes through the
   * throttle, so the shell's 'will-navigate' guards see it and may cancel it.
   */
  pageStartsNavigation(url: string, options: { isMainFrame?: boolean; isSameDocument?: boolean } = {}): 'cancelled' | 'committed' {
    const isMainFrame = options.isMainFrame ?? true;
    if (throttleNavigation(this, { url, isMainFrame, isSameDocument: options.isSameDocument ?? false }) === 'cancel') return 'cancelled';
    if (isMainFrame && !options.isSameDocument) void this.startDocument(url);
    return 'committed';
  }

  /** `window.location.reload()` in the page: a page-started navigation to the same URL. */
  pageReloads(): 'cancelled' | 'committed' {
    return this.pageStartsNavigation(this.url);
  }

  /**
   * Kills the renderer. Electron then emits 'render-process-gone' with reason 'killed' or
   * 'crashed' (docs/api/web-contents.md:1345-1356): on Linux it asks the renderer to crash
   * itself (`ForceCrash`), elsewhere it shuts the process down with RESULT_CODE_HUNG
   * (electron_api_web_contents.cc:3237-3261). The event comes later, when the browser
   * process notices the death, not during the call.
   */
  readonly forcefullyCrashRenderer = vi.fn((): void => {
    if (!this.rendererAlive) return;
    this.rendererAlive = false;
    this.document += 1;
    const reason = machine.platform === 'linux' ? 'crashed' : 'killed';
    later(() => this.emit('render-process-gone', {}, { reason, exitCode: reason === 'crashed' ? 139 : 2 }));
  });

  /** The renderer dies on its own (a bug, out of memory). */
  rendererCrashes(reason: 'crashed' | 'oom' | 'killed' = 'crashed'): void {
    this.rendererAlive = false;
    this.document += 1;
    later(() => this.emit('render-process-gone', {}, { reason, exitCode: 1 }));
  }

  /**
   * Resolves with the pixels of `rect` (or of the whole page). The bitmap is the rect's size
   * in screen coordinates times the display's scale factor when it is above 1, rounded up
   * (electron_api_web_contents.cc:4033-4081); an empty view gives an empty image. A page that
   * never paints has no surface to copy.
   */
  readonly capturePage = vi.fn((rect?: { x: number; y: number; width: number; height: number }): Promise<FakeNativeImage> => {
    const view = this.owner?.getContentSize() ?? [0, 0];
    const size = rect ? { width: rect.width, height: rect.height } : { width: view[0] ?? 0, height: view[1] ?? 0 };
    if (size.width === 0 || size.height === 0) return Promise.resolve(new FakeNativeImage({ width: 0, height: 0 }));
    if (machine.page !== 'paints') return new Promise<FakeNativeImage>(() => {});
    const scale = machine.scaleFactor > 1 ? machine.scaleFactor : 1;
    return Promise.resolve(new FakeNativeImage({ width: Math.ceil(size.width * scale), height: Math.ceil(size.height * scale) }));
  });

  readonly printToPDF = vi.fn(async (_options: Record<string, unknown>): Promise<Buffer> => Buffer.from('%PDF-1.4\n% fake\n%%EOF\n', 'latin1'));

  /** Called by the window when it is shown: a renderer waiting for frames now gets them. */
  windowShown(): void {
    if (this.waitingForFrames) {
      this.waitingForFrames = false;
      const document = this.document;
      later(() => this.firstLayout(document));
    }
  }

  private startDocument(url: string): Promise<void> {
    this.url = url;
    this.document += 1;
    this.painted = false;
    this.waitingForFrames = false;
    const document = this.document;
    return new Promise<void>((resolve) => {
      later(() => {
        if (document !== this.document) return;
        this.rendererAlive = true;
        this.emit('did-start-loading');
        if (machine.page === 'never-loads') return;
        later(() => {
          if (document !== this.document) return;
          this.emit('dom-ready', {});
          this.emit('did-finish-load');
          resolve();
          if (machine.page === 'never-paints') return;
          if (this.owner && !this.owner.isVisible() && !paintsWhileHidden()) {
            this.waitingForFrames = true;
            return;
          }
          later(() => this.firstLayout(document));
        });
      });
    });
  }

  /**
   * The first visually non-empty layout of a document: the renderer reports it
   * (shell/renderer/electron_render_frame_observer.cc:184-193), webContents emits
   * 'ready-to-show' (electron_api_web_contents.cc:2359-2364) and the owning BrowserWindow
   * emits it on the next tick (lib/browser/api/web-contents.ts:757-764) — for every document,
   * shown or not.
   */
  private firstLayout(document: number): void {
    if (document !== this.document || this.painted) return;
    this.painted = true;
    this.emit('ready-to-show');
    const owner = this.owner;
    if (owner && !owner.isDestroyed()) process.nextTick(() => owner.emit('ready-to-show'));
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  readonly show = vi.fn((): void => {
    if (this.destroyed) return;
    this.visible = true;
    this.emit('show');
    this.webContents.windowShown();
  });
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  /** `BrowserWindow.loadURL` is `webContents.loadURL`. */
  readonly loadURL = vi.fn((url: string): Promise<void> => this.webContents.loadURL(url));
  minimized = false;
  destroyed = false;
  private visible: boolean;
  private readonly outer: { width: number; height: number };
  private readonly content: { width: number; height: number };

  constructor(readonly options: Record<string, unknown>) {
    super();
    this.webContents = new FakeWebContents(this);
    this.visible = options.show !== false;
    const width = typeof options.width === 'number' ? options.width : 800;
    const height = typeof options.height === 'number' ? options.height : 600;
    const frame = frameInsets(options);
    if (options.useContentSize === true) {
      this.content = { width, height };
      this.outer = { width: width + frame.width, height: height + frame.height };
    } else {
      this.outer = { width, height };
      this.content = { width: Math.max(0, width - frame.width), height: Math.max(0, height - frame.height) };
    }
    FakeBrowserWindow.created.push(this);
  }

  isVisible(): boolean {
    return this.visible && !this.destroyed;
  }

  getSize(): number[] {
    return [this.outer.width, this.outer.height];
  }

  getContentSize(): number[] {
    return [this.content.width, this.content.height];
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}

// ---------------------------------------------------------------------------------------
// Session, app and the rest of the module

type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type RequestListener = (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;

export class FakeSession extends FakeEmitter {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | null = null;
  beforeRequest: RequestListener | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: RequestListener): void => {
      this.beforeRequest = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.devicePermissionHandler = handler;
  }

  /** What the registered onBeforeRequest listener answers for `url`. */
  decide(url: string): { cancel?: boolean } {
    let answer: { cancel?: boolean } | undefined;
    this.beforeRequest?.({ url }, (response) => {
      answer = response;
    });
    if (!answer) throw new Error(`no answer for ${url}`);
    return answer;
  }
}

/** Order in which the kiosk called into Electron, for "X before Y" assertions. */
export const calls: string[] = [];

class FakeApp extends FakeEmitter {
  lock = true;
  readonly requestSingleInstanceLock = vi.fn(() => {
    calls.push('requestSingleInstanceLock');
    return this.lock;
  });
  readonly quit = vi.fn();
  /** Exits at once: no 'before-quit' nor 'will-quit' (electron@v45 docs/api/app.md:526-533). */
  readonly exit = vi.fn();
  readonly getPath = vi.fn((name: string) => `/fake/${name}`);
  readonly whenReady = vi.fn(async () => {
    calls.push('whenReady');
  });
  /** Chromium switches: only those appended before 'ready' reach Chromium. */
  readonly commandLine = {
    appendSwitch: vi.fn((name: string, _value?: string) => {
      calls.push(`appendSwitch:${name}`);
    }),
  };
}

export const app = new FakeApp();
const partitions = new Map<string, FakeSession>();
export const session = {
  defaultSession: new FakeSession(),
  fromPartition: vi.fn((partition: string, _options?: Record<string, unknown>): FakeSession => {
    const existing = partitions.get(partition);
    if (existing) return existing;
    const created = new FakeSession();
    partitions.set(partition, created);
    return created;
  }),
};
export const protocol = {
  registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
  handle: vi.fn(),
};
const invokeHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
export const ipcMain = {
  /**
   * One handler per channel: a second one throws "Attempted to register a second handler for
   * '<channel>'" (electron@v45 lib/browser/ipc-main-impl.ts:15-18).
   */
  handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
    if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    if (typeof handler !== 'function') throw new TypeError(`Expected handler to be a function, but found type '${typeof handler}'`);
    invokeHandlers.set(channel, handler);
  }),
  /** Tests: what `ipcRenderer.invoke(channel, payload)` from a frame at `senderUrl` gets. */
  async invoke(channel: string, senderUrl: string | null, payload?: unknown): Promise<unknown> {
    const handler = invokeHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, payload);
  },
  channels(): string[] {
    return [...invokeHandlers.keys()];
  },
};
export const Menu = { setApplicationMenu: vi.fn() };
export const powerSaveBlocker = { start: vi.fn(() => 1) };
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
};
export const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: 'from main' })) };

/**
 * Back to a fresh state and the default machine. main.test.ts re-imports main.ts with
 * `vi.resetModules()`, which keeps the mocked `electron` module: the same fakes are reused.
 */
export function resetFakes(): void {
  calls.length = 0;
  Object.assign(machine, DEFAULT_MACHINE);
  FakeBrowserWindow.created.length = 0;
  app.listeners.clear();
  app.lock = true;
  session.defaultSession = new FakeSession();
  partitions.clear();
  invokeHandlers.clear();
  for (const fake of [
    app.requestSingleInstanceLock,
    app.quit,
    app.exit,
    app.getPath,
    app.whenReady,
    app.commandLine.appendSwitch,
    session.fromPartition,
    protocol.registerSchemesAsPrivileged,
    protocol.handle,
    ipcMain.handle,
    Menu.setApplicationMenu,
    powerSaveBlocker.start,
    contextBridge.exposeInMainWorld,
    dialog.showOpenDialog,
    ipcRenderer.invoke,
  ]) {
    fake.mockClear();
  }
}

// ---------------------------------------------------------------------------------------
// The npm package, as the first `npm start` meets it

/**
 * Fills `<projectDir>/node_modules/electron` with the real files of npm electron 45.5.0 —
 * `index.js`, `install.js`, `package.json`, `checksums.json` — and links the real
 * `@electron/get` next to it, so that `require('electron')` there behaves exactly as on a
 * user's machine. What that is:
 * - when the binary is missing, index.js prints "Downloading Electron binary..." to stdout,
 *   runs install.js, and only then returns the path (node_modules/electron/index.js:7-17, 40-48);
 * - install.js `require()`s @electron/get 5.1, an ES module (install.js:3): on a Node without
 *   require(esm) that throws ERR_REQUIRE_ESM; a download with no network fails with
 *   "TypeError: fetch failed" (@electron/get's FetchDownloader).
 * Only the download itself can be replaced: `download: 'succeeds'` puts in an install.js that
 * leaves what the real one leaves once the zip is extracted — the files under dist/ and
 * path.txt naming the executable, 'electron' on Linux (install.js:76-112). `installed: true`
 * starts with the binary already there. The "binary" is a Node script that prints
 * `ELECTRON STARTED <its arguments as JSON>`.
 */
export function installElectronPackage(projectDir: string, repoRoot: string, options: { download: 'succeeds' | 'real'; installed?: boolean }): void {
  const real = join(repoRoot, 'node_modules', 'electron');
  const electron = join(projectDir, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  for (const file of ['package.json', 'index.js', 'install.js', 'checksums.json']) copyFileSync(join(real, file), join(electron, file));
  mkdirSync(join(projectDir, 'node_modules', '@electron'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules', '@electron', 'get'), join(projectDir, 'node_modules', '@electron', 'get'), 'dir');

  const binary = `#!${process.execPath}\nconsole.log('ELECTRON STARTED ' + JSON.stringify(process.argv.slice(2)));\n`;
  if (options.installed) {
    mkdirSync(join(electron, 'dist'), { recursive: true });
    writeFileSync(join(electron, 'dist', 'electron'), binary);
    chmodSync(join(electron, 'dist', 'electron'), 0o755);
    writeFileSync(join(electron, 'path.txt'), 'electron');
  }
  if (options.download === 'succeeds') {
    writeFileSync(
      join(electron, 'install.js'),
      [
        "const fs = require('node:fs'); const path = require('node:path');",
        "fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });",
        `fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), ${JSON.stringify(binary)}, { mode: 0o755 });`,
        "fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');",
      ].join('\n'),
    );
  }
}

/** The module object handed to `vi.mock('electron', ...)`; `testing` is not Electron's. */
export const electronFake = {
  testing: { calls, resetFakes, machine, simulate },
  app,
  session,
  protocol,
  ipcMain,
  Menu,
  powerSaveBlocker,
  contextBridge,
  dialog,
  ipcRenderer,
  BrowserWindow: FakeBrowserWindow,
};
