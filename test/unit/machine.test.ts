/**
 * The citizen's visit (shared/flow/kioskMachine.ts) driven event by event with the real
 * questionnaire and fake timers: every transition of the flow, skip logic through the
 * machine (hidden questions never keep answers), the practical exercises, what is saved on
 * completion and on abandon, and the idle rules of docs/accessibility.md — a warning that can be
 * extended at least 10 times, then a full privacy reset after which nothing of the previous
 * person is reachable.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { Actor } from 'xstate';
import { kioskMachine } from '../../shared/flow/kioskMachine';
import type { KioskMachineInput } from '../../shared/flow/kioskMachine';
import type { Language } from '../../shared/i18n/languages';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import { DSI_AREA_QUESTIONS, questionnaire } from '../../shared/questionnaire/definition';
import { pruneHiddenAnswers, questionById } from '../../shared/questionnaire/engine';
import type { AnswerValue } from '../../shared/questionnaire/schema';
import { sessionRecordSchema } from '../../shared/session/record';
import type { SessionRecord } from '../../shared/session/record';

const IDLE = 90_000;
const WARNING = 20_000;
const THANKS = 10_000;
const ACTIVITIES: string[] = Object.values(DSI_AREA_QUESTIONS).flat();
const EXERCISES = ['exTap', 'exScroll', 'exType', 'exPhishing', 'exSecureSite'];

let saved: SessionRecord[];
let failSave: boolean;
/** The machine's injected monotonic clock, deliberately unrelated to Date.now. */
let clock: number;
let actor: Actor<typeof kioskMachine>;

function input(overrides: Partial<KioskMachineInput> = {}): KioskMachineInput {
  return {
    definition: questionnaire,
    questionnaireHash: currentQuestionnaire.hash,
    enabledLanguages: ['fr', 'en', 'ar'],
    idleDelayMs: IDLE,
    warningDelayMs: WARNING,
    thanksDelayMs: THANKS,
    now: () => clock,
    ...overrides,
  };
}

function startActor(overrides: Partial<KioskMachineInput> = {}) {
  const machine = kioskMachine.provide({
    actors: {
      saveSession: fromPromise<unknown, SessionRecord>(async ({ input: record }) => {
        saved.push(record);
        if (failSave) throw new Error('disk full');
      }),
    },
  });
  actor = createActor(machine, { input: input(overrides) });
  actor.start();
  return actor;
}

beforeEach(() => {
  vi.useFakeTimers();
  saved = [];
  failSave = false;
  clock = 7_000_000;
});

afterEach(() => {
  actor?.stop();
  vi.useRealTimers();
});

const snap = () => actor.getSnapshot();
const ctx = () => snap().context;
const current = () => ctx().currentQuestion;
const inFlow = (state: 'privacy' | 'question' | 'saving' | 'result') => snap().matches({ session: { flow: state } });
const warning = () => snap().matches({ session: { idle: 'warning' } });
/** Lets the saveSession promise settle (microtasks), without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

function toFirstQuestion(language: Language = 'fr') {
  actor.send({ type: 'START' });
  actor.send({ type: 'CHOOSE_LANGUAGE', language });
  actor.send({ type: 'CONTINUE' });
}

/** The first option of a choice question, its first option alone for a multiple one, "Oui" on every row. */
function defaultAnswer(id: string): AnswerValue {
  const q = questionById(questionnaire, id);
  if (q.kind === 'exercise') throw new Error('exercises are done, not answered');
  if (q.kind === 'items') return Object.fromEntries(q.items.map((i) => [i.code, q.scale[0]!.code]));
  const first = q.options[0]!.code;
  return q.kind === 'multiple' ? [first] : first;
}

function answer(value: AnswerValue) {
  actor.send({ type: 'ANSWER', value });
}

/** Answers the current question (with `choices[id]` or a default) and moves on. */
function answerCurrent(choices: Record<string, AnswerValue> = {}) {
  const id = current()!;
  const q = questionById(questionnaire, id);
  if (q.kind === 'exercise') {
    actor.send({ type: 'EXERCISE_DONE', outcome: (choices[id] as 'SUCCESS' | undefined) ?? 'SUCCESS', durationS: 3 });
  } else {
    answer(choices[id] ?? defaultAnswer(id));
    actor.send({ type: 'NEXT' });
  }
  return id;
}

