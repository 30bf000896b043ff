/**
 * The app's lifecycle as main.ts wires it: the scheme before ready, one instance only, then
 * on ready the menu removed, the session hardened, the protocol served, the database opened
 * in userData, the IPC registered, the display kept awake and the kiosk window opened; the
 * database closed on quit. main.ts runs on import, so each test imports a fresh copy.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';

vi.mock('electron', async () => (await import('./electron-behaviour')).electronFake);
vi.mock('../../electron/services/kiosk', () => ({ createKioskServices: vi.fn() }));
vi.mock('../../electron/services/analyst', () => ({ createAnalystServices: vi.fn(() => ({ handlers: { 'analyst:overview': vi.fn() }, close: vi.fn() })) }));

type ElectronFake = (typeof import('./electron-behaviour'))['electronFake'];

interface Started {
  electron: ElectronFake;
  createKioskServices: ReturnType<typeof vi.fn>;
  handlers: { 'kiosk:get-setup': ReturnType<typeof vi.fn>; 'session:save': ReturnType<typeof vi.fn> };
  close: ReturnType<typeof vi.fn>;
  log: { error: ReturnType<typeof vi.fn>; flush: ReturnType<typeof vi.fn> };
  health: { recordWindowRecovery: ReturnType<typeof vi.fn> };
}

/** Imports a fresh main.ts against fresh fakes; `prepare` runs before the import. */
async function startMain(prepare: (s: Started) => void = () => {}): Promise<Started> {
  vi.resetModules();
  // The mocked module survives resetModules: this is the very object main.ts will import.
  const electron = (await import('electron')) as unknown as ElectronFake;
  electron.testing.resetFakes();
  const kiosk = await import('../../electron/services/kiosk');
  const createKioskServices = vi.mocked(kiosk.createKioskServices) as unknown as ReturnType<typeof vi.fn>;
  const handlers = { 'kiosk:get-setup': vi.fn(() => ({ siteCode: 'X' })), 'session:save': vi.fn(() => ({ saved: true })) };
  const close = vi.fn();
  const log = { error: vi.fn(), flush: vi.fn(async () => undefined) };
  const health = { recordWindowRecovery: vi.fn() };
  createKioskServices.mockReset();
  createKioskServices.mockImplementation(() => ({ handlers, close, log, health }));
  const started = { electron, createKioskServices, handlers, close, log, health };
  prepare(started);
  await import('../../electron/main');
  // Let the whenReady().then(...) chain run (setImmediate: tests may fake setTimeout).
  await new Promise((r) => setImmediate(r));
  return started;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

/** Runs `body` with `process.platform` set to `platform`, as Electron's main process sees it. */
async function onPlatform(platform: NodeJS.Platform, body: () => Promise<void>): Promise<void> {
  const original = Object.getOwnPropertyDescriptor(process, 'platform')!;
  Object.defineProperty(process, 'platform', { ...original, value: platform });
  try {
    await body();
  } finally {
    Object.defineProperty(process, 'platform', original);
  }
}

describe('main.ts', () => {
  it('registers the app:// scheme before asking for the lock and before ready', async () => {
    const { electron } = await startMain();
    const lifecycle = electron.testing.calls.filter((call) => !call.startsWith('appendSwitch:'));
    expect(lifecycle.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'requestSingleInstanceLock', 'whenReady']);
  });

  it('opens one production kiosk window once ready', async () => {
    const { electron } = await startMain();
    expect(electron.BrowserWindow.created).toHaveLength(1);
    const { options, loadURL } = electron.BrowserWindow.created[0]!;
    expect(options).toMatchObject({ kiosk: true, fullscreen: true });
    expect((options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    expect(loadURL).toHaveBeenCalledWith('app://reperes/index.html');
  });

  it('removes the menu, hardens the session, serves app:// and keeps the display awake', async () => {
    const { electron } = await startMain();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    const ses = electron.session.defaultSession;
    expect(ses.decide('https://evil.example/')).toEqual({ cancel: true });
    expect(ses.permissionCheckHandler?.({}, 'camera', 'app://reperes', {})).toBe(false);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.powerSaveBlocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });

  it("serves the applied pack's place recordings on app://, as the kiosk's services give them", async () => {
    const { placeAudioFile } = await import('../../electron/services/audio/place-recordings');
    const ogg = Buffer.from('OggS pack recording');
    const { electron } = await startMain(({ createKioskServices, handlers, close, log, health }) => {
      const packs = { placeAudio: () => ({ fr: { generator: 'espeak-ng', recordings: { 'Maison du numérique': ogg.toString('base64') } } }) };
      createKioskServices.mockImplementation(() => ({ handlers, close, log, health, packs }));
    });
    const [, handler] = electron.protocol.handle.mock.calls[0] as unknown as [string, (r: Request) => Promise<Response>];
    const manifest = (await (await handler(new Request('app://reperes/audio/places/fr/manifest.json'))).json()) as Record<string, { file: string }>;
    expect(manifest['Maison du numérique']?.file).toBe(placeAudioFile('Maison du numérique'));
    const file = await handler(new Request(`app://reperes/audio/places/fr/${placeAudioFile('Maison du numérique')}`));
    expect(Buffer.from(await file.arrayBuffer())).toEqual(ogg);
  });

  it('opens the services on the userData folder in kiosk mode', async () => {
    const { electron, createKioskServices } = await startMain();
    expect(electron.app.getPath).toHaveBeenCalledWith('userData');
    expect(createKioskServices).toHaveBeenCalledTimes(1);
    expect(createKioskServices).toHaveBeenCalledWith(
      expect.objectContaining({ userDataDir: '/fake/userData', mode: 'kiosk', chooseExportFolder: expect.any(Function), quitApp: expect.any(Function) }),
    );
  });

  it('counts each reload of a crashed kiosk page in the health the next export carries', async () => {
    const { electron, health } = await startMain();
    vi.useFakeTimers();
    const win = electron.BrowserWindow.created[0]!;
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(health.recordWindowRecovery).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_000);
    expect(win.loadURL).toHaveBeenCalledTimes(2);
    expect(health.recordWindowRecovery).toHaveBeenCalledTimes(1);
    // The app closing its renderer is no crash.
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    // Longer than any reload delay at this point (2 s), shorter than the first-paint deadline.
    vi.advanceTimersByTime(10_000);
    expect(health.recordWindowRecovery).toHaveBeenCalledTimes(1);
  });

  it("leaves the kiosk only through the staff area's quit action, which quits the app", async () => {
    const { electron, createKioskServices } = await startMain();
    expect(electron.app.quit).not.toHaveBeenCalled();
    const options = createKioskServices.mock.calls[0]?.[0] as { quitApp: () => void; chooseExportFolder: () => Promise<string | null> };
    options.quitApp();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    // The export folder comes from the native dialog; cancelling it exports nothing.
    await expect(options.chooseExportFolder()).resolves.toBeNull();
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledTimes(1);
  });

  it('starts the analyst mode with --analyst: its own services and page, an ordinary window, no kiosk', async () => {
    const argv = process.argv;
    process.argv = [...argv, '--analyst'];
    try {
      const { electron, createKioskServices } = await startMain();
      const analyst = await import('../../electron/services/analyst');
      expect(analyst.createAnalystServices).toHaveBeenCalledWith(expect.objectContaining({ userDataDir: '/fake/userData' }));
      expect(createKioskServices).not.toHaveBeenCalled();
      const { options, loadURL } = electron.BrowserWindow.created[0]!;
      expect(options).toMatchObject({ kiosk: false, fullscreen: false, resizable: true });
      expect((options.webPreferences as Record<string, unknown>).devTools).toBe(false);
      expect(loadURL).toHaveBeenCalledWith('app://reperes/analyst.html');
      expect(electron.powerSaveBlocker.start).not.toHaveBeenCalled();
    } finally {
      process.argv = argv;
    }
  });

  it("registers the contract's channels over the services' handlers, sender-checked", async () => {
    const { electron, handlers } = await startMain();
    const registered = new Map(electron.ipcMain.handle.mock.calls.map((c) => [...c] as unknown as [string, (...a: unknown[]) => Promise<unknown>]));
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());
    const getSetup = registered.get('kiosk:get-setup')!;
    await expect(getSetup({ senderFrame: { url: 'https://evil.example/' } }, undefined)).resolves.toEqual({ ok: false, error: { code: 'untrustedSender' } });
    expect(handlers['kiosk:get-setup']).not.toHaveBeenCalled();
    await expect(getSetup({ senderFrame: { url: 'app://reperes/index.html' } }, undefined)).resolves.toEqual({ ok: true, value: { siteCode: 'X' } });
    expect(handlers['kiosk:get-setup']).toHaveBeenCalledTimes(1);
  });

  it('closes the services once when the app quits', async () => {
    const { electron, close } = await startMain();
    expect(close).not.toHaveBeenCalled();
    electron.app.emit('will-quit', {});
    electron.app.emit('will-quit', {});
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('quits when the window is closed', async () => {
    const { electron } = await startMain();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalled();
  });

  it('brings the running kiosk forward on a second launch', async () => {
    const { electron } = await startMain();
    const win = electron.BrowserWindow.created[0]!;
    win.minimized = true;
    electron.app.emit('second-instance', {}, ['electron', '.'], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(1);
  });

  it('quits at once, opening nothing, when another instance holds the lock', async () => {
    const { electron, createKioskServices } = await startMain((s) => {
      s.electron.app.lock = false;
    });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(createKioskServices).not.toHaveBeenCalled();
    expect(electron.BrowserWindow.created).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('opens a normal window with devtools when REPERES_DEV=1', async () => {
    vi.stubEnv('REPERES_DEV', '1');
    const { electron } = await startMain();
    const { options } = electron.BrowserWindow.created[0]!;
    expect(options).toMatchObject({ kiosk: false, fullscreen: false, resizable: true, width: 1280, height: 800 });
    expect((options.webPreferences as Record<string, unknown>).devTools).toBe(true);
    expect(electron.session.defaultSession.decide('devtools://devtools/bundled/devtools_app.html')).toEqual({ cancel: false });
  });

  it('exits with an error, opening no window, when the database cannot be opened', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { electron } = await startMain((s) => {
      s.createKioskServices.mockImplementation(() => {
        throw Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
      });
    });
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(electron.BrowserWindow.created).toHaveLength(0);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it('turns on Chromium\'s speech-dispatcher voices on Linux, before ready (without the switch Linux has no voice)', async () => {
    await onPlatform('linux', async () => {
      const { electron } = await startMain();
      expect(electron.app.commandLine.appendSwitch).toHaveBeenCalledWith('enable-speech-dispatcher');
      expect(electron.testing.calls.indexOf('appendSwitch:enable-speech-dispatcher')).toBeLessThan(electron.testing.calls.indexOf('whenReady'));
    });
  });

  it.each(['win32', 'darwin'] as const)('adds no speech-dispatcher switch on %s (their voices come from the system)', async (platform) => {
    await onPlatform(platform, async () => {
      const { electron } = await startMain();
      expect(electron.app.commandLine.appendSwitch).not.toHaveBeenCalledWith('enable-speech-dispatcher');
    });
  });
});

describe('main.ts: a kiosk window that never paints', () => {
  it('is logged, the services closed, and the app exits with code 1 so that the session loop or systemd restarts it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { electron, close, log } = await startMain((s) => s.electron.testing.simulate({ displayServer: 'wayland', page: 'never-paints' }));
    await vi.advanceTimersByTimeAsync(59_000);
    expect(electron.app.exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(log.error).toHaveBeenCalledWith('window.neverPainted');
    expect(log.flush).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
    expect(electron.app.exit).toHaveBeenCalledTimes(1);
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    // Closed before exiting: app.exit skips 'will-quit', where the services are closed otherwise.
    expect(close.mock.invocationCallOrder[0]).toBeLessThan(electron.app.exit.mock.invocationCallOrder[0]!);
    error.mockRestore();
  });

  it('does not exit when the page paints (under Wayland too)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { electron } = await startMain((s) => s.electron.testing.simulate({ displayServer: 'wayland' }));
    await vi.advanceTimersByTimeAsync(600_000);
    expect(electron.BrowserWindow.created[0]!.isVisible()).toBe(true);
    expect(electron.app.exit).not.toHaveBeenCalled();
  });

  it('is not watched in the analyst mode (an office window that nobody restarts)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const argv = process.argv;
    process.argv = [...argv, '--analyst'];
    try {
      const { electron } = await startMain((s) => s.electron.testing.simulate({ page: 'never-paints' }));
      await vi.advanceTimersByTimeAsync(600_000);
      expect(electron.app.exit).not.toHaveBeenCalled();
    } finally {
      process.argv = argv;
    }
  });
});
