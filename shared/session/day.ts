/**
 * The finest dates Repères handles, in the kiosk's local time zone. Kept apart from the
 * visit's schema (record.ts) because every command reads dates and most never check a visit:
 * `reperes export` must start without the schema library (issue 13).
 */

/** Calendar day in the kiosk's local time zone ("2026-12-06"). */
export function coarseDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
