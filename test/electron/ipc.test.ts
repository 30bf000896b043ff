/**
 * The IPC registration: exactly the contract's channels, each gated by the sender frame's
 * URL and the payload schema before the handler runs.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain } from 'electron';
import { CHANNELS, type Handlers, type Payload } from '../../shared/ipc/contract';
import { registerIpcHandlers } from '../../electron/ipc';
import { ipcMain, resetFakes } from './electron-behaviour';

vi.mock('electron', () => {
  throw new Error('ipc must not import electron at run time');
});

const SETUP = { siteCode: 'CAMBRAI-MS', siteName: 'Médiathèque', enabledLanguages: ['fr'], idleDelayS: 90, warningDelayS: 20, directory: [] };

const VALID_RECORD: Payload<'session:save'> = {
  questionnaire: { id: 'reperes-core', version: '1.0.0', hash: 'a'.repeat(64) },
  language: 'fr',
  status: 'completed',
  lastStep: 'result',
  answers: { usedInternet: 'YES' },
  exercises: {},
  accompanied: false,
  durationS: 312,
};

// Only the kiosk's own channels are served here; dispatch answers the others as unknown.
let handlers: Partial<Record<keyof Handlers, ReturnType<typeof vi.fn>>>;

beforeEach(() => {
  resetFakes();
  handlers = {
    'kiosk:get-setup': vi.fn(() => SETUP),
    'session:save': vi.fn(() => ({ saved: true })),
  };
  // Fakes stand in for Electron's IpcMain and for the typed handlers (spies keep the calls).
  registerIpcHandlers(ipcMain as unknown as Pick<IpcMain, 'handle'>, handlers as unknown as Handlers);
});

function call(channel: string, url: string | null, payload?: unknown): Promise<unknown> {
  return ipcMain.invoke(channel, url, payload);
}

describe('registerIpcHandlers', () => {
  it('registers exactly the channels of the contract, once each', () => {
    expect(ipcMain.channels().sort()).toEqual([...CHANNELS].sort());
    expect(ipcMain.handle).toHaveBeenCalledTimes(CHANNELS.length);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:5173/',
    'file:///work/main/out/renderer/index.html',
    'app://evil/index.html',
    'app://reperes.evil.example/index.html',
    'about:blank',
    '',
  ])('refuses a call from a frame at %j without running the handler', async (url) => {
    for (const channel of CHANNELS) {
      const payload = channel === 'session:save' ? VALID_RECORD : undefined;
      await expect(call(channel, url, payload)).resolves.toEqual({ ok: false, error: { code: 'untrustedSender' } });
    }
    expect(handlers['kiosk:get-setup']).not.toHaveBeenCalled();
    expect(handlers['session:save']).not.toHaveBeenCalled();
  });

  it('refuses a call whose sender frame is gone', async () => {
    await expect(call('kiosk:get-setup', null)).resolves.toEqual({ ok: false, error: { code: 'untrustedSender' } });
    expect(handlers['kiosk:get-setup']).not.toHaveBeenCalled();
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'DROP TABLE sessions'],
    ['an unknown field', { ...VALID_RECORD, name: 'Jean Dupont' }],
    ['a free-text answer', { ...VALID_RECORD, answers: { usedInternet: 'I live at 3 rue de Nice' } }],
    ['a negative duration', { ...VALID_RECORD, durationS: -1 }],
  ])('refuses a session:save with %s from the kiosk without storing it', async (_name, payload) => {
    const response = await call('session:save', 'app://reperes/index.html', payload);
    expect(response).toMatchObject({ ok: false, error: { code: 'invalidPayload' } });
    expect(handlers['session:save']).not.toHaveBeenCalled();
  });

  it('refuses kiosk:get-setup with a payload', async () => {
    await expect(call('kiosk:get-setup', 'app://reperes/index.html', { admin: true })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalidPayload' },
    });
    expect(handlers['kiosk:get-setup']).not.toHaveBeenCalled();
  });

  it('passes a valid call from the kiosk to its handler and returns its result', async () => {
    await expect(call('session:save', 'app://reperes/index.html', VALID_RECORD)).resolves.toEqual({ ok: true, value: { saved: true } });
    expect(handlers['session:save']).toHaveBeenCalledTimes(1);
    expect(handlers['session:save']).toHaveBeenCalledWith(VALID_RECORD);

    await expect(call('kiosk:get-setup', 'app://reperes/index.html#/welcome')).resolves.toEqual({ ok: true, value: SETUP });
    expect(handlers['kiosk:get-setup']).toHaveBeenCalledTimes(1);
  });

  it('maps a storage failure to its error code, not to a stack trace', async () => {
    handlers['session:save']?.mockImplementation(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    await expect(call('session:save', 'app://reperes/index.html', VALID_RECORD)).resolves.toEqual({ ok: false, error: { code: 'storageFull' } });
  });
});
