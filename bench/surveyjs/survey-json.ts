/**
 * The Repères questionnaire as a SurveyJS survey, generated from the same definition
 * (shared/questionnaire/definition.ts) and the same French texts, for the side-by-side bench.
 *
 * Mapping (documented in bench/README-section.md):
 *  - one question per page (`pages[i].elements = [question]`), page title = section title,
 *    question description = hint, every question required (Repères' "Suivant" waits for an
 *    answer too);
 *  - `single` → `radiogroup`; `multiple` → `checkbox` whose "none of these" choice is
 *    `isExclusive`; the built-in "Je ne sais pas" / "Je préfère ne pas répondre" answers are
 *    two more (exclusive) choices;
 *  - `exercise` → a plain `radiogroup` "Réussi / Échoué / Passé" (SUCCESS / FAILURE /
 *    SKIPPED): SurveyJS has no equivalent of the interactive exercises;
 *  - skip logic (`showIf`) → `visibleIf` expressions, and `clearInvisibleValues: 'onHidden'`
 *    drops the answers of a closed branch at once, as Repères' `pruneHiddenAnswers` does.
 * Runs in Node only (the Vite plugin of bench/surveyjs/vite.config.ts inlines the result), so
 * the page carries the French texts alone, not the kiosk's seven languages.
 */
import { flattenTexts, TEXTS } from '../../shared/i18n/resources';
import { DONT_KNOW, REFUSED } from '../../shared/questionnaire/codes';
import { questionnaire } from '../../shared/questionnaire/definition';
import type { Condition, Question, Questionnaire } from '../../shared/questionnaire/schema';

export const EXERCISE_CHOICES = [
  { value: 'SUCCESS', text: 'Réussi' },
  { value: 'FAILURE', text: 'Échoué' },
  { value: 'SKIPPED', text: 'Passé' },
] as const;

const quote = (code: string) => `'${code.replace(/'/g, "\\'")}'`;

/**
 * A Repères condition as a SurveyJS expression, with the engine's semantics: an unanswered
 * question is "not in" anything, and "equals"/"in"/"includes" are false for it. (The two
 * differ only where `equals`/`in`/`notIn` name a multiple-choice question, which the
 * definition never does; bench/surveyjs/skip-logic.test checks every path.)
 */
export function toExpression(c: Condition): string {
  switch (c.op) {
    case 'equals':
      return `{${c.question}} = ${quote(c.code)}`;
    case 'in':
      return `{${c.question}} anyof [${c.codes.map(quote).join(', ')}]`;
    case 'notIn':
      // noneof is true for an empty value, like the engine's notIn.
      return `{${c.question}} noneof [${c.codes.map(quote).join(', ')}]`;
    case 'includes':
      return `{${c.question}} contains ${quote(c.code)}`;
    case 'answered':
      return `{${c.question}} notempty`;
    case 'all':
      return `(${c.conditions.map(toExpression).join(' and ')})`;
    case 'any':
      return `(${c.conditions.map(toExpression).join(' or ')})`;
    case 'not':
      return `!(${toExpression(c.condition)})`;
  }
}

function element(q: Question, text: (key: string) => string): Record<string, unknown> {
  const common: Record<string, unknown> = {
    name: q.id,
    title: text(q.label),
    isRequired: true,
    ...(q.hint ? { description: text(q.hint) } : {}),
    ...(q.showIf ? { visibleIf: toExpression(q.showIf) } : {}),
  };
  const missing = q.allowMissing
    ? [
        { value: DONT_KNOW, text: text('question.dontKnow'), isExclusive: true },
        { value: REFUSED, text: text('question.refused'), isExclusive: true },
      ]
    : [];
  switch (q.kind) {
    case 'exercise':
      return { ...common, type: 'radiogroup', choices: EXERCISE_CHOICES.map((c) => ({ ...c })) };
    case 'single':
      return {
        ...common,
        type: 'radiogroup',
        ...(q.options.length > 12 ? { colCount: 3 } : {}),
        choices: [...q.options.map((o) => ({ value: o.code, text: text(o.label) })), ...missing.map(({ isExclusive: _x, ...c }) => c)],
      };
    case 'multiple':
      return {
        ...common,
        type: 'checkbox',
        choices: [...q.options.map((o) => ({ value: o.code, text: text(o.label), ...(o.exclusive ? { isExclusive: true } : {}) })), ...missing],
      };
    case 'items':
      // SurveyJS's single-choice matrix: one row per item, the scale and "je ne sais pas" as columns.
      return {
        ...common,
        type: 'matrix',
        isAllRowRequired: true,
        rows: q.items.map((i) => ({ value: i.code, text: text(i.label) })),
        columns: [...q.scale.map((o) => ({ value: o.code, text: text(o.label) })), { value: DONT_KNOW, text: text('question.dontKnow') }],
      };
  }
}

export function surveyJson(def: Questionnaire = questionnaire): Record<string, unknown> {
  const fr = flattenTexts(TEXTS.fr ?? {});
  const text = (key: string) => {
    const value = fr[key];
    if (value === undefined) throw new Error(`no French text for ${key}`);
    return value;
  };
  const sectionTitle = new Map(def.sections.map((s) => [s.id, text(s.title)]));
  return {
    title: 'Repères',
    locale: 'fr',
    pageNextText: text('nav.next'),
    pagePrevText: text('nav.back'),
    completeText: text('nav.finish'),
    showProgressBar: true,
    progressBarType: 'questions',
    showQuestionNumbers: false,
    clearInvisibleValues: 'onHidden',
    checkErrorsMode: 'onNextPage',
    completedHtml: `<h1>${text('result.title')}</h1>`,
    pages: def.questions.map((q) => ({ name: `page-${q.id}`, title: sectionTitle.get(q.section) ?? '', elements: [element(q, text)] })),
  };
}
