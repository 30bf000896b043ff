/**
 * The kiosk's languages. Codes are BCP 47 tags so that `lang` attributes, Intl and the
 * speech voices all understand them; French "Facile à lire et à comprendre" is a variant of
 * French with its own texts and audio.
 */
export const LANGUAGES = ['fr', 'fr-x-falc', 'ar', 'en', 'uk', 'tr', 'fa-AF'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'fr';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Text direction of a language, for `<html dir>`. */
export function directionOf(language: Language): 'ltr' | 'rtl' {
  return language === 'ar' || language === 'fa-AF' ? 'rtl' : 'ltr';
}

/** The language tag to put in `lang` attributes and Intl (the FALC variant is French). */
export function htmlLangOf(language: Language): string {
  return language === 'fr-x-falc' ? 'fr' : language;
}

/** Each language's name written in that language, as a person looks for their own. */
export const NATIVE_NAMES: Record<Language, string> = {
  fr: 'Français',
  'fr-x-falc': 'Français facile à lire',
  ar: 'العربية',
  en: 'English',
  uk: 'Українська',
  tr: 'Türkçe',
  'fa-AF': 'دری',
};
