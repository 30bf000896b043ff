/**
 * Numbers filled in at run time (progress "3 sur 20", the countdown, the time limit) written
 * with each language's own digits, like the fixed texts around them: Dari with Persian digits
 * (۰–۹), every other language with 0–9. The Arabic texts are written for readers from the
 * Maghreb, where 0–9 is the usual script, so Arabic asks for them explicitly rather than
 * relying on what a given ICU version makes the default for `ar`.
 *
 * The same function writes the counts on screen (i18next formatter below) and in the audio
 * (spoken-keys.ts), so the file says what the screen shows.
 */
import type { FormatterModule } from 'i18next';
import { isLanguage, type Language } from './languages';

/** The Intl locale whose numbering system each language uses. */
export const NUMBER_LOCALES: Record<Language, string> = {
  fr: 'fr',
  'fr-x-falc': 'fr',
  ar: 'ar-u-nu-latn',
  en: 'en',
  uk: 'uk',
  tr: 'tr',
  'fa-AF': 'fa-AF-u-nu-arabext',
};

/** The ten digits 0–9 of a language, in order. */
export function digitsOf(language: Language): string[] {
  return Array.from({ length: 10 }, (_, d) => formatNumber(language, d));
}

const cache = new Map<string, Intl.NumberFormat>();

/**
 * A number as the language writes it. No grouping: the kiosk's counts are small, and years or
 * sequence numbers in the staff area must never read "2 026".
 */
export function formatNumber(language: string, value: number): string {
  const locale = isLanguage(language) ? NUMBER_LOCALES[language] : language;
  let format = cache.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 2 });
    cache.set(locale, format);
  }
  return format.format(value);
}

/**
 * i18next formatter: with `interpolation.alwaysFormat`, every `{{value}}` passes here, so a
 * number is written in the language's digits wherever a text interpolates it; any other value
 * is left as it is.
 */
export const numberFormatter: FormatterModule = {
  type: 'formatter',
  init: () => undefined,
  add: () => undefined,
  addCached: () => undefined,
  // i18next's FormatFunction returns `any`: a value that is not a number goes back unchanged.
  format: (value: unknown, _format, lng) => (typeof value === 'number' && lng !== undefined ? formatNumber(lng, value) : (value as string)),
};
