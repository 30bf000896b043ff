import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, directionOf, htmlLangOf, type Language } from '../../shared/i18n/languages';
import { numberFormatter } from '../../shared/i18n/numbers';
import { TEXTS } from '../../shared/i18n/resources';
import { cachePlainTexts } from './texts-cache';

const resources = Object.fromEntries(Object.entries(TEXTS).map(([lng, tree]) => [lng, { translation: tree }]));

void i18next.use(initReactI18next).use(numberFormatter).init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  // React escapes every text it renders; escaping here too would show "&amp;" to citizens.
  // alwaysFormat: numbers take the language's digits (Persian digits in Dari), see numbers.ts.
  interpolation: { escapeValue: false, alwaysFormat: true },
  returnNull: false,
});
cachePlainTexts(i18next);

/** Switches texts, `<html lang>` and `<html dir>` together so they can never disagree. */
export function applyLanguage(language: Language): void {
  if (i18next.language !== language) void i18next.changeLanguage(language);
  document.documentElement.lang = htmlLangOf(language);
  document.documentElement.dir = directionOf(language);
}

export default i18next;
