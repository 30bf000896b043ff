/**
 * The kiosk's health, an optional part of every export bundle (docs/export-format.md §2.1):
 * what the agglomeration needs to look after a dozen kiosks nobody technical watches — which
 * application and questionnaire they run, how often they restarted or recovered from a crash
 * since their previous bundle, the alerts their staff see, free disk, database size and last
 * backup. Counts and coarse values only: no path, no time of day, nothing about a visitor.
 *
 * Pure: the facts are gathered by electron/services/kiosk-health.ts; this file only checks
 * their shape and makes sizes coarse, so that a byte-exact size cannot be compared between
 * bundles to count the visits in between. The shape the analysts check is health-schema.ts;
 * this file is what every export runs, so it does without the schema library (issue 13:
 * `reperes export` within 3× the start of `reperes --help`), on the same patterns.
 */
export const APP_VERSION = /^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]{1,32})?$/;
export const QUESTIONNAIRE_VERSION = /^\d+\.\d+\.\d+$/;
export const ALERT_KIND = /^[a-z][A-Za-z]{0,39}$/;
export const MAX_ALERT_KINDS = 20;
export const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const MAX_COUNT = 1_000_000;

/** The bundle's `health` member (health-schema.ts is its schema, with the same fields). */
export interface KioskHealth {
  appVersion: string;
  questionnaireVersion: string;
  restarts: number;
  crashRecoveries: { window: number; unclean: number; database: number };
  staffAlerts: string[];
  freeDiskMB: number | null;
  databaseMB: number;
  lastBackup: string | null;
}

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
  const n = (value: number) => Math.min(MAX_COUNT, Math.max(0, Math.floor(value)));
  const health: KioskHealth = {
    appVersion: facts.appVersion,
    questionnaireVersion: facts.questionnaireVersion,
    restarts: n(facts.restarts),
    crashRecoveries: { window: n(facts.windowRecoveries), unclean: n(facts.uncleanStops), database: n(facts.databaseRecoveries) },
    staffAlerts: [...new Set(facts.staffAlerts)].sort(),
    freeDiskMB: facts.freeDiskBytes === null ? null : twoSignificant(Math.floor(facts.freeDiskBytes / MB), 'down'),
    databaseMB: Math.max(1, twoSignificant(Math.ceil(facts.databaseBytes / MB), 'up')),
    lastBackup: facts.lastBackupDay,
  };
  // What the analysts would refuse is refused here, before it is signed: a bundle the kiosk
  // cannot export is seen by staff at once, a bundle the import refuses only months later.
  const wrong = [
    !APP_VERSION.test(health.appVersion) && `appVersion ${JSON.stringify(health.appVersion)}`,
    !QUESTIONNAIRE_VERSION.test(health.questionnaireVersion) && `questionnaireVersion ${JSON.stringify(health.questionnaireVersion)}`,
    (health.staffAlerts.length > MAX_ALERT_KINDS || health.staffAlerts.some((kind) => !ALERT_KIND.test(kind))) && 'staffAlerts',
    health.lastBackup !== null && !DAY.test(health.lastBackup) && `lastBackup ${JSON.stringify(health.lastBackup)}`,
  ].filter((item) => item !== false);
  if (wrong.length > 0) throw new Error(`the kiosk's health cannot be exported: ${wrong.join(', ')}`);
  return health;
}
