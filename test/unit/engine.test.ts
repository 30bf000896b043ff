/**
 * The questionnaire engine on a small hand-made questionnaire: the condition language
 * (every operator, nesting, unanswered questions), forgetting the answers of hidden
 * questions (including chains A hides B hides C), the next question on the visible path,
 * which answers the machine may accept, and progress as the person experiences it.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluateCondition,
  firstQuestion,
  isValidAnswer,
  nextQuestion,
  pruneHiddenAnswers,
  questionById,
  visibleQuestions,
} from '../../shared/questionnaire/engine';
import { allPaths, allVisits, progress } from '../../shared/questionnaire/paths';
import { questionnaire } from '../../shared/questionnaire/definition';
import { questionnaireSchema } from '../../shared/questionnaire/schema';
import type { Answers, Condition, Question, Questionnaire } from '../../shared/questionnaire/schema';

const media = (key: string) => ({ audio: key, pictogram: 'star' });

function choice(id: string, kind: 'single' | 'multiple', codes: string[], extra: Partial<Question> = {}): Question {
  return {
    id,
    section: 'main',
    label: `q.${id}.label`,
    media: media(`q.${id}.label`),
    allowMissing: true,
    kind,
    options: codes.map((c) => ({
      code: c,
      label: `q.${id}.opt.${c}`,
      media: media(`q.${id}.opt.${c}`),
      ...(c === 'NONE' ? { exclusive: true } : {}),
    })),
    ...extra,
  } as Question;
}

/**
 * a → b (if a = YES) → c (if b = X): a chain; m: multiple with an exclusive NONE;
 * d only for those who ticked RED; e: an exercise; f closed only by a = NO.
 */
const mini: Questionnaire = questionnaireSchema.parse({
  id: 'mini',
  version: '0.0.1',
  sections: [{ id: 'main', title: 'section.main.title', media: media('section.main.title') }],
  questions: [
    choice('a', 'single', ['YES', 'NO']),
    choice('b', 'single', ['X', 'Y'], { showIf: { op: 'equals', question: 'a', code: 'YES' } }),
    choice('c', 'single', ['P', 'Q'], { showIf: { op: 'equals', question: 'b', code: 'X' } }),
    choice('m', 'multiple', ['RED', 'GREEN', 'BLUE', 'NONE'], { allowMissing: false }),
    choice('d', 'single', ['P', 'Q'], { showIf: { op: 'includes', question: 'm', code: 'RED' } }),
    {
      id: 'e',
      section: 'main',
      label: 'q.e.label',
      media: media('q.e.label'),
      allowMissing: false,
      kind: 'exercise',
      exercise: 'tap',
    },
    choice('f', 'single', ['P', 'Q'], { showIf: { op: 'notIn', question: 'a', codes: ['NO'] } }),
  ],
});

const ids = (qs: Question[]) => qs.map((q) => q.id);

