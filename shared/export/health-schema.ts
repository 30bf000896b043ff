/**
 * The schema of an export bundle's `health` member (docs/export-format.md §2.1), as analysts
 * check it on import (bundle-schema.ts) and in their database (analyst/store.ts). The kiosk
 * builds it in health.ts, on the same patterns.
 */
import { z } from 'zod';
import { ALERT_KIND, APP_VERSION, DAY, MAX_ALERT_KINDS, MAX_COUNT, QUESTIONNAIRE_VERSION } from './health';

const count = z.number().int().min(0).max(MAX_COUNT);

// The descriptions are also those of docs/reperes-aggregates.schema.json (scripts/generate-bundle-schema.ts).
export const healthSchema = z
  .strictObject({
    appVersion: z
      .string()
      .regex(APP_VERSION)
      .describe('The version of the Repères application the kiosk runs.'),
    questionnaireVersion: z
      .string()
      .regex(QUESTIONNAIRE_VERSION)
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
      .array(z.string().regex(ALERT_KIND))
      .max(MAX_ALERT_KINDS)
      .describe('Kinds of the alerts the staff area showed when the bundle was made (databaseRecovered, storageFull, storageReadOnly, backupFailed, identityRestored, identityLost, noRecoveryCode), sorted, each once.'),
    freeDiskMB: z.number().int().min(0).nullable().describe('Free space where the database lives, in MB (10^6 bytes) rounded down to two significant figures; null if unknown.'),
    databaseMB: z.number().int().min(1).describe('The database with its WAL, in MB rounded up to two significant figures (at least 1).'),
    lastBackup: z.string().regex(DAY).nullable().describe('Day (YYYY-MM-DD) of the newest daily backup on the kiosk; null if there is none.'),
  })
  .describe('The kiosk\'s health when the bundle was made: counts and coarse values only (docs/export-format.md §2.1). Optional: bundles written before it existed have none.');

// health.ts writes KioskHealth by hand; test/unit/kiosk-health.test.ts checks that it is this
// schema's type, both ways, when the tests are type-checked.
export type ParsedHealth = z.infer<typeof healthSchema>;