/** Answers until `stopAt` is the current question (or the questionnaire is finished). */
function answerUntil(stopAt: string | null, choices: Record<string, AnswerValue> = {}): string[] {
  const visited: string[] = [];
  for (let guard = 0; guard < 100 && inFlow('question') && current() !== stopAt; guard++) visited.push(answerCurrent(choices));
  if (stopAt !== null) expect(current()).toBe(stopAt);
  return visited;
}

describe('from the attract screen to the first question', () => {
  it('START opens the language screen', () => {
    startActor();
    expect(snap().value).toBe('attract');
    actor.send({ type: 'START' });
    expect(snap().matches('language')).toBe(true);
  });

  it('ignores a language that is not enabled on this kiosk', () => {
    startActor();
    actor.send({ type: 'START' });
    actor.send({ type: 'CHOOSE_LANGUAGE', language: 'tr' });
    actor.send({ type: 'CHOOSE_LANGUAGE', language: 'klingon' as Language });
    expect(snap().matches('language')).toBe(true);
    expect(ctx().language).toBe('fr');
  });

  it('an enabled language opens the privacy notice in that language', () => {
    startActor();
    actor.send({ type: 'START' });
    actor.send({ type: 'CHOOSE_LANGUAGE', language: 'ar' });
    expect(inFlow('privacy')).toBe(true);
    expect(ctx().language).toBe('ar');
    expect(ctx().currentQuestion).toBeNull();
  });

  it('BACK goes from privacy to language, and from language to attract', () => {
    startActor();
    actor.send({ type: 'START' });
    actor.send({ type: 'CHOOSE_LANGUAGE', language: 'en' });
    actor.send({ type: 'BACK' });
    expect(snap().matches('language')).toBe(true);
    actor.send({ type: 'BACK' });
    expect(snap().value).toBe('attract');
    expect(ctx().language).toBe('fr');
  });

  it('CONTINUE shows the first question, ageBand, unanswered', () => {
    startActor();
    toFirstQuestion();
    expect(inFlow('question')).toBe(true);
    expect(current()).toBe('ageBand');
    expect(ctx().answers).toEqual({});
    expect(ctx().history).toEqual([]);
    expect(ctx().startedAt).toBe(clock);
  });
});