describe('evaluateCondition', () => {
  const answers: Answers = { a: 'YES', m: ['RED', 'BLUE'], s: 'DK' };

  it('equals: the single answer is that code; never true for an unanswered or a multiple answer', () => {
    expect(evaluateCondition({ op: 'equals', question: 'a', code: 'YES' }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'equals', question: 'a', code: 'NO' }, answers)).toBe(false);
    expect(evaluateCondition({ op: 'equals', question: 'b', code: 'X' }, answers)).toBe(false);
    expect(evaluateCondition({ op: 'equals', question: 'm', code: 'RED' }, answers)).toBe(false);
    expect(evaluateCondition({ op: 'equals', question: 's', code: 'DK' }, answers)).toBe(true);
  });

  it('in: the single answer is one of the codes', () => {
    expect(evaluateCondition({ op: 'in', question: 'a', codes: ['NO', 'YES'] }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'in', question: 'a', codes: ['NO'] }, answers)).toBe(false);
    expect(evaluateCondition({ op: 'in', question: 'b', codes: ['X', 'Y'] }, answers)).toBe(false);
    expect(evaluateCondition({ op: 'in', question: 'm', codes: ['RED'] }, answers)).toBe(false);
  });

  it('notIn: true for an unanswered question and for a missing code, so the branch stays open', () => {
    expect(evaluateCondition({ op: 'notIn', question: 'b', codes: ['X'] }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'notIn', question: 's', codes: ['YES'] }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'notIn', question: 'a', codes: ['NO'] }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'notIn', question: 'a', codes: ['NO', 'YES'] }, answers)).toBe(false);
  });

  it('includes: a ticked code of a multiple answer (or the single answer itself)', () => {
    expect(evaluateCondition({ op: 'includes', question: 'm', code: 'RED' }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'includes', question: 'm', code: 'BLUE' }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'includes', question: 'm', code: 'GREEN' }, answers)).toBe(false);
    expect(evaluateCondition({ op: 'includes', question: 'a', code: 'YES' }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'includes', question: 'b', code: 'X' }, answers)).toBe(false);
  });

  it('answered: any stored answer counts, a missing code included', () => {
    expect(evaluateCondition({ op: 'answered', question: 'a' }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'answered', question: 's' }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'answered', question: 'm' }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'answered', question: 'b' }, answers)).toBe(false);
  });

  it('all / any / not, nested', () => {
    const yes: Condition = { op: 'equals', question: 'a', code: 'YES' };
    const no: Condition = { op: 'equals', question: 'a', code: 'NO' };
    expect(evaluateCondition({ op: 'all', conditions: [yes, { op: 'includes', question: 'm', code: 'RED' }] }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'all', conditions: [yes, no] }, answers)).toBe(false);
    expect(evaluateCondition({ op: 'any', conditions: [no, yes] }, answers)).toBe(true);
    expect(evaluateCondition({ op: 'any', conditions: [no, { op: 'answered', question: 'b' }] }, answers)).toBe(false);
    expect(evaluateCondition({ op: 'not', condition: yes }, answers)).toBe(false);
    expect(evaluateCondition({ op: 'not', condition: no }, answers)).toBe(true);
    const nested: Condition = {
      op: 'not',
      condition: {
        op: 'any',
        conditions: [no, { op: 'all', conditions: [{ op: 'includes', question: 'm', code: 'GREEN' }, { op: 'not', condition: yes }] }],
      },
    };
    expect(evaluateCondition(nested, answers)).toBe(true);
    expect(evaluateCondition(nested, { ...answers, a: 'NO' })).toBe(false);
    expect(evaluateCondition({ op: 'not', condition: { op: 'not', condition: yes } }, answers)).toBe(true);
  });
});

describe('pruneHiddenAnswers', () => {
  const full: Answers = { a: 'YES', b: 'X', c: 'P', m: ['RED'], d: 'Q', e: 'SUCCESS', f: 'P' };

  it('keeps every answer of a visible path unchanged', () => {
    expect(pruneHiddenAnswers(mini, full)).toEqual(full);
  });

  it('changing A to NO clears B and C (the whole chain) and F, and keeps the rest', () => {
    expect(pruneHiddenAnswers(mini, { ...full, a: 'NO' })).toEqual({ a: 'NO', m: ['RED'], d: 'Q', e: 'SUCCESS' });
  });

  it('changing B clears C only', () => {
    expect(pruneHiddenAnswers(mini, { ...full, b: 'Y' })).toEqual({ a: 'YES', b: 'Y', m: ['RED'], d: 'Q', e: 'SUCCESS', f: 'P' });
  });

  it('clearing A (unanswered) hides the chain, but not the notIn branch', () => {
    const { a: _a, ...withoutA } = full;
    expect(pruneHiddenAnswers(mini, withoutA)).toEqual({ m: ['RED'], d: 'Q', e: 'SUCCESS', f: 'P' });
  });

  it('unticking RED drops the follow-up D', () => {
    expect(pruneHiddenAnswers(mini, { ...full, m: ['GREEN', 'BLUE'] })).not.toHaveProperty('d');
  });

  it('drops answers to questions the definition does not have', () => {
    expect(pruneHiddenAnswers(mini, { a: 'NO', zzz: 'YES' })).toEqual({ a: 'NO' });
  });

  it('is idempotent and leaves its input alone', () => {
    const input: Answers = { ...full, a: 'NO' };
    const snapshot = structuredClone(input);
    const once = pruneHiddenAnswers(mini, input);
    expect(pruneHiddenAnswers(mini, once)).toEqual(once);
    expect(input).toEqual(snapshot);
  });
});

