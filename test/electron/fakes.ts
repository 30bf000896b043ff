/**
 * A stand-in for the `electron` module, for `vi.mock('electron', ...)`: Electron cannot run
 * on the test machines and importing the real package tries to download it. The fakes keep
 * what the kiosk registers (listeners, handlers, options) so tests can drive and inspect it.
 * Only the parts the kiosk uses exist; anything else fails loudly as undefined.
 */
import { vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
      return listener(...args);
    };
    return this.on(event, wrapped);
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

export class FakeWebContents extends FakeEmitter {
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  readonly forcefullyCrashRenderer = vi.fn();

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static readonly created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async (_url: string) => undefined);
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  minimized = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

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
  readonly exit = vi.fn();
  readonly getPath = vi.fn((name: string) => `/fake/${name}`);
  readonly whenReady = vi.fn(async () => {
    calls.push('whenReady');
  });
}

export const app = new FakeApp();
export const session = { defaultSession: new FakeSession() };
export const protocol = {
  registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemesAsPrivileged')),
  handle: vi.fn(),
};
export const ipcMain = { handle: vi.fn() };
export const Menu = { setApplicationMenu: vi.fn() };
export const powerSaveBlocker = { start: vi.fn(() => 1) };
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const dialog = { showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })) };
export const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: 'from main' })) };

/**
 * Back to a fresh state. main.test.ts re-imports main.ts with `vi.resetModules()`, which
 * keeps the mocked `electron` module: the same fakes are reused and must be reset.
 */
export function resetFakes(): void {
  calls.length = 0;
  FakeBrowserWindow.created.length = 0;
  app.listeners.clear();
  app.lock = true;
  session.defaultSession = new FakeSession();
  for (const fake of [app.requestSingleInstanceLock, app.quit, app.exit, app.getPath, app.whenReady, protocol.registerSchemesAsPrivileged, protocol.handle, ipcMain.handle, Menu.setApplicationMenu, powerSaveBlocker.start, contextBridge.exposeInMainWorld, dialog.showOpenDialog, ipcRenderer.invoke]) {
    fake.mockClear();
  }
}

/** The module object handed to `vi.mock('electron', ...)`; `testing` is not Electron's. */
export const electronFake = {
  testing: { calls, resetFakes },
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

