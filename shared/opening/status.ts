/**
 * "Ouvert maintenant" / "prochaine ouverture" from a schedule the main process computed with
 * the opening_hours library (electron/services/opening-hours.ts): the renderer gets plain
 * intervals and only compares them with the kiosk's clock, so the 1 MB parser never reaches
 * the citizen's screen. Pure.
 */

/** Open intervals [from, to) in ms since the epoch, sorted, merged, and how far they were computed. */
export interface HoursSchedule {
  intervals: [number, number][];
  /** The schedule says nothing after this instant (ms). */
  until: number;
}

export type OpeningStatus =
  /** Open now; closes at `closesAt` (null: not before the end of the computed window). */
  | { kind: 'open'; closesAt: number | null }
  /** Closed now; opens at `opensAt` (null: no opening within the computed window). */
  | { kind: 'closed'; opensAt: number | null }
  /** No readable hours, or the schedule is too old to say. */
  | { kind: 'unknown' };

export function openingStatus(schedule: HoursSchedule | null | undefined, now: number): OpeningStatus {
  if (!schedule || now >= schedule.until) return { kind: 'unknown' };
  for (const [from, to] of schedule.intervals) {
    if (now < from) return { kind: 'closed', opensAt: from };
    if (now < to) return { kind: 'open', closesAt: to >= schedule.until ? null : to };
  }
  return { kind: 'closed', opensAt: null };
}

/** Sorted, with touching or overlapping intervals joined (a place open 12:00-14:00 and 14:00-18:00 is open 12:00-18:00). */
export function mergeIntervals(intervals: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = intervals.filter(([a, b]) => b > a).map(([a, b]): [number, number] => [a, b]).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = out.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}