describe('visible path and nextQuestion', () => {
  it('starts with the first question', () => {
    expect(firstQuestion(mini).id).toBe('a');
  });

  it('walks the full path when every branch is open', () => {
    const answers: Answers = { a: 'YES', b: 'X', m: ['RED'] };
    const path: string[] = ['a'];
    for (let q = nextQuestion(mini, answers, 'a'); q; q = nextQuestion(mini, answers, q.id)) path.push(q.id);
    expect(path).toEqual(['a', 'b', 'c', 'm', 'd', 'e', 'f']);
  });

  it('skips hidden questions', () => {
    expect(nextQuestion(mini, { a: 'NO' }, 'a')?.id).toBe('m');
    expect(nextQuestion(mini, { a: 'YES', b: 'Y' }, 'b')?.id).toBe('m');
    expect(nextQuestion(mini, { a: 'YES', m: ['NONE'] }, 'm')?.id).toBe('e');
  });

  it('ignores stale answers of hidden questions when deciding', () => {
    // b = X would open c, but b itself is hidden once a = NO.
    expect(nextQuestion(mini, { a: 'NO', b: 'X' }, 'a')?.id).toBe('m');
    expect(ids(visibleQuestions(mini, { a: 'NO', b: 'X' }))).toEqual(['a', 'm', 'e']);
  });

  it('returns null after the last visible question', () => {
    expect(nextQuestion(mini, { a: 'YES' }, 'f')).toBeNull();
    expect(nextQuestion(mini, { a: 'NO' }, 'e')).toBeNull();
  });

  it('refuses an unknown question id', () => {
    expect(() => nextQuestion(mini, {}, 'zzz')).toThrow(/unknown question/);
    expect(() => questionById(mini, 'zzz')).toThrow(/unknown question/);
  });
});

describe('isValidAnswer', () => {
  const a = questionById(mini, 'a');
  const m = questionById(mini, 'm');
  const e = questionById(mini, 'e');
  const noMissing = { ...a, allowMissing: false } as Question;

  it('single: one known code', () => {
    expect(isValidAnswer(a, 'YES')).toBe(true);
    expect(isValidAnswer(a, 'NO')).toBe(true);
    expect(isValidAnswer(a, 'MAYBE')).toBe(false);
    expect(isValidAnswer(a, '')).toBe(false);
    expect(isValidAnswer(a, ['YES'])).toBe(false);
    expect(isValidAnswer(a, [])).toBe(false);
  });

  it('multiple: a non-empty set of known codes, "none" alone', () => {
    expect(isValidAnswer(m, ['RED'])).toBe(true);
    expect(isValidAnswer(m, ['RED', 'BLUE', 'GREEN'])).toBe(true);
    expect(isValidAnswer(m, ['NONE'])).toBe(true);
    expect(isValidAnswer(m, [])).toBe(false);
    expect(isValidAnswer(m, ['RED', 'RED'])).toBe(false);
    expect(isValidAnswer(m, ['NONE', 'RED'])).toBe(false);
    expect(isValidAnswer(m, ['RED', 'NONE'])).toBe(false);
    expect(isValidAnswer(m, ['RED', 'PURPLE'])).toBe(false);
    expect(isValidAnswer(m, 'RED')).toBe(false);
  });

  it('missing codes only when the question allows them, and only as a plain code', () => {
    expect(isValidAnswer(a, 'DK')).toBe(true);
    expect(isValidAnswer(a, 'REF')).toBe(true);
    expect(isValidAnswer(noMissing, 'DK')).toBe(false);
    expect(isValidAnswer(noMissing, 'REF')).toBe(false);
    expect(isValidAnswer(m, 'DK')).toBe(false); // m does not allow missing codes
    expect(isValidAnswer({ ...m, allowMissing: true } as Question, 'DK')).toBe(true);
    expect(isValidAnswer({ ...m, allowMissing: true } as Question, ['DK'])).toBe(false);
    expect(isValidAnswer({ ...m, allowMissing: true } as Question, ['RED', 'REF'])).toBe(false);
  });

  it('exercise: one of the three outcomes', () => {
    for (const outcome of ['SUCCESS', 'FAILURE', 'SKIPPED']) expect(isValidAnswer(e, outcome)).toBe(true);
    expect(isValidAnswer(e, 'YES')).toBe(false);
    expect(isValidAnswer(e, 'DK')).toBe(false);
    expect(isValidAnswer(e, ['SUCCESS'])).toBe(false);
  });
});

