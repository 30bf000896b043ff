/**
 * The day's hours of a place, said in full on the result ("Ouvert aujourd'hui de 9 heures à
 * 12 heures et de 14 heures à 17 heures"), in the visitor's language with times said the way
 * that language says them. The pieces are texts of each locale (`hours.today.*`); times are
 * written for the voice, not for the eye: "9 heures" (a voice reads "9 h" as "neuf ache"),
 * "2:30 pm", Persian digits in Dari. The sentence is said whole: recorded with the directory or
 * the pack that brings the place (electron/services/audio/place-recordings.ts), said by the
 * local voice otherwise. Pure.
 */
import { formatNumber } from '../i18n/numbers';
import { htmlLangOf, type Language } from '../i18n/languages';
import type { HoursSchedule } from './status';

/** An open range of one day, in minutes since midnight ([0, 1440]). */
export interface DayRange {
  from: number;
  to: number;
}

const DAY_MINUTES = 24 * 60;

/**
 * The open ranges of the local day that contains `now` (the place's day, not only what is left
 * of it), or null when the schedule does not cover that day.
 */
export function dayRanges(schedule: HoursSchedule | null | undefined, now: number): DayRange[] | null {
  if (!schedule || now >= schedule.until) return null;
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start);
  end.setDate(end.getDate() + 1);
  // Minutes on the wall clock (a day of a clock change has 23 or 25 hours).
  const minutes = (at: number) => {
    const d = new Date(at);
    return at >= end.getTime() ? DAY_MINUTES : d.getHours() * 60 + d.getMinutes();
  };
  return schedule.intervals
    .filter(([from, to]) => to > start.getTime() && from < end.getTime())
    .map(([from, to]) => ({ from: from <= start.getTime() ? 0 : minutes(from), to: minutes(Math.min(to, end.getTime())) }));
}

/** A locale's text by key with its `{{values}}` filled in (i18next's `t`, or the same on the raw texts). */
export type Phrase = (key: string, values?: Record<string, string>) => string;

function spokenTime(minutes: number, language: Language, t: Phrase): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const values = {
    h: formatNumber(language, h),
    h12: formatNumber(language, ((h + 11) % 12) + 1),
    m: formatNumber(language, m),
    mm: formatNumber(language, m).padStart(2, formatNumber(language, 0)),
    ampm: h < 12 || h === 24 ? 'am' : 'pm',
  };
  return t(m === 0 ? 'hours.today.time' : 'hours.today.timeMinutes', values);
}

/**
 * "Revenez mardi 9 heures" on the closed screen: the day, then the time as the voice says it
 * (the screen shows "mardi 09:00"). Recorded with a pack for its sites' hours, said by the local
 * voice otherwise.
 */
export function comeBackSentence(opensAt: number, language: Language, t: Phrase): string {
  const day = new Intl.DateTimeFormat(htmlLangOf(language), { weekday: 'long' }).format(opensAt);
  const at = new Date(opensAt);
  return t('closed.comeBack', { when: `${day} ${spokenTime(at.getHours() * 60 + at.getMinutes(), language, t)}` });
}

/** What is said of the day's hours: open all day, closed today, or each range. */
export function dayHoursSentence(ranges: readonly DayRange[], language: Language, t: Phrase): string {
  if (ranges.length === 0) return t('hours.today.closed');
  if (ranges.length === 1 && ranges[0]!.from === 0 && ranges[0]!.to >= DAY_MINUTES) return t('hours.today.allDay');
  const said = ranges.map((r) => t('hours.today.range', { from: spokenTime(r.from, language, t), to: spokenTime(r.to, language, t) }));
  return t('hours.today.open', { ranges: said.join(t('hours.today.join')) });
}
