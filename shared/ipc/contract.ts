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
import type { HoursSchedule } from '../opening/status';
import { availableLanguages } from '../i18n/resources';
import type { Language } from '../i18n/languages';
import { settingsPatchSchema, type HelpPromise, type Settings } from '../settings/schema';
import { newPinSchema, pinAttemptSchema } from '../staff/pin';
import type { DashboardData, ExportLogItem, ExportOutcome, LogEntry, RecoverResult, ResetPinResult, SetPinResult, StaffAuthStatus, StaffOverview, SupportBundleOutcome, UnlockResult } from '../staff/types';
import { recoveryAttemptSchema } from '../staff/recovery-code';
import type { PackApplyOutcome, PackReadOutcome, PackRecoveryOutcome, PackStatus, TrustOutcome, TrustReadOutcome } from '../pack/types';
import { analystChannels } from './analyst-channels';

export interface KioskSetup {
  siteCode: string;
  siteName: string;
  enabledLanguages: Language[];
  /** Seconds without any touch before "Vous êtes toujours là ?" appears. */
  idleDelayS: number;
  /** Seconds the "still there?" dialog waits for one tap before the privacy reset. */
  warningDelayS: number;
  /** The help request: the chime (on, loudness in %, seconds between rings, rings at most) and what the banner promises. */
  help: { chime: boolean; volume: number; repeatS: number; maxRings: number; promise: HelpPromise };
  directory: HelpPlace[];
  /**
   * Opening hours as open intervals for the next days, computed in the main process from the
   * settings and the directory (OpenStreetMap syntax): the site's (null: always open) and each
   * place's whose hours are in that syntax. The renderer compares them with its clock.
   */
  hours: { site: HoursSchedule | null; places: Record<string, HoursSchedule> };
}

/** A settings change from the staff area; only languages whose texts ship can be enabled. */
const staffSettingsPatch = settingsPatchSchema.refine(
  (patch) => (patch.enabledLanguages ?? []).every((l) => availableLanguages().includes(l)),
  { message: 'a language without texts cannot be enabled', path: ['enabledLanguages'] },
);

