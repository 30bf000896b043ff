/**
 * Words for the codes of the export tables and the dashboard, taken from the locale texts
 * (the questionnaire's own wording where there is one, `staff.code.*` otherwise), so that the
 * CSV views, the dashboard and the kiosk never name a thing differently.
 */
import { NATIVE_NAMES, isLanguage } from '../i18n/languages';
import { questionnaire } from '../questionnaire/definition';
import { ITEM_SEPARATOR, type DimensionId } from './tables';

/** Looks a text key up; returns undefined when the key has no text. */
export type TextLookup = (key: string) => string | undefined;

const EXERCISES = new Set(questionnaire.questions.filter((q) => q.kind === 'exercise').map((q) => q.id));
const QUESTIONS = new Set(questionnaire.questions.map((q) => q.id));

export function dimensionLabelKey(dimension: DimensionId): string {
  return `staff.dimension.${dimension}`;
}

/** The text key naming one code of one dimension, or null when the code names itself (a month). */
export function codeLabelKey(dimension: DimensionId, code: string): string | null {
  if (code === 'DK') return 'question.dontKnow';
  if (code === 'REF') return 'question.refused';
  if (code === 'MISSING') return 'staff.code.missing';
  switch (dimension) {
    case 'month':
      return null;
    case 'ageBand':
      return `q.ageBand.opt.${code}`;
    case 'commune':
      return code.startsWith('C') ? `commune.${code.slice(1)}` : `q.commune.opt.${code}`;
    case 'accompanied':
      return `q.accompanied.opt.${code}`;
    case 'need':
      return `q.wantsToLearn.opt.${code}`;
    case 'barrier':
      return `q.barriers.opt.${code}`;
    case 'dsiArea':
      return `result.area.${code}`;
    case 'task':
      return `q.${code}.label`;
    case 'recommendation':
      return code === 'NONE' ? 'staff.code.noRecommendation' : `result.need.${code}`;
    case 'lastStep':
      if (EXERCISES.has(code)) return `staff.code.exercise.${code}`;
      return QUESTIONS.has(code) ? `q.${code}.label` : `staff.code.step.${code}`;
    case 'language':
      return null;
    case 'item': {
      // `<question>-<ITEM>` names a row of an item-by-item question, a bare id the question.
      const at = code.indexOf(ITEM_SEPARATOR);
      if (at > 0) return `q.${code.slice(0, at)}.item.${code.slice(at + 1)}`;
      return QUESTIONS.has(code) ? `q.${code}.label` : null;
    }
    default:
      return `staff.code.${dimension}.${code}`;
  }
}

/** The words for a code, falling back to the code itself so a new code is never hidden. */
export function codeLabel(dimension: DimensionId, code: string, lookup: TextLookup): string {
  if (dimension === 'language') return isLanguage(code) ? NATIVE_NAMES[code] : code;
  const key = codeLabelKey(dimension, code);
  return (key ? lookup(key) : undefined) ?? code;
}

export function dimensionLabel(dimension: DimensionId, lookup: TextLookup): string {
  return lookup(dimensionLabelKey(dimension)) ?? dimension;
}
