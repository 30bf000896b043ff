/**
 * The analyst window's door to the main process: `window.reperes.invoke`, installed by the
 * preload in Electron and by test/harness/analyst-browser.ts in Chromium.
 */
import type { AnalystChannel, AnalystPayload, AnalystResult } from '../../shared/ipc/analyst-channels';
import type { IpcResponse, ReperesApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    reperes?: ReperesApi;
  }
}

export async function call<C extends AnalystChannel>(channel: C, payload: AnalystPayload<C>): Promise<IpcResponse<AnalystResult<C>>> {
  try {
    if (!window.reperes) return { ok: false, error: { code: 'internal' } };
    return (await window.reperes.invoke(channel, payload as never)) as IpcResponse<AnalystResult<C>>;
  } catch {
    return { ok: false, error: { code: 'internal' } };
  }
}
