/**
 * The preload bridge: the page gets one frozen `invoke` function and nothing else, unknown
 * channels are refused before IPC, and the built bundle stays loadable in the sandbox.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type ReperesApi } from '../../shared/ipc/contract';
import { contextBridge, ipcRenderer } from './electron-behaviour';

vi.mock('electron', async () => (await import('./electron-behaviour')).electronFake);

let exposed: unknown[];
let api: ReperesApi;

beforeAll(async () => {
  await import('../../electron/preload');
  exposed = contextBridge.exposeInMainWorld.mock.calls.map((c) => [...c]);
  api = (exposed[0] as [string, ReperesApi])[1];
});

beforeEach(() => {
  ipcRenderer.invoke.mockClear();
});

describe('preload', () => {
  it('exposes one object, window.reperes, once', () => {
    expect(exposed).toHaveLength(1);
    expect((exposed[0] as unknown[])[0]).toBe('reperes');
  });

  it('exposes only a frozen invoke function (no ipcRenderer, no callbacks)', () => {
    expect(Object.getOwnPropertyNames(api)).toEqual(['invoke']);
    expect(typeof api.invoke).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect(Object.values(api)).not.toContain(ipcRenderer.invoke);
  });

  it.each(['shell:open-external', 'kiosk:get-setup ', 'toString', '__proto__', 'constructor', 'hasOwnProperty', '', 42, null, undefined, { toString: () => 'session:save' }])(
    'refuses channel %j without touching IPC',
    async (channel) => {
      // The page is untrusted, so the call deliberately ignores the channel type.
      const invoke = api.invoke as (channel: unknown, payload: unknown) => Promise<unknown>;
      await expect(invoke(channel, {})).resolves.toEqual({ ok: false, error: { code: 'unknownChannel' } });
      expect(ipcRenderer.invoke).not.toHaveBeenCalled();
    },
  );

  it.each(CHANNELS)('forwards contract channel %s with its payload, as is', async (channel) => {
    const payload = { probe: channel };
    const invoke = api.invoke as (channel: unknown, payload: unknown) => Promise<unknown>;
    await expect(invoke(channel, payload)).resolves.toEqual({ ok: true, value: 'from main' });
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(channel, payload);
  });

  it('cannot be changed by the page', () => {
    expect(() => {
      (api as unknown as Record<string, unknown>).invoke = () => 'hijacked';
    }).toThrow(TypeError);
  });
});

describe('built preload (out/preload/index.js)', () => {
  const built = resolve(import.meta.dirname, '../../out/preload/index.js');

  // A sandboxed preload can require only 'electron' and a few built-ins; electron-vite
  // leaves `dependencies` (zod…) as require() calls, which would kill the bridge at start.
  it.skipIf(!existsSync(built))('requires nothing but electron', () => {
    const required = [...readFileSync(built, 'utf8').matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
  });
});
