/**
 * The analyst mode's words, in French and English: its own texts (locales/<lng>/analyst.json,
 * loaded only by the analyst entry and the publication, never by the kiosk) and, for codes
 * the citizen sees, the questionnaire's own wording, so a code is never named two ways.
 */
import communes from '../questionnaire/communes.generated.json';
import { codeLabelKey } from '../export/labels';
import type { DimensionId } from '../export/tables';
import frAnalyst from '../i18n/locales/fr/analyst.json';
import enAnalyst from '../i18n/locales/en/analyst.json';
import frQuestionnaire from '../i18n/locales/fr/questionnaire.json';
import enQuestionnaire from '../i18n/locales/en/questionnaire.json';
import frResult from '../i18n/locales/fr/result.json';
import enResult from '../i18n/locales/en/result.json';
// The text-tree helpers alone (not the kiosk's text module, which brings every language).
import { flattenTexts, type TextTree } from '../i18n/text-tree';

export const ANALYST_LANGUAGES = ['fr', 'en'] as const;
export type AnalystLanguage = (typeof ANALYST_LANGUAGES)[number];

export const ANALYST_TEXTS: Record<AnalystLanguage, TextTree> = { fr: frAnalyst, en: enAnalyst };

const communeNames = Object.fromEntries(communes.map((c) => [`commune.${c.code}`, c.name]));
const KIOSK_TEXTS: Record<AnalystLanguage, Record<string, string>> = {
  fr: { ...flattenTexts(frQuestionnaire as TextTree), ...flattenTexts(frResult as TextTree), ...communeNames },
  en: { ...flattenTexts(enQuestionnaire as TextTree), ...flattenTexts(enResult as TextTree), ...communeNames },
};
const FLAT: Record<AnalystLanguage, Record<string, string>> = { fr: flattenTexts(frAnalyst), en: flattenTexts(enAnalyst) };

/** The analyst texts of one language, flat (dotted keys), for places without i18next. */
export function analystText(lng: AnalystLanguage, key: string, values: Record<string, string | number> = {}): string {
  const template = FLAT[lng][key] ?? FLAT.fr[key] ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

export function dimensionName(lng: AnalystLanguage, dimension: string): string {
  return FLAT[lng][`labels.dimension.${dimension}`] ?? dimension;
}

/** Words for one code of one dimension; the code itself when nothing names it (a month). */
export function codeName(lng: AnalystLanguage, dimension: string, code: string): string {
  const own = FLAT[lng][`labels.code.${dimension}.${code}`];
  if (own) return own;
  if (dimension === 'section') return KIOSK_TEXTS[lng][`section.${code}.title`] ?? code;
  let key: string | null;
  try {
    key = codeLabelKey(dimension as DimensionId, code);
  } catch {
    key = null;
  }
  return (key ? KIOSK_TEXTS[lng][key] : undefined) ?? code;
}
