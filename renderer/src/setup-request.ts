/**
 * The site's setup, asked for the moment the kiosk's script starts: the main process answers
 * while the page still evaluates its modules and renders its first frame, instead of after
 * them (the waiting screen, and "Commencer", cannot show before the setup is there). Imported
 * first by main.tsx so that nothing runs before the question leaves.
 */
import type { IpcResponse, KioskSetup } from '../../shared/ipc/contract';
import { call } from './api';

let early: Promise<IpcResponse<KioskSetup>> | null = call('kiosk:get-setup', undefined);

/** The answer to the early request the first time, a fresh request afterwards (a retry, a re-read). */
export function requestSetup(): Promise<IpcResponse<KioskSetup>> {
  const answer = early ?? call('kiosk:get-setup', undefined);
  early = null;
  return answer;
}
