/**
 * The one IPC contract between the kiosk's renderer and its main process. Each channel
 * names its payload schema (validated in the main process before any handler runs) and its
 * result type. The preload, the handler registration, the browser harness used by tests and
 * the renderer's client all derive from this object, so a channel cannot exist in one place
 * and not in another.
 */
import { z } from 'zod';
import { sessionRecordSchema } from '../session/record';
import type { HelpPlace } from '../orientation/directory';
import type { Language } from '../i18n/languages';

export interface KioskSetup {
  siteCode: string;
  siteName: string;
  enabledLanguages: Language[];
  /** Seconds without any touch before "Vous êtes toujours là ?" appears. */
  idleDelayS: number;
  /** Seconds the "still there?" dialog waits for one tap before the privacy reset. */
  warningDelayS: number;
  directory: HelpPlace[];
}

export const ipcContract = {
  /** Everything the citizen flow needs to start: languages, delays, help directory. */
  'kiosk:get-setup': {
    payload: z.undefined(),
    result: null as unknown as KioskSetup,
  },
  /** Store one finished or abandoned session. The main process adds the day and rounds durations. */
  'session:save': {
    payload: sessionRecordSchema,
    result: null as unknown as { saved: true },
  },
} as const;

export type IpcContract = typeof ipcContract;
export type Channel = keyof IpcContract;
export type Payload<C extends Channel> = z.infer<IpcContract[C]['payload']>;
export type Result<C extends Channel> = IpcContract[C]['result'];

export const CHANNELS = Object.keys(ipcContract) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(ipcContract, value);
}

/** Errors the renderer can receive. Each code has a translated message (errors.<code>). */
export const IPC_ERROR_CODES = [
  'unknownChannel',
  'invalidPayload',
  'untrustedSender',
  'storageFull',
  'storageReadOnly',
  'internal',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export type IpcResponse<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; detail?: string } };

/** The object the preload exposes on `window.reperes` (and the test harness imitates). */
export interface ReperesApi {
  invoke<C extends Channel>(channel: C, payload: Payload<C>): Promise<IpcResponse<Result<C>>>;
}

/** Handlers: plain functions over services, one per channel, that never see Electron. */
export type Handlers = { [C in Channel]: (payload: Payload<C>) => Result<C> | Promise<Result<C>> };
