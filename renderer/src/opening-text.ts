/**
 * Opening hours in words for a citizen: "Ouvert maintenant · Jusqu'à 12:00", "Fermé maintenant ·
 * Prochaine ouverture : mardi 09:00", in the person's language (Intl for day and time), from
 * the schedule the main process computed and the kiosk's clock.
 */
import type { TFunction } from 'i18next';
import { htmlLangOf, type Language } from '../../shared/i18n/languages';
import { openingStatus, type HoursSchedule } from '../../shared/opening/status';

export function timeText(at: number, language: Language): string {
  return new Intl.DateTimeFormat(htmlLangOf(language), { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** "mardi 09:00": the weekday as well, since the next opening may be days away. */
export function whenText(at: number, language: Language): string {
  return new Intl.DateTimeFormat(htmlLangOf(language), { weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(at);
}

export interface OpeningLine {
  state: 'open' | 'closed';
  /** "Ouvert maintenant" / "Fermé maintenant" (spoken). */
  status: string;
  /** "Jusqu'à 12:00" / "Prochaine ouverture : mardi 09:00", or null when unknown. */
  detail: string | null;
}

export function openingLine(t: TFunction, language: Language, schedule: HoursSchedule | null | undefined, now: number): OpeningLine | null {
  const status = openingStatus(schedule, now);
  if (status.kind === 'unknown') return null;
  if (status.kind === 'open') return { state: 'open', status: t('hours.openNow'), detail: status.closesAt === null ? null : t('hours.until', { time: timeText(status.closesAt, language) }) };
  return { state: 'closed', status: t('hours.closedNow'), detail: status.opensAt === null ? null : t('hours.nextOpening', { when: whenText(status.opensAt, language) }) };
}

export const lineText = (line: OpeningLine) => (line.detail ? `${line.status} · ${line.detail}` : line.status);
