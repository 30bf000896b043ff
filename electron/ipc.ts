/**
 * Registers the contract's channels with Electron. Every call goes through `dispatch`, which
 * refuses untrusted senders and invalid payloads before any handler runs; this file only
 * tells it who is calling, from `event.senderFrame` (the frame, not just the window, so an
 * embedded foreign frame could not borrow the kiosk's rights).
 */
import type { IpcMain } from 'electron';
import { CHANNELS, type Handlers } from '../shared/ipc/contract';
import { dispatch, type DispatchOptions } from './services/dispatch';
import { isTrustedSenderUrl } from './security';

export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, handlers: Handlers, options: DispatchOptions = {}): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      dispatch(handlers, isTrustedSenderUrl(event.senderFrame?.url ?? ''), channel, payload, options),
    );
  }
}
