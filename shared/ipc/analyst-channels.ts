/**
 * The analyst mode's channels, in the same shape as the entries of `ipcContract`
 * (shared/ipc/contract.ts spreads them in): each names its payload schema, checked in the
 * main process before any handler runs, and its result type. Only the analyst window uses
 * them; the kiosk never registers them.
 */
import { z } from 'zod';
import type { AnalystPackOutcome, AnalystPackStatus } from '../pack/types';
import { K_MAX, K_MIN } from '../analyst/disclosure';
import { MAX_OVERDUE_DAYS, MIN_OVERDUE_DAYS } from '../analyst/kiosk-health';
import { COMPLETION_CHOICES, type AnalystDashboard, type AnalystOverview, type ImportReport, type PublishOutcome, type RemovalOutcome } from '../analyst/types';

/** Largest bundle file accepted (a year of a busy kiosk is well under 1 MB). */
export const MAX_BUNDLE_BYTES = 5 * 1024 * 1024;
/** Most files in one import. */
export const MAX_FILES_PER_IMPORT = 500;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CODE = /^[A-Za-z0-9_-]{1,48}$/;
const fileName = z.string().min(1).max(255);

export const dashboardFiltersSchema = z.strictObject({
  site: z.string().regex(/^[A-Z0-9-]{0,16}$/).nullable(),
  commune: z.string().regex(CODE).nullable(),
  ageBand: z.string().regex(CODE).nullable(),
  from: z.string().regex(MONTH).nullable(),
  to: z.string().regex(MONTH).nullable(),
  completion: z.enum(COMPLETION_CHOICES).optional(),
});

export const kSchema = z.number().int().min(K_MIN).max(K_MAX);

/** A file dropped on the analyst window: its bytes in base64, or only its size when over the limit. */
export const droppedFileSchema = z.union([
  z.strictObject({ name: fileName, base64: z.string().max(Math.ceil(MAX_BUNDLE_BYTES / 3) * 4 + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/) }),
  z.strictObject({ name: fileName, size: z.number().int().min(0) }),
]);

export const analystChannels = {
  /** Kiosks (with missing sequences), questionnaire versions, sites and months imported so far. */
  'analyst:overview': {
    payload: z.undefined(),
    result: null as unknown as AnalystOverview,
  },
  /** Every panel for the filters, with small cells already hidden (threshold k). */
  'analyst:dashboard': {
    payload: z.strictObject({ filters: dashboardFiltersSchema, k: kSchema }),
    result: null as unknown as AnalystDashboard,
  },
  /** Opens the file picker, then imports the chosen bundles. */
  'analyst:pick-and-import': {
    payload: z.undefined(),
    result: null as unknown as ImportReport,
  },
  /** Imports files dropped on the window. */
  'analyst:import-files': {
    payload: z.strictObject({ files: z.array(droppedFileSchema).min(1).max(MAX_FILES_PER_IMPORT) }),
    result: null as unknown as ImportReport,
  },
  /** After an import held files of new kiosks: registers the kiosks the analyst trusts and imports their files. */
  'analyst:confirm-trust': {
    payload: z.strictObject({ token: z.string().regex(/^[0-9a-f]{32}$/), trust: z.array(z.string().max(20)).max(200) }),
    result: null as unknown as ImportReport,
  },
  /**
   * Undo an import: removes a kiosk (its registration and every export it sent) or one export,
   * in one transaction, once the analyst confirmed it on screen. Importing the same files again
   * brings it back. `removed: null` when nothing matched (already removed).
   */
  'analyst:remove': {
    payload: z.union([
      z.strictObject({ kiosk: z.string().regex(/^K-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/) }),
      z.strictObject({ bundle: z.uuid() }),
    ]),
    result: null as unknown as { removed: RemovalOutcome | null },
  },
  /**
   * The analyst's setting of the "Bornes" view: a kiosk whose newest export is older than this
   * many days is flagged (shared/analyst/kiosk-health.ts). Stored in the analyst database.
   */
  'analyst:set-overdue-days': {
    payload: z.strictObject({ days: z.number().int().min(MIN_OVERDUE_DAYS).max(MAX_OVERDUE_DAYS) }),
    result: null as unknown as { overdueAfterDays: number },
  },
  /** The agglomeration key that signs configuration packs (made on first use). */
  'analyst:pack-status': {
    payload: z.undefined(),
    result: null as unknown as AnalystPackStatus,
  },
  /**
   * Asks for a places file in the national format, then for a folder (USB stick), and writes a
   * signed configuration pack and the agglomeration's public key file there.
   */
  'analyst:pack-make': {
    payload: z.strictObject({ description: z.string().trim().max(300), recoveryCode: z.boolean() }),
    result: null as unknown as AnalystPackOutcome,
  },
  /** Opens a folder picker, then writes the open-data files (CSV, XLSX, charts, report). */
  'analyst:publish': {
    payload: z.strictObject({ k: kSchema }),
    result: null as unknown as PublishOutcome,
  },
} as const;

export type AnalystChannels = typeof analystChannels;
export type AnalystChannel = keyof AnalystChannels;
export type AnalystPayload<C extends AnalystChannel> = z.infer<AnalystChannels[C]['payload']>;
export type AnalystResult<C extends AnalystChannel> = AnalystChannels[C]['result'];
export type AnalystHandlers = { [C in AnalystChannel]: (payload: AnalystPayload<C>) => AnalystResult<C> | Promise<AnalystResult<C>> };

export const ANALYST_CHANNELS = Object.keys(analystChannels) as AnalystChannel[];

export function isAnalystChannel(value: unknown): value is AnalystChannel {
  return typeof value === 'string' && Object.hasOwn(analystChannels, value);
}
