/**
 * The renderer's only door to the main process: `window.reperes`, installed by the preload
 * in Electron and by the test harness in Chromium. Typed by the shared contract.
 */
import type { Channel, IpcResponse, Payload, ReperesApi, Result } from '../../shared/ipc/contract';

declare global {
  interface Window {
    reperes?: ReperesApi;
  }
}

export function api(): ReperesApi {
  if (!window.reperes) throw new Error('window.reperes is missing: the preload did not run');
  return window.reperes;
}

export async function call<C extends Channel>(channel: C, payload: Payload<C>): Promise<IpcResponse<Result<C>>> {
  try {
    return await api().invoke(channel, payload);
  } catch {
    return { ok: false, error: { code: 'internal' } };
  }
}
