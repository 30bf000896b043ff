/**
 * Every translated text of the kiosk, per language, as one i18next namespace. Each language
 * is split into files by the screen family that owns the words (ui, questionnaire, result);
 * commune names are proper nouns taken from the generated commune list and added to every
 * language under `commune.<INSEE code>` (text-tree.ts).
 */
import type { Language } from './languages';
import { FRENCH_TEXTS } from './french';
import { communeNames, mergeTexts, type TextTree } from './text-tree';
import enUi from './locales/en/ui.json';
import enQuestionnaire from './locales/en/questionnaire.json';
import enResult from './locales/en/result.json';
import falcUi from './locales/fr-x-falc/ui.json';
import falcQuestionnaire from './locales/fr-x-falc/questionnaire.json';
import falcResult from './locales/fr-x-falc/result.json';
import arUi from './locales/ar/ui.json';
import arQuestionnaire from './locales/ar/questionnaire.json';
import arResult from './locales/ar/result.json';
import ukUi from './locales/uk/ui.json';
import ukQuestionnaire from './locales/uk/questionnaire.json';
import ukResult from './locales/uk/result.json';
import trUi from './locales/tr/ui.json';
import trQuestionnaire from './locales/tr/questionnaire.json';
import trResult from './locales/tr/result.json';
import faAfUi from './locales/fa-AF/ui.json';
import faAfQuestionnaire from './locales/fa-AF/questionnaire.json';
import faAfResult from './locales/fa-AF/result.json';

/**
 * Languages whose texts are shipped, in the order of LANGUAGES. Every locale has exactly the
 * French keys, with each plural key in the CLDR categories of its own language
 * (test/unit/locales.test.ts).
 */
export const TEXTS: Partial<Record<Language, TextTree>> = {
  fr: FRENCH_TEXTS,
  'fr-x-falc': mergeTexts(falcUi, falcQuestionnaire, falcResult, communeNames),
  ar: mergeTexts(arUi, arQuestionnaire, arResult, communeNames),
  en: mergeTexts(enUi, enQuestionnaire, enResult, communeNames),
  uk: mergeTexts(ukUi, ukQuestionnaire, ukResult, communeNames),
  tr: mergeTexts(trUi, trQuestionnaire, trResult, communeNames),
  'fa-AF': mergeTexts(faAfUi, faAfQuestionnaire, faAfResult, communeNames),
};

export function availableLanguages(): Language[] {
  return Object.keys(TEXTS) as Language[];
}

export { flattenTexts, textAt, type TextTree } from './text-tree';