describe('answering', () => {
  beforeEach(() => {
    startActor();
    toFirstQuestion();
  });

  it('ignores an invalid answer', () => {
    answer('A99');
    answer(['A15_24']);
    answer('DK_OR_NOT');
    expect(ctx().answers).toEqual({});
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('ageBand');
  });

  it('NEXT without an answer stays on the question', () => {
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('ageBand');
    expect(ctx().history).toEqual([]);
  });

  it('ANSWER then NEXT records the answer and moves on', () => {
    answer('A40_59');
    expect(ctx().answers).toEqual({ ageBand: 'A40_59' });
    expect(current()).toBe('ageBand');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('commune');
    expect(ctx().history).toEqual(['ageBand']);
  });

  it('accepts the missing codes where the question allows them', () => {
    answer('REF');
    actor.send({ type: 'NEXT' });
    expect(ctx().answers).toEqual({ ageBand: 'REF' });
    expect(current()).toBe('commune');
  });

  it('BACK walks back through the history and keeps earlier answers; BACK on the first question returns to privacy', () => {
    answerUntil('smartphone', { ageBand: 'A60_74', commune: 'C59122', accompanied: 'RELATIVE' });
    actor.send({ type: 'BACK' });
    expect(current()).toBe('accompanied');
    actor.send({ type: 'BACK' });
    expect(current()).toBe('commune');
    actor.send({ type: 'BACK' });
    expect(current()).toBe('ageBand');
    expect(ctx().answers).toEqual({ ageBand: 'A60_74', commune: 'C59122', accompanied: 'RELATIVE' });
    actor.send({ type: 'BACK' });
    expect(inFlow('privacy')).toBe(true);
    actor.send({ type: 'CONTINUE' });
    expect(current()).toBe('ageBand');
    expect(ctx().answers.ageBand).toBe('A60_74');
    // Going forward again follows the same path with the kept answers.
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('accompanied');
  });

  it('CLEAR_ANSWER removes the current answer, after which NEXT stays', () => {
    answer('A25_39');
    actor.send({ type: 'CLEAR_ANSWER' });
    expect(ctx().answers).toEqual({});
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('ageBand');
  });

  it('no internet in 3 months skips the activities; changing it back reopens them with their old answers cleared', () => {
    answerUntil('internetUse', { smartphone: 'NO' });
    answer('EVERY_DAY');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('actInformation');
    const info = { GOODS_INFO: 'NO', HEALTH_INFO: 'YES', NEWS: 'YES', CHECKED_TRUE: 'DK' };
    answer(info);
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('actCommunication');
    answer(defaultAnswer('actCommunication'));
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    expect(current()).toBe('actInformation');
    expect(ctx().answers.actInformation).toEqual(info);
    actor.send({ type: 'BACK' });
    expect(current()).toBe('internetUse');

    answer('NOT_IN_3_MONTHS');
    // Hidden questions never keep answers, not even for a moment.
    for (const id of ACTIVITIES) expect(ctx().answers).not.toHaveProperty(id);
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('everUsedInternet');
    answer('NEVER');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('taskUnlock');
    expect(ctx().history.filter((id) => ACTIVITIES.includes(id))).toEqual([]);

    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    expect(current()).toBe('internetUse');
    answer('EVERY_DAY');
    expect(ctx().answers).not.toHaveProperty('everUsedInternet');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('actInformation');
    expect(ctx().answers).not.toHaveProperty('actInformation');
    expect(ctx().answers).not.toHaveProperty('actCommunication');
  });

  it('asks a smartphone owner who said "Non" to confirm; "Oui, au moins une fois" opens the activities', () => {
    answerUntil('internetUse', { smartphone: 'YES' });
    answer('NOT_IN_3_MONTHS');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('internetUseCheck');
    answer('USED');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('actInformation');
    actor.send({ type: 'BACK' });
    answer('NOT_USED');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('everUsedInternet');
  });

  it('an item-by-item screen takes one row at a time and moves on only when every row is answered', () => {
    answerUntil('actInformation', { smartphone: 'NO', internetUse: 'EVERY_WEEK' });
    answer({ GOODS_INFO: 'YES' });
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('actInformation');
    // A row code that is not on the scale, or an item that is not on the screen, is refused.
    answer({ GOODS_INFO: 'YES', HEALTH_INFO: 'MAYBE' });
    expect(ctx().answers.actInformation).toEqual({ GOODS_INFO: 'YES' });
    answer({ GOODS_INFO: 'YES', SOMETHING: 'NO' });
    expect(ctx().answers.actInformation).toEqual({ GOODS_INFO: 'YES' });
    answer({ GOODS_INFO: 'YES', HEALTH_INFO: 'DK', NEWS: 'NO', CHECKED_TRUE: 'NO' });
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('actCommunication');
    // "Je préfère ne pas répondre" covers a whole screen.
    answer('REF');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('actContent');
  });

  it('merges row taps in the machine, however fast they come, and refuses a row that is not on the screen', () => {
    answerUntil('actContent', { smartphone: 'NO', internetUse: 'EVERY_WEEK' });
    // Seven taps in one burst, as a quick finger or a test robot sends them: none is lost.
    const rows = ['WORD_PROCESSING', 'SPREADSHEET', 'EDIT_MEDIA', 'COPY_FILES', 'COMBINED_DOCUMENT', 'SPREADSHEET_ADVANCED', 'PROGRAMMING'];
    for (const [i, item] of rows.entries()) actor.send({ type: 'ANSWER_ITEM', item, code: i % 2 === 0 ? 'YES' : 'DK' });
    expect(ctx().answers.actContent).toEqual(Object.fromEntries(rows.map((item, i) => [item, i % 2 === 0 ? 'YES' : 'DK'])));
    actor.send({ type: 'ANSWER_ITEM', item: 'FLYING', code: 'YES' });
    actor.send({ type: 'ANSWER_ITEM', item: 'PROGRAMMING', code: 'MAYBE' });
    expect(Object.keys(ctx().answers.actContent as object)).toHaveLength(7);
    // After "Je préfère ne pas répondre", a row starts the screen's answers anew.
    answer('REF');
    actor.send({ type: 'ANSWER_ITEM', item: 'SPREADSHEET', code: 'NO' });
    expect(ctx().answers.actContent).toEqual({ SPREADSHEET: 'NO' });
    // A row event on a screen that is not item by item does nothing.
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    const before = ctx().answers;
    actor.send({ type: 'ANSWER_ITEM', item: 'GOODS_INFO', code: 'YES' });
    expect(ctx().answers).toEqual(before);
  });

  it('CLEAR_ANSWER on the gate also forgets the answers it had opened', () => {
    answerUntil('internetUse', { smartphone: 'NO' });
    answer('NOT_IN_3_MONTHS');
    actor.send({ type: 'NEXT' });
    answer('YES_BEFORE');
    actor.send({ type: 'BACK' });
    expect(ctx().answers.everUsedInternet).toBe('YES_BEFORE');
    actor.send({ type: 'CLEAR_ANSWER' });
    expect(ctx().answers).not.toHaveProperty('internetUse');
    expect(ctx().answers).not.toHaveProperty('everUsedInternet');
  });
});