describe('progress', () => {
  it('counts the position on the path out of the longest path still open', () => {
    expect(allPaths(mini).map(ids)).toContainEqual(['a', 'b', 'c', 'm', 'd', 'e', 'f']);
    expect(progress(mini, {}, 'a')).toEqual({ position: 1, total: 7 }); // a b c m d e f may all come
    expect(progress(mini, { a: 'YES' }, 'b')).toEqual({ position: 2, total: 7 });
    expect(progress(mini, { a: 'YES', b: 'Y' }, 'm')).toEqual({ position: 3, total: 6 }); // c closed
    expect(progress(mini, { a: 'NO', m: ['NONE'] }, 'e')).toEqual({ position: 3, total: 3 });
  });

  it('ignores the answer on the current screen and later ones: tapping an answer does not move the bar', () => {
    expect(progress(mini, { a: 'NO', b: 'X' }, 'a')).toEqual(progress(mini, {}, 'a'));
  });

  it('never moves backwards along any path: the position grows, the total never does', () => {
    const answersFor: Record<string, Answers> = {
      open: { a: 'YES', b: 'X', c: 'P', m: ['RED', 'GREEN'], d: 'P', e: 'SUCCESS', f: 'P' },
      closed: { a: 'NO', m: ['NONE'], e: 'SKIPPED' },
    };
    for (const answers of Object.values(answersFor)) {
      const path = visibleQuestions(mini, answers);
      const steps = path.map((q) => progress(mini, answers, q.id));
      steps.forEach((step, i) => expect(step.position).toBe(i + 1));
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i]!.total).toBeLessThanOrEqual(steps[i - 1]!.total);
        expect(steps[i]!.position / steps[i]!.total).toBeGreaterThan(steps[i - 1]!.position / steps[i - 1]!.total);
      }
      expect(steps.at(-1)).toEqual({ position: path.length, total: path.length });
    }
  });

  // progress() reuses its result for the same question and branching answers (paths.ts):
  // the reused figures must be those of a fresh walk, whatever the other answers.
  it('gives the same figures reused as computed afresh, on every path of the real questionnaire', () => {
    for (const visit of allVisits(questionnaire)) {
      for (const q of visit.questions) {
        const fresh = progress(structuredClone(questionnaire), visit.answers, q.id);
        expect(progress(questionnaire, visit.answers, q.id), q.id).toEqual(fresh);
        expect(progress(questionnaire, { ...visit.answers, [q.id]: 'DK', other: 'X' }, q.id), q.id).toEqual(fresh);
      }
    }
    // Another branching answer before the question gives another figure, not the reused one.
    expect(progress(mini, { a: 'YES', b: 'Y' }, 'm')).not.toEqual(progress(mini, { a: 'YES', b: 'X' }, 'm'));
  });
});
