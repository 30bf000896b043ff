/**
 * Checks that the SurveyJS survey shows the same questions as the Repères engine for every
 * combination of answers to the questions that conditions read (each code, "je ne sais pas",
 * "je préfère ne pas répondre", unanswered). Run by the bench before it compares the two.
 */
import { Model } from 'survey-core';
import { DONT_KNOW, REFUSED } from '../../shared/questionnaire/codes';
import { questionnaire } from '../../shared/questionnaire/definition';
import { pruneHiddenAnswers, visibleQuestions } from '../../shared/questionnaire/engine';
import { conditionQuestions, type Answers } from '../../shared/questionnaire/schema';
import { surveyJson } from './survey-json';

export function checkSkipLogic(): { combinations: number; mismatches: string[] } {
  const referenced = [...new Set(questionnaire.questions.flatMap((q) => (q.showIf ? conditionQuestions(q.showIf).map((r) => r.question) : [])))];
  const valuesOf = (id: string): (string | undefined)[] => {
    const q = questionnaire.questions.find((x) => x.id === id);
    if (!q || q.kind === 'exercise' || q.kind === 'items') return [undefined];
    return [undefined, ...q.options.map((o) => o.code), ...(q.allowMissing ? [DONT_KNOW, REFUSED] : [])];
  };
  let combos: Record<string, string>[] = [{}];
  for (const id of referenced) {
    combos = combos.flatMap((c) => valuesOf(id).map((v) => (v === undefined ? c : { ...c, [id]: v })));
  }
  const survey = new Model(surveyJson());
  const mismatches: string[] = [];
  // Only combinations a person can reach: an answer to a question its earlier answers hide
  // cannot be given on either screen (SurveyJS would keep a value set on a hidden question).
  const reachable = new Map(combos.map((c) => [JSON.stringify(pruneHiddenAnswers(questionnaire, c as Answers)), pruneHiddenAnswers(questionnaire, c as Answers) as Record<string, string>]));
  combos = [...reachable.values()];
  for (const answers of combos) {
    survey.clear(true, true);
    // In questionnaire order, as a person answers.
    for (const q of questionnaire.questions) if (answers[q.id] !== undefined) survey.setValue(q.id, answers[q.id]);
    const shown = survey.getAllQuestions().filter((q) => q.isVisible).map((q) => q.name);
    const expected = visibleQuestions(questionnaire, answers as Answers).map((q) => q.id);
    if (shown.join() !== expected.join()) mismatches.push(`${JSON.stringify(answers)}: SurveyJS ${shown.join(',')} / Repères ${expected.join(',')}`);
  }
  return { combinations: combos.length, mismatches };
}
