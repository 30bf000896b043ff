/**
 * The analyst's watch over the kiosks: a kiosk whose newest export was made more than a
 * set number of days ago is flagged in the "Bornes" view and by `reperes kiosks` — it may be
 * switched off, broken, or simply forgotten by its centre. Pure: days are calendar days
 * (UTC), the dates bundles carry (`export.created`, YYYY-MM-DD).
 */

/** Default of the analyst setting: a little more than a month and a half, so a monthly export may be a week late. */
export const DEFAULT_OVERDUE_DAYS = 45;
export const MIN_OVERDUE_DAYS = 1;
export const MAX_OVERDUE_DAYS = 730;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(time) ? null : Math.round(time / 86_400_000);
}

/** Whole days from `from` to `to` (negative if `to` comes first); null if either is not a day. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

/**
 * Whether a kiosk is overdue: its newest export is more than `afterDays` days before `today`.
 * A kiosk with no export day at all is not flagged (it is not registered before an import);
 * an export dated in the future (a kiosk clock ahead) is not overdue.
 */
export function exportOverdue(lastExportDay: string | null, today: string, afterDays: number): boolean {
  if (lastExportDay === null) return false;
  const days = daysBetween(lastExportDay, today);
  return days !== null && days > afterDays;
}