describe('practical exercises', () => {
  beforeEach(() => {
    startActor();
    toFirstQuestion();
    answerUntil('exercisesIntro');
  });

  it('exercisesIntro NO skips every exercise', () => {
    answer('NO');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('wantsToLearn');
  });

  it('exercisesIntro offers no "don\'t know"', () => {
    answer('DK');
    expect(ctx().answers).not.toHaveProperty('exercisesIntro');
  });

  it('exercisesIntro YES shows the exercises; EXERCISE_DONE records outcome and rounded duration and moves on', () => {
    answer('YES');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('exTap');
    // An exercise is not answered with ANSWER, and NEXT cannot skip it.
    answer('SUCCESS');
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('exTap');

    actor.send({ type: 'EXERCISE_DONE', outcome: 'SUCCESS', durationS: 12.6 });
    expect(current()).toBe('exScroll');
    expect(ctx().answers.exTap).toBe('SUCCESS');
    expect(ctx().exercises.exTap).toEqual({ outcome: 'SUCCESS', durationS: 13 });

    actor.send({ type: 'EXERCISE_DONE', outcome: 'SKIPPED', durationS: 2.4 });
    expect(ctx().exercises.exScroll).toEqual({ outcome: 'SKIPPED', durationS: 2 });
    actor.send({ type: 'EXERCISE_DONE', outcome: 'FAILURE', durationS: -5 });
    expect(ctx().exercises.exType).toEqual({ outcome: 'FAILURE', durationS: 0 });
    actor.send({ type: 'EXERCISE_DONE', outcome: 'SUCCESS', durationS: 30 });
    actor.send({ type: 'EXERCISE_DONE', outcome: 'SUCCESS', durationS: 40 });
    expect(current()).toBe('wantsToLearn');
    expect(ctx().history.slice(-EXERCISES.length)).toEqual(EXERCISES);
  });

  it('EXERCISE_DONE is ignored on a question that is not an exercise', () => {
    actor.send({ type: 'EXERCISE_DONE', outcome: 'SUCCESS', durationS: 1 });
    expect(current()).toBe('exercisesIntro');
    expect(ctx().answers).not.toHaveProperty('exercisesIntro');
    expect(ctx().exercises).toEqual({});
  });

  it('turning the exercises down afterwards drops their results from the saved session', async () => {
    answer('YES');
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'EXERCISE_DONE', outcome: 'SUCCESS', durationS: 4 });
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    expect(current()).toBe('exercisesIntro');
    answer('NO');
    expect(ctx().answers).not.toHaveProperty('exTap');
    actor.send({ type: 'NEXT' });
    answerUntil(null);
    await settle();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.answers).not.toHaveProperty('exTap');
    expect(saved[0]!.exercises).toEqual({});
  });
});

