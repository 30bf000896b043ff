/**
 * The analyst window's texts: its own i18next instance over locales/<lng>/analyst.json
 * (French by default, English), separate from the kiosk's, which it never loads.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ANALYST_TEXTS, type AnalystLanguage } from '../../shared/analyst/texts';

export const analystI18n = i18next.createInstance();

void analystI18n.use(initReactI18next).init({
  resources: { fr: { translation: ANALYST_TEXTS.fr }, en: { translation: ANALYST_TEXTS.en } },
  lng: 'fr',
  fallbackLng: 'fr',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setAnalystLanguage(lng: AnalystLanguage): void {
  void analystI18n.changeLanguage(lng);
  document.documentElement.lang = lng;
}
