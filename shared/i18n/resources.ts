/**
 * Every translated text of the kiosk, per language, as one i18next namespace. Each language
 * is split into files by the screen family that owns the words (ui, questionnaire, result);
 * commune names are proper nouns taken from the generated commune list and added to every
 * language under `commune.<INSEE code>`.
 */
import communes from '../questionnaire/communes.generated.json';
import type { Language } from './languages';
import frUi from './locales/fr/ui.json';
import frQuestionnaire from './locales/fr/questionnaire.json';
import frResult from './locales/fr/result.json';
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

export type TextTree = { [key: string]: string | TextTree };

const communeNames: TextTree = { commune: Object.fromEntries(communes.map((c) => [c.code, c.name])) };

function merge(...trees: TextTree[]): TextTree {
  const out: TextTree = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      const existing = out[key];
      if (typeof value === 'object' && typeof existing === 'object') out[key] = merge(existing, value);
      else if (existing !== undefined) throw new Error(`text key ${key} is defined twice`);
      else out[key] = value;
    }
  }
  return out;
}

/**
 * Languages whose texts are shipped, in the order of LANGUAGES. Every locale has exactly the
 * French keys, with each plural key in the CLDR categories of its own language
 * (test/unit/locales.test.ts).
 */
export const TEXTS: Partial<Record<Language, TextTree>> = {
  fr: merge(frUi, frQuestionnaire, frResult, communeNames),
  'fr-x-falc': merge(falcUi, falcQuestionnaire, falcResult, communeNames),
  ar: merge(arUi, arQuestionnaire, arResult, communeNames),
  en: merge(enUi, enQuestionnaire, enResult, communeNames),
  uk: merge(ukUi, ukQuestionnaire, ukResult, communeNames),
  tr: merge(trUi, trQuestionnaire, trResult, communeNames),
  'fa-AF': merge(faAfUi, faAfQuestionnaire, faAfResult, communeNames),
};

export function availableLanguages(): Language[] {
  return Object.keys(TEXTS) as Language[];
}

/** Flattens a text tree to dotted keys, for tests, hashing and the audio manifest. */
export function flattenTexts(tree: TextTree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flattenTexts(value, path));
  }
  return out;
}
