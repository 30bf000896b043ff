/**
 * The only bridge between the page and the main process: `window.reperes.invoke(channel,
 * payload)`. The page never gets `ipcRenderer`, events or callbacks, only this one frozen
 * function, and channels outside the contract are refused before anything is sent.
 *
 * This preload runs sandboxed, where `require` knows only 'electron' and a few built-ins,
 * and electron-vite leaves `dependencies` such as zod as `require()` calls. Importing the
 * contract's values (which build zod schemas) would therefore break the preload at start,
 * so only its types are imported and the channel names are listed here, checked by the
 * compiler against the contract in both directions.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Channel, IpcResponse, ReperesApi } from '../shared/ipc/contract';

/** Must name exactly the contract's channels: a missing or extra key fails `tsc`. */
const CONTRACT_CHANNELS = Object.freeze({
  'kiosk:get-setup': true,
  'kiosk:visit': true,
  'session:save': true,
  'staff:status': true,
  'staff:set-first-pin': true,
  'staff:unlock': true,
  'staff:lock': true,
  'staff:keep-alive': true,
  'staff:change-pin': true,
  'staff:get-settings': true,
  'staff:update-settings': true,
  'staff:overview': true,
  'staff:dashboard': true,
  'staff:export': true,
  'staff:export-log': true,
  'staff:reissue': true,
  'staff:logs': true,
  'staff:support-bundle': true,
  'staff:quit': true,
  'staff:recover': true,
  'staff:reset-pin': true,
  'staff:new-recovery-code': true,
  'staff:recover-with-pack': true,
  'staff:packs': true,
  'staff:pack-read': true,
  'staff:pack-apply': true,
  'staff:pack-rollback': true,
  'staff:pack-trust-read': true,
  'staff:pack-trust': true,
  'analyst:overview': true,
  'analyst:dashboard': true,
  'analyst:pick-and-import': true,
  'analyst:import-files': true,
  'analyst:confirm-trust': true,
  'analyst:remove': true,
  'analyst:set-overdue-days': true,
  'analyst:publish': true,
  'analyst:pack-status': true,
  'analyst:pack-make': true,
} satisfies Record<Channel, true>);

function isContractChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(CONTRACT_CHANNELS, value);
}

const UNKNOWN_CHANNEL: IpcResponse<never> = Object.freeze({ ok: false, error: Object.freeze({ code: 'unknownChannel' }) });

const api: ReperesApi = Object.freeze({
  // The page is untrusted: despite the types, `channel` may be anything at run time.
  invoke(channel: unknown, payload: unknown): Promise<IpcResponse<never>> {
    if (!isContractChannel(channel)) return Promise.resolve(UNKNOWN_CHANNEL);
    return ipcRenderer.invoke(channel, payload) as Promise<IpcResponse<never>>;
  },
});

contextBridge.exposeInMainWorld('reperes', api);