describe('completing the questionnaire', () => {
  it('saves one completed session with what the analyst needs, and shows the result', async () => {
    startActor();
    toFirstQuestion('en');
    const startedAt = clock;
    const visited = answerUntil('exercisesIntro', { accompanied: 'PROFESSIONAL', smartphone: 'NO', internetUse: 'NOT_IN_3_MONTHS', everUsedInternet: 'NEVER' });
    answer('YES');
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'EXERCISE_DONE', outcome: 'FAILURE', durationS: 20.4 });
    clock += 321_500;
    answerUntil(null);
    expect(inFlow('saving') || inFlow('result')).toBe(true);
    await settle();

    expect(inFlow('result')).toBe(true);
    expect(ctx().saveFailed).toBe(false);
    expect(saved).toHaveLength(1);
    const record = saved[0]!;
    expect(sessionRecordSchema.parse(record)).toEqual(record);
    expect(record).toMatchObject({
      questionnaire: { id: 'reperes-diagnostic', version: '2.0.0', hash: currentQuestionnaire.hash },
      language: 'en',
      status: 'completed',
      lastStep: 'result',
      accompanied: true,
    });
    expect(record.durationS).toBe((clock - startedAt) / 1000);
    expect(record.exercises.exTap).toEqual({ outcome: 'FAILURE', durationS: 20 });
    expect(record.answers).toEqual(pruneHiddenAnswers(questionnaire, record.answers));
    for (const id of ACTIVITIES) expect(record.answers).not.toHaveProperty(id);
    expect(Object.keys(record.answers)).toEqual(expect.arrayContaining([...visited, 'everUsedInternet', 'procedureSoon']));

    // The result screen does not save again, whatever the person does next.
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'BACK' });
    await settle();
    expect(saved).toHaveLength(1);
    expect(inFlow('result')).toBe(true);
  });

  it.each([
    ['PROFESSIONAL', true],
    ['ALONE', false],
    ['RELATIVE', false],
    ['DK', false],
  ])('accompanied = %s is stored as accompanied %s', async (code, expected) => {
    startActor();
    toFirstQuestion();
    answerUntil(null, { accompanied: code, exercisesIntro: 'NO' });
    await settle();
    expect(saved.map((s) => s.accompanied)).toEqual([expected]);
  });

  it('FINISH thanks the person with nothing of them but the language; then the kiosk waits for the next one', async () => {
    startActor();
    toFirstQuestion('en');
    answerUntil(null, { exercisesIntro: 'YES' });
    await settle();
    actor.send({ type: 'FINISH' });
    expect(snap().value).toBe('thanks');
    expect(ctx()).toMatchObject({ language: 'en', answers: {}, exercises: {}, currentQuestion: null, history: [], startedAt: null, completed: false });
    vi.advanceTimersByTime(THANKS - 1);
    expect(snap().value).toBe('thanks');
    vi.advanceTimersByTime(1);
    expect(snap().value).toBe('attract');
    expect(ctx().language).toBe('fr');
    await vi.advanceTimersByTimeAsync(IDLE * 3);
    expect(saved).toHaveLength(1);
  });

  it('"Start again" on the thanks screen opens an empty questionnaire', async () => {
    startActor();
    toFirstQuestion();
    answerUntil(null);
    await settle();
    actor.send({ type: 'FINISH' });
    actor.send({ type: 'START' });
    expect(snap().matches('language')).toBe(true);
    actor.send({ type: 'CHOOSE_LANGUAGE', language: 'fr' });
    actor.send({ type: 'CONTINUE' });
    expect(current()).toBe('ageBand');
    expect(ctx().answers).toEqual({});
    expect(ctx().completed).toBe(false);
  });

  it('a failing save still shows the result, marked saveFailed', async () => {
    failSave = true;
    startActor();
    toFirstQuestion();
    answerUntil(null);
    await settle();
    expect(inFlow('result')).toBe(true);
    expect(ctx().saveFailed).toBe(true);
    expect(saved).toHaveLength(1);
    // Still counted as completed: the idle reset does not add an abandoned copy.
    await vi.advanceTimersByTimeAsync(IDLE + WARNING);
    expect(snap().value).toBe('attract');
    expect(saved).toHaveLength(1);
  });
});

