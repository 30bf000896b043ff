/**
 * Every path a visit can take through the questionnaire, found by trying each answer of the
 * questions that later conditions look at (the others cannot change the path). Used by the
 * progress indicator (its total is the longest path still open, so the bar never moves
 * backwards when an answer opens a branch) and by scripts/visit-length.mts.
 */
import { EXERCISE_OUTCOMES, MISSING_CODES } from './codes';
import { isVisible, pruneHiddenAnswers } from './engine';
import type { AnswerValue, Answers, Condition, Question, Questionnaire } from './schema';

/** The questions a condition looks at (schema.ts has the same walk, with zod around it). */
function conditionQuestionIds(c: Condition): string[] {
  switch (c.op) {
    case 'all':
    case 'any':
      return c.conditions.flatMap(conditionQuestionIds);
    case 'not':
      return conditionQuestionIds(c.condition);
    default:
      return [c.question];
  }
}

/** The ids of the questions some condition looks at. */
function branchingIds(def: Questionnaire): Set<string> {
  return new Set(def.questions.flatMap((q) => (q.showIf ? conditionQuestionIds(q.showIf) : [])));
}

/**
 * The answers worth trying on a branching question: each code alone, every non-exclusive code
 * together (opens every "includes" branch at once), the missing codes, and no answer.
 */
function candidateAnswers(question: Question): (AnswerValue | undefined)[] {
  const missing: AnswerValue[] = question.allowMissing ? [...MISSING_CODES] : [];
  switch (question.kind) {
    case 'single':
      return [...question.options.map((o) => o.code), ...missing];
    case 'multiple':
      return [...question.options.map((o) => [o.code]), question.options.filter((o) => !o.exclusive).map((o) => o.code), ...missing];
    case 'exercise':
      return [...EXERCISE_OUTCOMES];
    case 'items':
      return [undefined]; // the schema forbids conditions on item-by-item questions
  }
}

/**
 * The distinct paths (visible questions in order) from question index `from` onwards, given
 * the answers to the questions before it.
 */
export function pathsFrom(def: Questionnaire, answersBefore: Answers, from = 0): Question[][] {
  return visitsFrom(def, answersBefore, from).map((visit) => visit.questions);
}

/** A path and one set of answers (to the branching questions) that leads along it. */
export interface Visit {
  questions: Question[];
  answers: Answers;
}

function visitsFrom(def: Questionnaire, answersBefore: Answers, from: number): Visit[] {
  const branching = branchingIds(def);
  const found = new Map<string, Visit>();
  const walk = (index: number, answers: Answers, path: Question[]): void => {
    const question = def.questions[index];
    if (!question) {
      const key = path.map((q) => q.id).join(' ');
      if (!found.has(key)) found.set(key, { questions: path, answers });
      return;
    }
    if (!isVisible(question, answers)) return walk(index + 1, answers, path);
    if (!branching.has(question.id)) return walk(index + 1, answers, [...path, question]);
    for (const value of candidateAnswers(question)) {
      const next: Record<string, AnswerValue> = { ...answers };
      if (value === undefined) delete next[question.id];
      else next[question.id] = value;
      walk(index + 1, next, [...path, question]);
    }
  };
  walk(from, answersBefore, []);
  return [...found.values()];
}

/** Every path a visit can take, from the first question. */
export function allPaths(def: Questionnaire): Question[][] {
  return pathsFrom(def, {}, 0);
}

/** Every path with answers that lead along it (for the progress and visit-length checks). */
export function allVisits(def: Questionnaire): Visit[] {
  return visitsFrom(def, {}, 0);
}

/**
 * Progress as the person experiences it: the position on their path, out of the longest path
 * still open from this question on (given the answers before it). An answer can only close
 * branches, never open one the total did not already count, so along a visit the position
 * grows by one and the total never grows: the bar never moves backwards.
 */
export function progress(def: Questionnaire, answers: Answers, currentId: string): { position: number; total: number } {
  // Only the answers to branching questions change the result (conditions look at nothing
  // else): computed once per question and branching answers, then reused. Walking the paths
  // took a few ms per screen on a slow kiosk (issue 17), and visitors share few combinations.
  let cache = progressCache.get(def);
  if (!cache) progressCache.set(def, (cache = { branchingBefore: branchingBefore(def), results: new Map() }));
  const before = cache.branchingBefore.get(currentId);
  if (!before) throw new Error(`unknown question ${currentId}`);
  const key = `${currentId} ${JSON.stringify(before.map((id) => answers[id] ?? null))}`;
  const cached = cache.results.get(key);
  if (cached) return { ...cached };
  const result = computeProgress(def, answers, currentId);
  cache.results.set(key, result);
  return { ...result };
}

const progressCache = new WeakMap<Questionnaire, { branchingBefore: Map<string, string[]>; results: Map<string, { position: number; total: number }> }>();

/** For each question, the branching questions before it: the only answers its progress depends on. */
function branchingBefore(def: Questionnaire): Map<string, string[]> {
  const branching = branchingIds(def);
  return new Map(def.questions.map((q, index) => [q.id, def.questions.slice(0, index).filter((p) => branching.has(p.id)).map((p) => p.id)]));
}

function computeProgress(def: Questionnaire, answers: Answers, currentId: string): { position: number; total: number } {
  const index = def.questions.findIndex((q) => q.id === currentId);
  if (index < 0) throw new Error(`unknown question ${currentId}`);
  const earlier: Record<string, AnswerValue> = {};
  for (const q of def.questions.slice(0, index)) {
    const value = answers[q.id];
    if (value !== undefined) earlier[q.id] = value;
  }
  const before = pruneHiddenAnswers(def, earlier);
  const done = def.questions.slice(0, index).filter((q) => isVisible(q, before)).length;
  const remaining = Math.max(1, ...pathsFrom(def, before, index).map((path) => path.length));
  return { position: done + 1, total: done + remaining };
}
