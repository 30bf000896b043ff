/**
 * The kiosk's health, an optional part of every export bundle (docs/export-format.md §2.1):
 * what the agglomeration needs to look after a dozen kiosks nobody technical watches — which
 * application and questionnaire they run, how often they restarted or recovered from a crash
 * since their previous bundle, the alerts their staff see, free disk, database size and last
 * backup. Counts and coarse values only: no path, no time of day, nothing about a visitor.
 *
 * Pure: the facts are gathered by electron/services/kiosk-health.ts; this file only checks
 * their shape and makes sizes coarse, so that a byte-exact size cannot be compared between
 * bundles to count the visits in between.
 */
import { z } from 'zod';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const count = z.number().int().min(0).max(1_000_000);

// The descriptions are also those of docs/reperes-aggregates.schema.json (scripts/generate-bundle-schema.ts).
export const healthSchema = z
  .strictObject({
    appVersion: z
      .string()
      .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]{1,32})?$/)
      .describe('The version of the Repères application the kiosk runs.'),
    questionnaireVersion: z
      .string()
      .regex(/^\d+\.\d+\.\d+$/)
      .describe('The questionnaire version the kiosk asks now (the bundle\'s own questionnaire may be older).'),
    restarts: count.describe('Starts of the application since the previous bundle, daily restarts included.'),
    crashRecoveries: z
      .strictObject({
        window: count.describe('The kiosk page crashed or hung and the watchdog reloaded it.'),
        unclean: count.describe('The application had stopped without closing (crash, power cut, killed) and started again.'),
        database: count.describe('The database was found damaged at a start, moved aside and created again.'),
      })
      .describe('Recoveries since the previous bundle.'),
    staffAlerts: z
      .array(z.string().regex(/^[a-z][A-Za-z]{0,39}$/))
      .max(20)
      .describe('Kinds of the alerts the staff area showed when the bundle was made (databaseRecovered, storageFull, storageReadOnly, backupFailed, identityRestored, identityLost, noRecoveryCode), sorted, each once.'),
    freeDiskMB: z.number().int().min(0).nullable().describe('Free space where the database lives, in MB (10^6 bytes) rounded down to two significant figures; null if unknown.'),
    databaseMB: z.number().int().min(1).describe('The database with its WAL, in MB rounded up to two significant figures (at least 1).'),
    lastBackup: z.string().regex(DAY).nullable().describe('Day (YYYY-MM-DD) of the newest daily backup on the kiosk; null if there is none.'),
  })
  .describe('The kiosk\'s health when the bundle was made: counts and coarse values only (docs/export-format.md §2.1). Optional: bundles written before it existed have none.');

export type KioskHealth = z.infer<typeof healthSchema>;

/** What the kiosk knows at export time, before it is made coarse. */
export interface HealthFacts {
  appVersion: string;
  questionnaireVersion: string;
  restarts: number;
  windowRecoveries: number;
  uncleanStops: number;
  databaseRecoveries: number;
  staffAlerts: readonly string[];
  freeDiskBytes: number | null;
  databaseBytes: number;
  lastBackupDay: string | null;
}

const MB = 1_000_000;

/** Two significant figures, rounded towards `direction` (12 345 → 12 000 down, 13 000 up). */
export function twoSignificant(value: number, direction: 'down' | 'up'): number {
  if (value <= 0) return 0;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(value)) - 1);
  const round = direction === 'down' ? Math.floor : Math.ceil;
  return round(value / step) * step;
}

/** The bundle's `health` from the kiosk's facts: counts clamped, sizes coarse, alert kinds sorted and unique. */
export function buildHealth(facts: HealthFacts): KioskHealth {
  const n = (value: number) => Math.min(1_000_000, Math.max(0, Math.floor(value)));
  return healthSchema.parse({
    appVersion: facts.appVersion,
    questionnaireVersion: facts.questionnaireVersion,
    restarts: n(facts.restarts),
    crashRecoveries: { window: n(facts.windowRecoveries), unclean: n(facts.uncleanStops), database: n(facts.databaseRecoveries) },
    staffAlerts: [...new Set(facts.staffAlerts)].sort(),
    freeDiskMB: facts.freeDiskBytes === null ? null : twoSignificant(Math.floor(facts.freeDiskBytes / MB), 'down'),
    databaseMB: Math.max(1, twoSignificant(Math.ceil(facts.databaseBytes / MB), 'up')),
    lastBackup: facts.lastBackupDay,
  });
}