describe('the questionnaire hash', () => {
  // The kiosk hands the hash over as a function (computing it is left out of its start):
  // the record carries the same hash, read only when a record is made.
  it('given as a function, is read at the save, not before, and stamped as given as a string', async () => {
    let reads = 0;
    startActor({ questionnaireHash: () => (reads++, currentQuestionnaire.hash) });
    toFirstQuestion();
    answerUntil('homeInternet', { accompanied: 'PROFESSIONAL' });
    expect(reads).toBe(0);
    actor.send({ type: 'QUIT' });
    await settle();
    expect(reads).toBe(1);
    expect(saved[0]?.questionnaire).toEqual({ id: questionnaire.id, version: questionnaire.version, hash: currentQuestionnaire.hash });
  });
});

describe('quitting', () => {
  it('QUIT mid-questionnaire saves an abandoned session at the current question and resets the kiosk', async () => {
    startActor();
    toFirstQuestion();
    answerUntil('homeInternet', { accompanied: 'PROFESSIONAL' });
    clock += 45_000;
    actor.send({ type: 'QUIT' });
    await settle();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ status: 'abandoned', lastStep: 'homeInternet', accompanied: true, durationS: 45 });
    expect(sessionRecordSchema.safeParse(saved[0]).success).toBe(true);
    expect(Object.keys(saved[0]!.answers)).toEqual(['ageBand', 'commune', 'accompanied', 'smartphone', 'computer']);
    expect(snap().value).toBe('attract');
    expect(ctx()).toMatchObject({ answers: {}, exercises: {}, history: [], currentQuestion: null, startedAt: null, completed: false, saveFailed: false });
  });

  it('walking Back out of a begun questionnaire to the attract screen counts as an abandon', async () => {
    startActor();
    toFirstQuestion();
    answerUntil('accompanied', { ageBand: 'A25_39' });
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    expect(inFlow('privacy')).toBe(true);
    actor.send({ type: 'BACK' });
    expect(snap().matches('language')).toBe(true);
    expect(saved).toEqual([]);
    actor.send({ type: 'BACK' });
    await settle();
    expect(saved.map((s) => [s.status, s.lastStep])).toEqual([['abandoned', 'ageBand']]);
    expect(saved[0]!.answers).toEqual({ ageBand: 'A25_39', commune: defaultAnswer('commune') });
    expect(snap().value).toBe('attract');
    expect(ctx().answers).toEqual({});
  });

  it('idling on the language screen after Back from a begun questionnaire saves it as abandoned', async () => {
    startActor();
    toFirstQuestion();
    answerUntil('commune');
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    expect(snap().matches('language')).toBe(true);
    vi.advanceTimersByTime(IDLE + WARNING);
    await settle();
    expect(saved.map((s) => s.status)).toEqual(['abandoned']);
    expect(snap().value).toBe('attract');
  });

  it('QUIT on the privacy notice after going Back from the questions saves an abandon', async () => {
    startActor();
    toFirstQuestion();
    answerUntil('commune');
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    actor.send({ type: 'QUIT' });
    await settle();
    expect(saved.map((s) => s.status)).toEqual(['abandoned']);
    expect(snap().value).toBe('attract');
  });

  it('re-reading the privacy notice does not restart the visit clock', async () => {
    startActor();
    toFirstQuestion();
    const startedAt = clock;
    answerUntil('commune');
    actor.send({ type: 'BACK' });
    actor.send({ type: 'BACK' });
    clock += 30_000;
    actor.send({ type: 'CONTINUE' });
    expect(ctx().startedAt).toBe(startedAt);
    clock += 60_000;
    answerUntil(null);
    await settle();
    expect(saved[0]!.durationS).toBe(90);
  });

  it('QUIT on the privacy notice before starting saves nothing', async () => {
    startActor();
    actor.send({ type: 'START' });
    actor.send({ type: 'CHOOSE_LANGUAGE', language: 'fr' });
    actor.send({ type: 'QUIT' });
    await settle();
    expect(snap().value).toBe('attract');
    expect(saved).toEqual([]);
  });
});

