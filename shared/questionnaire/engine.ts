/**
 * The questionnaire engine: pure functions that decide which question comes next, which
 * are hidden by skip logic, and what to forget when a branch closes. The kiosk machine,
 * the simulator and the tests all use these, so every path follows the same rules.
 */
import type { AnswerValue, Answers, Condition, ItemAnswers, Question, Questionnaire } from './schema';
import { DONT_KNOW, MISSING_CODES } from './codes';

/** Is this answer an item-by-item record (not a code, not a list of codes)? */
export function isItemAnswers(value: AnswerValue | undefined): value is ItemAnswers {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The codes of a single or multiple answer; none for an item-by-item record or no answer. */
export function codesOf(value: AnswerValue | undefined): readonly string[] {
  if (value === undefined || isItemAnswers(value)) return [];
  return typeof value === 'string' ? [value] : (value as readonly string[]);
}

export function evaluateCondition(condition: Condition, answers: Answers): boolean {
  switch (condition.op) {
    case 'equals':
      return answers[condition.question] === condition.code;
    case 'in': {
      const v = answers[condition.question];
      return typeof v === 'string' && condition.codes.includes(v);
    }
    case 'notIn': {
      // An unanswered question is "not in" anything: the branch stays open, so a person
      // who said "je ne sais pas" is still asked the follow-up questions.
      const v = answers[condition.question];
      return !(typeof v === 'string' && condition.codes.includes(v));
    }
    case 'includes':
      return codesOf(answers[condition.question]).includes(condition.code);
    case 'answered':
      return answers[condition.question] !== undefined;
    case 'all':
      return condition.conditions.every((c) => evaluateCondition(c, answers));
    case 'any':
      return condition.conditions.some((c) => evaluateCondition(c, answers));
    case 'not':
      return !evaluateCondition(condition.condition, answers);
  }
}

export function isVisible(question: Question, answers: Answers): boolean {
  return question.showIf === undefined || evaluateCondition(question.showIf, answers);
}

/**
 * Drops the answers of every question that the current answers hide. Conditions only look
 * back (the schema enforces it), so one pass in questionnaire order reaches a fixed point.
 */
export function pruneHiddenAnswers(def: Questionnaire, answers: Answers): Answers {
  const kept: Record<string, AnswerValue> = {};
  for (const q of def.questions) {
    const value = answers[q.id];
    if (value !== undefined && isVisible(q, kept)) kept[q.id] = value;
  }
  return kept;
}

export function visibleQuestions(def: Questionnaire, answers: Answers): Question[] {
  const pruned = pruneHiddenAnswers(def, answers);
  return def.questions.filter((q) => isVisible(q, pruned));
}

export function firstQuestion(def: Questionnaire): Question {
  const first = visibleQuestions(def, {})[0];
  if (!first) throw new Error(`questionnaire ${def.id} shows no question to start with`);
  return first;
}

/** The next visible question after `currentId`, or null when the questionnaire is finished. */
export function nextQuestion(def: Questionnaire, answers: Answers, currentId: string): Question | null {
  const index = def.questions.findIndex((q) => q.id === currentId);
  if (index < 0) throw new Error(`unknown question ${currentId}`);
  const pruned = pruneHiddenAnswers(def, answers);
  for (const q of def.questions.slice(index + 1)) {
    if (isVisible(q, pruned)) return q;
  }
  return null;
}

export function questionById(def: Questionnaire, id: string): Question {
  const q = def.questions.find((x) => x.id === id);
  if (!q) throw new Error(`unknown question ${id}`);
  return q;
}

/** Is `value` an acceptable answer to `question`? Guards the machine against stray events. */
export function isValidAnswer(question: Question, value: AnswerValue): boolean {
  const missing = MISSING_CODES as readonly string[];
  if (typeof value === 'string' && missing.includes(value)) return question.allowMissing;
  switch (question.kind) {
    case 'single':
      return typeof value === 'string' && question.options.some((o) => o.code === value);
    case 'items': {
      // Rows are answered one tap at a time: a record of some rows is valid while the screen is open.
      if (!isItemAnswers(value)) return false;
      const items = question.items.map((i) => i.code);
      const answers = [...question.scale.map((o) => o.code), DONT_KNOW];
      const entries = Object.entries(value);
      return entries.length > 0 && entries.every(([item, code]) => items.includes(item) && answers.includes(code));
    }
    case 'multiple': {
      if (typeof value === 'string' || isItemAnswers(value) || value.length === 0) return false;
      if (new Set(value).size !== value.length) return false;
      if (!value.every((c) => question.options.some((o) => o.code === c))) return false;
      const exclusive = question.options.filter((o) => o.exclusive).map((o) => o.code);
      return value.length === 1 || !value.some((c) => exclusive.includes(c));
    }
    case 'exercise':
      return value === 'SUCCESS' || value === 'FAILURE' || value === 'SKIPPED';
  }
}

/**
 * Can the person move on from `question` with `value`? Any valid answer, except that an
 * item-by-item screen needs an answer on every row (each row has its own "Je ne sais pas"),
 * or its one "Je préfère ne pas répondre" for the whole screen.
 */
export function isComplete(question: Question, value: AnswerValue | undefined): boolean {
  if (value === undefined || !isValidAnswer(question, value)) return false;
  if (question.kind !== 'items' || typeof value === 'string') return true;
  return isItemAnswers(value) && question.items.every((i) => value[i.code] !== undefined);
}
