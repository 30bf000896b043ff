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

/** Languages whose texts are shipped. The others in LANGUAGES are added by later issues. */
export const TEXTS: Partial<Record<Language, TextTree>> = {
  fr: merge(frUi, frQuestionnaire, frResult, communeNames),
  en: merge(enUi, enQuestionnaire, enResult, communeNames),
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
