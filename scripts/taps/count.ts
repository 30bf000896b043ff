/**
 * How many taps a full visit takes, counted on the questionnaire's own structure and skip
 * logic (the engine's `visibleQuestions`), for version 1 (tick-all activity screens; its
 * structure frozen in questionnaire-v1.json, taken from the version-1 definition) and for the
 * current version (activities item by item). The README's line on taps comes from here
 * (`npx tsx scripts/count-taps.mts`; test/unit/taps.test.ts keeps the two in step).
 *
 * A tap is a touch on a control: "Commencer", the language, "J'ai compris", each answer
 * (one per single choice, one per ticked box, one per row of an item-by-item screen),
 * "Suivant" after each question, each exercise's taps (the blue circle; the cat once the list
 * is scrolled — scrolling is a gesture, not a tap; BONJOUR's seven letters and "Valider"; the
 * scam message; the secure site; "Passer" when skipped), "Terminer".
 */
import { visibleQuestions } from '../../shared/questionnaire/engine';
import type { AnswerValue, Questionnaire } from '../../shared/questionnaire/schema';
import v1 from './questionnaire-v1.json';

/** The version-1 structure, as the engine reads it (ids, kinds, options, conditions). */
export const QUESTIONNAIRE_V1 = v1 as unknown as Questionnaire;

/** Taps of the screens around the questions: Commencer, the language, J'ai compris, Terminer. */
export const FIXED_TAPS = 4;

export const EXERCISE_TAPS: Record<string, number> = { exTap: 1, exScroll: 1, exType: 8, exPhishing: 1, exSecureSite: 1 };

export function tapsOfVisit(definition: Questionnaire, answers: Readonly<Record<string, AnswerValue>>): number {
  let taps = FIXED_TAPS;
  for (const question of visibleQuestions(definition, answers)) {
    const value = answers[question.id];
    if (question.kind === 'exercise') {
      taps += value === 'SKIPPED' ? 1 : (EXERCISE_TAPS[question.id] ?? 1);
      continue;
    }
    if (value === undefined) throw new Error(`no answer to ${question.id}`);
    const answerTaps = typeof value === 'string' ? 1 : Array.isArray(value) ? value.length : Object.keys(value).length;
    taps += answerTaps + 1; // + "Suivant"
  }
  return taps;
}

const TASKS = ['taskUnlock', 'taskWifi', 'taskBrowser', 'taskPassword', 'taskEmail', 'taskVideoCall', 'taskProcedure', 'taskAppointment'];
const common = {
  ageBand: 'A60_74',
  commune: 'C59122',
  accompanied: 'ALONE',
  ...Object.fromEntries(TASKS.map((t) => [t, 'ALONE'])),
  wantsToLearn: ['EMAIL'],
  barriers: ['FEAR_FRAUD'],
  procedureSoon: 'NO',
};
const exercises = { exercisesIntro: 'YES', exTap: 'SUCCESS', exScroll: 'SUCCESS', exType: 'SUCCESS', exPhishing: 'SUCCESS', exSecureSite: 'SUCCESS' };

/** The activities each profile did, per version-1 screen (the same items on version 2's rows). */
const DONE: Record<string, Record<string, string[]>> = {
  basic: { actInformation: ['NEWS'], actCommunication: ['MESSAGING'], actContent: ['COPY_FILES'], actSafety: ['LIMIT_LOCATION'], actProblemSolving: ['BANKING'] },
  aboveBasic: {
    actInformation: ['GOODS_INFO', 'NEWS'],
    actCommunication: ['EMAIL', 'MESSAGING', 'CALLS'],
    actContent: ['WORD_PROCESSING', 'COPY_FILES', 'EDIT_MEDIA'],
    actSafety: ['LIMIT_LOCATION', 'CHECK_SECURE_SITE', 'COOKIE_SETTINGS'],
    actProblemSolving: ['INSTALL_APPS', 'BANKING', 'BUY_ONLINE'],
  },
};

function v1Answers(done: Record<string, string[]>): Record<string, AnswerValue> {
  return Object.fromEntries(Object.entries(done).map(([q, codes]) => [q, codes.length ? codes : ['NONE']]));
}

function v2Answers(definition: Questionnaire, done: Record<string, string[]>): Record<string, AnswerValue> {
  const yes = new Set(Object.values(done).flat());
  return Object.fromEntries(
    definition.questions.flatMap((q) => (q.kind === 'items' ? [[q.id, Object.fromEntries(q.items.map((i) => [i.code, yes.has(i.code) ? 'YES' : 'NO']))]] : [])),
  );
}

export interface TapProfile {
  id: string;
  /** Who, in words (README). */
  who: string;
  v1: number;
  current: number;
}

/** The three profiles the README reports, in version 1 and in this build's questionnaire. */
export function tapProfiles(current: Questionnaire): TapProfile[] {
  const user = (done: Record<string, string[]>) => ({ v1: { ...common, ...exercises, smartphone: 'YES', computer: 'YES', homeInternet: 'YES', internetUse: 'EVERY_DAY', ...v1Answers(done) }, current: { ...common, ...exercises, smartphone: 'YES', computer: 'YES', homeInternet: 'YES', internetUse: 'EVERY_DAY', ...v2Answers(current, done) } });
  const basic = user(DONE['basic'] as Record<string, string[]>);
  const above = user(DONE['aboveBasic'] as Record<string, string[]>);
  const offline = { ...common, ageBand: 'A75_PLUS', smartphone: 'NO', computer: 'NO', homeInternet: 'NO', internetUse: 'NOT_IN_3_MONTHS', everUsedInternet: 'NEVER', exercisesIntro: 'NO' };
  const offlineWithPhone = { ...offline, smartphone: 'YES', internetUseCheck: 'NOT_USED' };
  return [
    { id: 'basic', who: 'an internet user with one activity per area who does the five exercises', v1: tapsOfVisit(QUESTIONNAIRE_V1, basic.v1), current: tapsOfVisit(current, basic.current) },
    { id: 'aboveBasic', who: 'an internet user with 2–3 activities per area who does the five exercises', v1: tapsOfVisit(QUESTIONNAIRE_V1, above.v1), current: tapsOfVisit(current, above.current) },
    { id: 'offline', who: 'a person without internet use and without a smartphone, no exercises', v1: tapsOfVisit(QUESTIONNAIRE_V1, offline), current: tapsOfVisit(current, offline) },
    { id: 'offlineWithPhone', who: 'the same person with a smartphone (one confirmation screen in version 2)', v1: tapsOfVisit(QUESTIONNAIRE_V1, offlineWithPhone), current: tapsOfVisit(current, offlineWithPhone) },
  ];
}
