/**
 * Opening hours in OpenStreetMap's `opening_hours` syntax (the `horaires` field of the
 * national "lieux de médiation numérique" data, or what staff type), read with the maintained
 * `opening_hours` library — in the main process only: it weighs about 1.2 MB, far too much
 * for the kiosk's start-up bundle. It turns each value into plain open intervals for the next
 * days (shared/opening/status.ts), computed from the kiosk's own clock and time zone, offline.
 */
import OpeningHours from 'opening_hours';
import { mergeIntervals, type HoursSchedule } from '../../shared/opening/status';

/** How far ahead schedules are computed; the kiosk reloads them at least daily (daily restart, hourly refresh). */
export const SCHEDULE_DAYS = 14;

export type ParsedHours = { ok: true; hours: OpeningHours } | { ok: false; detail: string };

/** Reads a value; free text ("sur rendez-vous") or a syntax error gives `ok: false`. */
export function parseOpeningHours(value: string): ParsedHours {
  const text = value.trim();
  if (text === '') return { ok: false, detail: 'empty' };
  try {
    // Mode 0 (time ranges only); no location, so "sunrise" is refused rather than guessed.
    const hours = new OpeningHours(text, null, 0);
    // The library reads some free text with a warning ("sur rendez-vous" as a comment): only a
    // value read without any warning counts, so the kiosk never shows hours it guessed.
    const warnings = hours.getWarnings();
    if (warnings.length > 0) return { ok: false, detail: String(warnings[0]).split('\n')[0]?.slice(0, 200) ?? 'warning' };
    return { ok: true, hours };
  } catch (error) {
    return { ok: false, detail: String(error).split('\n')[0]?.slice(0, 200) ?? 'invalid' };
  }
}

export function isOpeningHoursSyntax(value: string): boolean {
  return parseOpeningHours(value).ok;
}

/** The open intervals from `from` for SCHEDULE_DAYS days, or null when the value is not in the syntax. */
export function scheduleOf(value: string, from: Date, days = SCHEDULE_DAYS): HoursSchedule | null {
  const parsed = parseOpeningHours(value);
  if (!parsed.ok) return null;
  const until = new Date(from.getTime() + days * 24 * 3600_000);
  try {
    const intervals = parsed.hours.getOpenIntervals(from, until).map(([a, b]): [number, number] => [a.getTime(), b.getTime()]);
    return { intervals: mergeIntervals(intervals), until: until.getTime() };
  } catch {
    return null;
  }
}