describe('idle rules (docs/accessibility.md)', () => {
  it('warns after idleDelay without activity, leaving the screen as it was', () => {
    startActor();
    toFirstQuestion();
    answerUntil('smartphone');
    answer('YES');
    const before = { flow: (snap().value as { session: { flow: unknown } }).session.flow, answers: ctx().answers, question: current() };
    vi.advanceTimersByTime(IDLE - 1);
    expect(warning()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(warning()).toBe(true);
    expect(inFlow('question')).toBe(true);
    expect({ flow: (snap().value as { session: { flow: unknown } }).session.flow, answers: ctx().answers, question: current() }).toEqual(before);
  });

  it('STILL_HERE resumes with the answers intact, and the warning can be extended at least 10 times', async () => {
    startActor();
    toFirstQuestion();
    answerUntil('computer');
    answer('NO');
    const answers = ctx().answers;
    for (let round = 0; round < 12; round++) {
      vi.advanceTimersByTime(IDLE);
      expect(warning(), `round ${round}`).toBe(true);
      vi.advanceTimersByTime(WARNING - 1);
      expect(warning(), `round ${round}`).toBe(true);
      actor.send({ type: 'STILL_HERE' });
      expect(warning()).toBe(false);
      expect(current()).toBe('computer');
      expect(ctx().answers).toEqual(answers);
    }
    await settle();
    expect(saved).toEqual([]);
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('homeInternet');
  });

  it('ACTIVITY restarts the idle timer, so a person who keeps touching is never warned', () => {
    startActor();
    toFirstQuestion();
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(IDLE - 1_000);
      expect(warning()).toBe(false);
      actor.send({ type: 'ACTIVITY' });
    }
    expect(current()).toBe('ageBand');
    vi.advanceTimersByTime(IDLE);
    expect(warning()).toBe(true);
  });

  it('without STILL_HERE: saves one abandoned session and resets everything; nothing of the person is reachable', async () => {
    startActor();
    toFirstQuestion('en');
    answerUntil('internetUse', { ageBand: 'A75_PLUS', commune: 'C59122' });
    answer('EVERY_DAY');
    vi.advanceTimersByTime(IDLE);
    expect(warning()).toBe(true);
    clock += 1_000;
    vi.advanceTimersByTime(WARNING - 1);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    await settle();

    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ status: 'abandoned', lastStep: 'internetUse', language: 'en' });
    expect(saved[0]!.answers).toMatchObject({ ageBand: 'A75_PLUS', commune: 'C59122', internetUse: 'EVERY_DAY' });
    expect(snap().value).toBe('attract');
    expect(ctx()).toMatchObject({ language: 'fr', answers: {}, exercises: {}, history: [], currentQuestion: null, startedAt: null });

    // Time passing on the attract screen saves nothing more.
    await vi.advanceTimersByTimeAsync(5 * (IDLE + WARNING));
    expect(saved).toHaveLength(1);

    // The next person starts from scratch and cannot walk back into the previous visit.
    actor.send({ type: 'START' });
    expect(ctx().language).toBe('fr');
    actor.send({ type: 'CHOOSE_LANGUAGE', language: 'fr' });
    actor.send({ type: 'CONTINUE' });
    expect(current()).toBe('ageBand');
    expect(ctx().answers).toEqual({});
    actor.send({ type: 'NEXT' });
    expect(current()).toBe('ageBand');
    actor.send({ type: 'BACK' });
    expect(inFlow('privacy')).toBe(true);
  });

  it('listening is presence: no warning while the voice speaks, however long; the idle clock starts when it ends', () => {
    startActor();
    toFirstQuestion();
    answerUntil('commune');
    vi.advanceTimersByTime(IDLE - 1_000);
    // "Écouter" on the commune list: far longer than the idle delay.
    actor.send({ type: 'SPEECH', playing: true });
    vi.advanceTimersByTime(3 * IDLE);
    expect(warning()).toBe(false);
    // A tap while listening changes nothing (the voice itself reports when it stops).
    actor.send({ type: 'ACTIVITY' });
    vi.advanceTimersByTime(IDLE);
    expect(warning()).toBe(false);
    actor.send({ type: 'SPEECH', playing: false });
    vi.advanceTimersByTime(IDLE - 1);
    expect(warning()).toBe(false);
    vi.advanceTimersByTime(1);
    expect(warning()).toBe(true);
    expect(current()).toBe('commune');
  });

  it('listening on the language screen keeps it too, and its clock starts again when the voice ends', async () => {
    startActor();
    actor.send({ type: 'START' });
    actor.send({ type: 'SPEECH', playing: true });
    vi.advanceTimersByTime(5 * IDLE);
    expect(snap().matches('language')).toBe(true);
    actor.send({ type: 'SPEECH', playing: false });
    vi.advanceTimersByTime(IDLE - 1);
    expect(snap().matches('language')).toBe(true);
    vi.advanceTimersByTime(1);
    expect(snap().matches({ language: 'warning' })).toBe(true);
    vi.advanceTimersByTime(WARNING);
    await settle();
    expect(snap().value).toBe('attract');
  });

  it('a tap on the warning other than STILL_HERE does not dismiss it', () => {
    startActor();
    toFirstQuestion();
    vi.advanceTimersByTime(IDLE);
    actor.send({ type: 'ACTIVITY' });
    expect(warning()).toBe(true);
  });

  it('idle on the language screen warns first ("Vous êtes toujours là ?"), then returns to attract without saving', async () => {
    startActor();
    actor.send({ type: 'START' });
    vi.advanceTimersByTime(IDLE - 1);
    actor.send({ type: 'ACTIVITY' });
    vi.advanceTimersByTime(IDLE - 1);
    expect(snap().matches({ language: 'waiting' })).toBe(true);
    vi.advanceTimersByTime(1);
    expect(snap().matches({ language: 'warning' })).toBe(true);
    // A tap elsewhere does not dismiss it; the dialog's button does, and the clock starts again.
    actor.send({ type: 'ACTIVITY' });
    expect(snap().matches({ language: 'warning' })).toBe(true);
    actor.send({ type: 'STILL_HERE' });
    expect(snap().matches({ language: 'waiting' })).toBe(true);
    vi.advanceTimersByTime(IDLE + WARNING - 1);
    expect(snap().matches({ language: 'warning' })).toBe(true);
    vi.advanceTimersByTime(1);
    await settle();
    expect(snap().value).toBe('attract');
    expect(saved).toEqual([]);
  });

  it('idle on the privacy notice warns, then resets without saving', async () => {
    startActor();
    actor.send({ type: 'START' });
    actor.send({ type: 'CHOOSE_LANGUAGE', language: 'ar' });
    vi.advanceTimersByTime(IDLE);
    expect(warning()).toBe(true);
    expect(inFlow('privacy')).toBe(true);
    vi.advanceTimersByTime(WARNING);
    await settle();
    expect(snap().value).toBe('attract');
    expect(ctx().language).toBe('fr');
    expect(saved).toEqual([]);
  });

  it('idle on the result screen after a completed save resets without a second (abandoned) session', async () => {
    startActor();
    toFirstQuestion();
    answerUntil(null);
    await settle();
    expect(inFlow('result')).toBe(true);
    vi.advanceTimersByTime(IDLE);
    expect(warning()).toBe(true);
    vi.advanceTimersByTime(WARNING);
    await settle();
    expect(snap().value).toBe('attract');
    expect(saved.map((s) => s.status)).toEqual(['completed']);
    expect(ctx().answers).toEqual({});
  });
});