export const ipcContract = {
  /** Everything the citizen flow needs to start: languages, delays, help directory. */
  'kiosk:get-setup': {
    payload: z.undefined(),
    result: null as unknown as KioskSetup,
  },
  /** A visit started (true) or the kiosk is back on its waiting screen (false): the daily restart waits for visits. */
  'kiosk:visit': {
    payload: z.strictObject({ inVisit: z.boolean() }),
    result: null as unknown as { ok: true },
  },
  /** Store one finished or abandoned session. The main process adds the day and rounds durations. */
  'session:save': {
    payload: sessionRecordSchema,
    result: null as unknown as { saved: true },
  },

  // The staff area. Only status, set-first-pin, unlock, recover and lock answer while it is locked; every other staff
  // channel fails with 'staffLocked' unless 'staff:unlock' (or 'staff:set-first-pin') succeeded
  // and the area has been used within the last few minutes (enforced in the main process).
  /** Is a PIN set, is the area unlocked, how long until a PIN may be tried again. */
  'staff:status': {
    payload: z.undefined(),
    result: null as unknown as StaffAuthStatus,
  },
  /** First start only: sets the PIN (refused once one exists) and unlocks. */
  'staff:set-first-pin': {
    payload: z.strictObject({ pin: newPinSchema }),
    result: null as unknown as SetPinResult,
  },
  'staff:unlock': {
    payload: z.strictObject({ pin: pinAttemptSchema }),
    result: null as unknown as UnlockResult,
  },
  /**
   * The recovery code printed at installation: opens the area whatever the lockout (and is
   * the only way in when the identity file was lost). Answers while locked, like unlock.
   */
  'staff:recover': {
    payload: z.strictObject({ code: recoveryAttemptSchema }),
    result: null as unknown as RecoverResult,
  },
  /** After 'staff:recover' only: a new PIN without the old one; returns a new recovery code to print. */
  'staff:reset-pin': {
    payload: z.strictObject({ newPin: newPinSchema }),
    result: null as unknown as ResetPinResult,
  },
  /** A new recovery code (the old one stops working), after the current PIN. */
  'staff:new-recovery-code': {
    payload: z.strictObject({ currentPin: pinAttemptSchema }),
    result: null as unknown as ResetPinResult | Exclude<UnlockResult, { ok: true }>,
  },
  'staff:lock': {
    payload: z.undefined(),
    result: null as unknown as { locked: true },
  },
  /** Staff are busy on a form: keeps the area from locking itself. */
  'staff:keep-alive': {
    payload: z.undefined(),
    result: null as unknown as { ok: true },
  },
  'staff:change-pin': {
    payload: z.strictObject({ currentPin: pinAttemptSchema, newPin: newPinSchema }),
    result: null as unknown as UnlockResult,
  },
  'staff:get-settings': {
    payload: z.undefined(),
    result: null as unknown as Settings,
  },
  'staff:update-settings': {
    payload: staffSettingsPatch,
    result: null as unknown as Settings,
  },
  /** Status: sessions since the last export, last export, free disk space, database size. */
  'staff:overview': {
    payload: z.undefined(),
    result: null as unknown as StaffOverview,
  },
  /** The site's figures, with everything below the small-cell threshold k already hidden. */
  'staff:dashboard': {
    payload: z.undefined(),
    result: null as unknown as DashboardData,
  },
  /** Asks staff for a folder (USB stick), then writes every bundle due. */
  'staff:export': {
    payload: z.undefined(),
    result: null as unknown as ExportOutcome,
  },
  'staff:export-log': {
    payload: z.undefined(),
    result: null as unknown as ExportLogItem[],
  },
  /** Writes a past export again, byte for byte, to a folder staff pick. */
  'staff:reissue': {
    payload: z.strictObject({ sequence: z.number().int().min(1) }),
    result: null as unknown as ExportOutcome,
  },
  /**
   * The newest lines of the kiosk's log, newest first (default 200): event codes, counts and
   * file names only, never a person's data (electron/services/log.ts).
   */
  'staff:logs': {
    payload: z.strictObject({ limit: z.number().int().min(1).max(1000).optional() }).optional(),
    result: null as unknown as LogEntry[],
  },
  /** Asks staff for a folder (USB stick), then writes a support bundle: logs, status, export list. */
  'staff:support-bundle': {
    payload: z.undefined(),
    result: null as unknown as SupportBundleOutcome,
  },
  /**
   * A kiosk that lost its identity, from its locked PIN screen only: asks for a folder (USB
   * stick) and takes the recovery code hash from the newest pack signed by the trusted key.
   */
  'staff:recover-with-pack': {
    payload: z.undefined(),
    result: null as unknown as PackRecoveryOutcome,
  },
  /** Configuration packs: the trusted agglomeration key, the pack applied and the one before. */
  'staff:packs': {
    payload: z.undefined(),
    result: null as unknown as PackStatus,
  },
  /** Asks for a folder (USB stick), checks every pack in it, and shows what the newest valid one would change. */
  'staff:pack-read': {
    payload: z.undefined(),
    result: null as unknown as PackReadOutcome,
  },
  /** Applies the pack just read, in one transaction. */
  'staff:pack-apply': {
    payload: z.strictObject({ token: z.string().regex(/^[0-9a-f]{32}$/) }),
    result: null as unknown as PackApplyOutcome,
  },
  /** Goes back to the settings before the pack applied now. */
  'staff:pack-rollback': {
    payload: z.undefined(),
    result: null as unknown as PackApplyOutcome,
  },
  /** Asks for a folder (USB stick) and reads the agglomeration's public key file, to show its fingerprint. */
  'staff:pack-trust-read': {
    payload: z.undefined(),
    result: null as unknown as TrustReadOutcome,
  },
  /** Trusts the agglomeration key read (replacing another needs the PIN). */
  'staff:pack-trust': {
    payload: z.strictObject({ publicKey: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(200), currentPin: pinAttemptSchema.optional() }),
    result: null as unknown as TrustOutcome,
  },
  /** Closes the kiosk application (maintenance); false where the shell offers no quit. */
  'staff:quit': {
    payload: z.undefined(),
    result: null as unknown as { quitting: boolean },
  },

  // The analyst mode's channels (shared/ipc/analyst-channels.ts).
  ...analystChannels,
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
  /** A staff channel was called while the staff area is locked (or locked itself). */
  'staffLocked',
  'internal',
] as const;
export type IpcErrorCode = (typeof IPC_ERROR_CODES)[number];

export type IpcResponse<T> = { ok: true; value: T } | { ok: false; error: { code: IpcErrorCode; detail?: string } };

/** The object the preload exposes on `window.reperes` (and the test harness imitates). */
export interface ReperesApi {
  invoke<C extends Channel>(channel: C, payload: Payload<C>): Promise<IpcResponse<Result<C>>>;
}

/** A handler: a plain function over services, that never sees Electron. */
export type ChannelHandler<C extends Channel> = (payload: Payload<C>) => Result<C> | Promise<Result<C>>;

/**
 * The handlers one process serves. The kiosk serves the kiosk and staff channels, the analyst
 * mode its own; `dispatch` answers `unknownChannel` for a channel the process does not serve.
 */
export type Handlers = { [C in Channel]?: ChannelHandler<C> };
