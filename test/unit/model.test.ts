/**
 * Model-based tests of the citizen's visit.
 *
 * 1. fast-check drives the real kiosk machine with the real questionnaire through random
 *    visits: at each question a random valid answer (an option, a missing code where
 *    allowed, a subset respecting the exclusive "none", an exercise outcome), sometimes an
 *    invalid answer, NEXT without answering, BACK (up to the privacy notice and the language
 *    screen), CLEAR_ANSWER, walking away (idle), and rarely QUIT. Every run must end, within
 *    a step bound, either on the result screen with one completed session saved, or back on
 *    the attract screen with one abandoned session saved (if the questionnaire had begun);
 *    the engine's rules hold at every step and in every saved record.
 * 2. @xstate/graph explores the top-level machine with a tiny questionnaire: every screen is
 *    reachable, no reached state is a dead end, and the privacy reset (attract) can be
 *    reached from every state.
 */
import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { __unsafe_getAllOwnEventDescriptors, createActor, fromPromise } from 'xstate';
import type { Actor, SnapshotFrom } from 'xstate';
import { kioskMachine } from '../../shared/flow/kioskMachine';
import type { KioskEvent, KioskMachineInput } from '../../shared/flow/kioskMachine';
import type { Language } from '../../shared/i18n/languages';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import { questionnaire as def } from '../../shared/questionnaire/definition';
import { isComplete, isValidAnswer, nextQuestion, pruneHiddenAnswers, questionById, visibleQuestions } from '../../shared/questionnaire/engine';
import { EXERCISE_OUTCOMES, MISSING_CODES, questionnaireSchema } from '../../shared/questionnaire/schema';
import type { AnswerValue, Question, Questionnaire } from '../../shared/questionnaire/schema';
import { sessionRecordSchema } from '../../shared/session/record';
import type { SessionRecord } from '../../shared/session/record';

const IDLE = 120_000;
const WARNING = 30_000;
const LANGUAGES: Language[] = ['fr', 'en', 'ar'];
/** Steps (one user action each) after which a visit must have ended. */
const MAX_STEPS = 400;
const DECISIONS = 600;
const ORDER = new Map(def.questions.map((q, i) => [q.id, i]));

type Snapshot = SnapshotFrom<typeof kioskMachine>;

/*
 * The per-step checks run thousands of times: plain checks keep the 300 runs fast, where
 * building an `expect` chain per check would dominate the runtime.
 */
function ok(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
function same(actual: unknown, expected: unknown, message: string) {
  if (!isDeepStrictEqual(actual, expected)) throw new Error(`${message}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

/**
 * The random choices of one visit, consumed in order; once spent, every choice is 0, which
 * means "give the first valid answer and go on", so shrinking leads to simple visits.
 */
class Decisions {
  private i = 0;
  constructor(private readonly values: number[]) {}
  next(): number {
    return this.values[this.i++] ?? 0;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.next() % items.length]!;
  }
}

/** A valid answer to a choice question, as a person could give it on screen. */
function validAnswer(q: Exclude<Question, { kind: 'exercise' }>, d: Decisions): AnswerValue {
  const r = d.next();
  if (q.kind === 'items') {
    // Every row, each Oui, Non or "Je ne sais pas"; or "Je préfère ne pas répondre" for the screen.
    if (q.allowMissing && r % 10 === 9) return 'REF';
    const scale = [...q.scale.map((o) => o.code), 'DK'];
    return Object.fromEntries(q.items.map((i) => [i.code, d.pick(scale)]));
  }
  if (q.allowMissing && r % 10 === 9) return d.pick(MISSING_CODES);
  if (q.kind === 'single') return d.pick(q.options).code;
  const plain = q.options.filter((o) => !o.exclusive).map((o) => o.code);
  const exclusive = q.options.filter((o) => o.exclusive).map((o) => o.code);
  if (exclusive.length > 0 && r % 10 === 8) return [d.pick(exclusive)];
  const chosen = plain.filter(() => d.next() % 2 === 0);
  return chosen.length > 0 ? chosen : [plain[d.next() % plain.length]!];
}

/** An answer the screen could never produce; the machine must ignore it. */
function invalidAnswer(q: Question, d: Decisions): AnswerValue {
  const candidates: AnswerValue[] = ['NOT_A_CODE', [], ['NOT_A_CODE']];
  if (q.kind === 'single') candidates.push([q.options[0]!.code]);
  if (q.kind === 'multiple') {
    const plain = q.options.find((o) => !o.exclusive)!.code;
    const none = q.options.find((o) => o.exclusive)?.code;
    candidates.push(plain, [plain, plain]);
    if (none) candidates.push([none, plain]);
  }
  if (q.kind === 'items') candidates.push({ NOT_AN_ITEM: 'YES' }, { [q.items[0]!.code]: 'MAYBE' }, {}, [q.items[0]!.code]);
  if (q.kind === 'exercise') candidates.push('SUCCESS');
  if (!q.allowMissing) candidates.push('DK', 'REF');
  return d.pick(candidates);
}

/** Invariants of the engine that must hold in every question state. */
function checkQuestionState(s: Snapshot) {
  const { answers, currentQuestion, history } = s.context;
  ok(currentQuestion !== null, 'a question state without a current question');
  // Hidden questions never keep answers, and every stored answer is a valid one.
  same(pruneHiddenAnswers(def, answers), answers, 'answers of hidden questions are kept');
  for (const [id, value] of Object.entries(answers)) ok(isValidAnswer(questionById(def, id), value), `invalid answer kept for ${id}`);
  // The current question and the Back history lie on the visible path, in order.
  const visible = new Set(visibleQuestions(def, answers).map((q) => q.id));
  ok(visible.has(currentQuestion), `current question ${currentQuestion} is hidden`);
  const positions = [...history, currentQuestion].map((id) => ORDER.get(id)!);
  ok(positions.every((p, i) => i === 0 || positions[i - 1]! < p), `history out of order: ${history.join(',')}`);
  for (const id of history) ok(visible.has(id), `history holds the hidden question ${id}`);
  // No dead end: Back and Quit are always possible, and so is answering.
  ok(s.can({ type: 'BACK' }) && s.can({ type: 'QUIT' }), `${currentQuestion}: BACK or QUIT refused`);
  const q = questionById(def, currentQuestion);
  const forward: KioskEvent =
    q.kind === 'exercise'
      ? { type: 'EXERCISE_DONE', outcome: 'SKIPPED', durationS: 1 }
      : {
          type: 'ANSWER',
          value: q.kind === 'single' ? q.options[0]!.code : q.kind === 'items' ? { [q.items[0]!.code]: q.scale[0]!.code } : [q.options[0]!.code],
        };
  ok(s.can(forward), `${currentQuestion}: cannot be answered`);
}

function checkRecord(record: SessionRecord) {
  expect(sessionRecordSchema.safeParse(record).success).toBe(true);
  expect(record.questionnaire).toEqual({ id: def.id, version: def.version, hash: currentQuestionnaire.hash });
  // The saved answers never contain a question that they themselves hide.
  expect(pruneHiddenAnswers(def, record.answers)).toEqual(record.answers);
  for (const [id, value] of Object.entries(record.answers)) expect(isValidAnswer(questionById(def, id), value), id).toBe(true);
  for (const [id, ex] of Object.entries(record.exercises)) {
    expect(record.answers[id]).toBe(ex.outcome);
    expect(Number.isInteger(ex.durationS) && ex.durationS >= 0).toBe(true);
  }
  expect(record.durationS).toBeGreaterThanOrEqual(0);
  expect(record.accompanied).toBe(record.answers['accompanied'] === 'PROFESSIONAL');
}

interface Visit {
  actor: Actor<typeof kioskMachine>;
  saved: SessionRecord[];
  clock: { now: number };
}

function newVisit(): Visit {
  const saved: SessionRecord[] = [];
  const clock = { now: 1_000_000 };
  const machine = kioskMachine.provide({
    actors: {
      saveSession: fromPromise<unknown, SessionRecord>(async ({ input }) => {
        saved.push(input);
      }),
    },
  });
  const input: KioskMachineInput = {
    definition: def,
    questionnaireHash: currentQuestionnaire.hash,
    enabledLanguages: LANGUAGES,
    idleDelayMs: IDLE,
    warningDelayMs: WARNING,
    thanksDelayMs: 5_000,
    now: () => clock.now,
  };
  const actor = createActor(machine, { input });
  actor.start();
  return { actor, saved, clock };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

type Ending = { kind: 'completed' } | { kind: 'abandoned'; via: 'quit' | 'idle' | 'backOut'; lastStep: string | null; started: boolean };

/** One random visit; returns how it ended and how many steps it took. */
async function randomVisit(values: number[]): Promise<{ ending: Ending; steps: number; saved: SessionRecord[] }> {
  const d = new Decisions(values);
  const { actor, saved, clock } = newVisit();
  const send = (event: KioskEvent) => actor.send(event);
  const snap = () => actor.getSnapshot();
  const inFlow = (state: string) => snap().matches({ session: { flow: state } } as never);
  try {
    send({ type: 'START' });
    send({ type: 'CHOOSE_LANGUAGE', language: d.pick(LANGUAGES) });
    send({ type: 'CONTINUE' });
    for (let step = 1; step <= MAX_STEPS; step++) {
      clock.now += (d.next() % 100) * 100;
      const r = d.next() % 1000;

      if (snap().matches('attract')) throw new Error('unexpected attract screen');
      if (inFlow('privacy')) {
        const started = snap().context.startedAt !== null;
        if (r < 700) {
          send({ type: 'CONTINUE' });
          same(snap().context.currentQuestion, 'ageBand', 'CONTINUE');
        } else if (r < 990) {
          send({ type: 'BACK' });
          // The language screen holds its own idle clock (waiting, or listening while the voice reads).
          same(snap().value, { language: 'waiting' }, 'BACK from privacy');
          if (d.next() % 4 !== 3) send({ type: 'CHOOSE_LANGUAGE', language: d.pick(LANGUAGES) });
          else {
            send({ type: 'BACK' }); // out to the attract screen
            await settle();
            return { ending: { kind: 'abandoned', via: 'backOut', lastStep: null, started }, steps: step, saved };
          }
        } else {
          send({ type: 'QUIT' });
          await settle();
          return { ending: { kind: 'abandoned', via: 'backOut', lastStep: null, started }, steps: step, saved };
        }
        continue;
      }

      ok(inFlow('question'), `unexpected state ${JSON.stringify(snap().value)}`);
      const before = snap();
      checkQuestionState(before);
      const id = before.context.currentQuestion!;
      const q = questionById(def, id);
      // NEXT moves on with a complete answer only (every row of an item-by-item screen).
      const answered = isComplete(q, before.context.answers[id]);

      if (r >= 995) {
        // Rarely: the person quits.
        send({ type: 'QUIT' });
        await settle();
        return { ending: { kind: 'abandoned', via: 'quit', lastStep: id, started: true }, steps: step, saved };
      }
      if (r >= 990) {
        // Rarely: the person walks away; the idle warning then the privacy reset follow.
        await vi.advanceTimersByTimeAsync(IDLE);
        ok(snap().matches({ session: { idle: 'warning' } }), 'no idle warning');
        clock.now += IDLE + WARNING;
        await vi.advanceTimersByTimeAsync(WARNING);
        return { ending: { kind: 'abandoned', via: 'idle', lastStep: id, started: true }, steps: step, saved };
      }
      if (r >= 980) {
        // The person is warned but taps "still here": nothing changes.
        await vi.advanceTimersByTimeAsync(IDLE);
        ok(snap().matches({ session: { idle: 'warning' } }), 'no idle warning');
        send({ type: 'STILL_HERE' });
        same(snap().context, before.context, 'context changed');
        same(snap().value, before.value, 'state changed');
        continue;
      }
      if (r >= 900) {
        // Back, one to four screens, to change an earlier answer (or out to the notice).
        for (let k = d.next() % 4; k >= 0 && inFlow('question'); k--) {
          const { history, answers } = snap().context;
          send({ type: 'BACK' });
          const previous = history.at(-1);
          if (previous === undefined) ok(inFlow('privacy'), 'BACK on the first question');
          else same(snap().context.currentQuestion, previous, 'BACK');
          same(snap().context.answers, answers, 'BACK changed answers');
        }
        continue;
      }
      if (r >= 870) {
        send({ type: 'CLEAR_ANSWER' });
        same(snap().context.currentQuestion, id, 'CLEAR_ANSWER moved');
        ok(snap().context.answers[id] === undefined, 'CLEAR_ANSWER kept the answer');
        same(snap().context.answers, pruneHiddenAnswers(def, snap().context.answers), 'CLEAR_ANSWER kept hidden answers');
        continue;
      }
      if (r >= 830) {
        // A stray answer the screen could not produce is ignored.
        send({ type: 'ANSWER', value: invalidAnswer(q, d) });
        same(snap().context, before.context, 'context changed');
        continue;
      }
      const nextOnly = r >= 800 || (answered && r % 2 === 1);

      // Move on: with NEXT only (which needs an answer already given), or answer then NEXT.
      let answers = before.context.answers;
      if (nextOnly) {
        send({ type: 'NEXT' });
        if (!answered) {
          same(snap().context, before.context, 'context changed');
          same(snap().value, before.value, 'state changed');
          continue;
        }
      } else if (q.kind === 'exercise') {
        const outcome = d.pick(EXERCISE_OUTCOMES);
        const durationS = (d.next() % 2400) / 10 - 1;
        send({ type: 'EXERCISE_DONE', outcome, durationS });
        answers = { ...answers, [id]: outcome };
        same(snap().context.exercises[id], { outcome, durationS: Math.max(0, Math.round(durationS)) }, 'EXERCISE_DONE');
      } else {
        const value = validAnswer(q, d);
        send({ type: 'ANSWER', value });
        answers = pruneHiddenAnswers(def, { ...answers, [id]: value });
        same(snap().context.answers, answers, 'ANSWER');
        send({ type: 'NEXT' });
      }
      const expected = nextQuestion(def, answers, id);
      if (expected === null) {
        ok(inFlow('saving') || inFlow('result'), 'the last answer did not lead to saving');
        await settle();
        ok(inFlow('result'), 'no result after saving');
        return { ending: { kind: 'completed' }, steps: step, saved };
      }
      same(snap().context.currentQuestion, expected.id, `NEXT from ${id}`);
      same(snap().context.history, [...before.context.history, id], 'history after NEXT');
    }
    throw new Error(`the visit did not end within ${MAX_STEPS} steps`);
  } finally {
    // After the ending, the kiosk must be either on the result or back at a fresh attract screen.
    const s = actor.getSnapshot();
    if (s.matches('attract')) expect(s.context).toMatchObject({ answers: {}, exercises: {}, history: [], currentQuestion: null, startedAt: null });
    actor.stop();
  }
}

describe('random visits through the real machine (fast-check)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('always end in one saved completed session or one saved abandon, and the engine rules hold', async () => {
    const endings = { completed: 0, quit: 0, idle: 0, backedOut: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(fc.noBias(fc.nat({ max: 9999 })), { minLength: DECISIONS, maxLength: DECISIONS }), async (values) => {
        const { ending, steps, saved } = await randomVisit(values);
        expect(steps).toBeLessThanOrEqual(MAX_STEPS);
        for (const record of saved) checkRecord(record);
        if (ending.kind === 'completed') {
          endings.completed++;
          expect(saved.map((s) => [s.status, s.lastStep])).toEqual([['completed', 'result']]);
          // A completed visit answered every question on its own visible path.
          const record = saved[0]!;
          for (const q of visibleQuestions(def, record.answers)) expect(record.answers, q.id).toHaveProperty(q.id);
        } else if (ending.via !== 'backOut') {
          endings[ending.via]++;
          expect(saved.map((s) => [s.status, s.lastStep])).toEqual([['abandoned', ending.lastStep]]);
        } else {
          endings.backedOut++;
          // Backing out of a begun questionnaire is an abandon too; before it began, nothing.
          expect(saved.map((s) => s.status)).toEqual(ending.started ? ['abandoned'] : []);
        }
      }),
      { numRuns: 300 },
    );
    // The generator really explores both endings.
    expect(endings.completed).toBeGreaterThan(50);
    expect(endings.quit + endings.idle + endings.backedOut).toBeGreaterThan(20);
  }, 60_000);
});

describe('the top-level graph (@xstate/graph)', () => {
  const media = (key: string) => ({ audio: key, pictogram: 'star' });
  const option = (code: string) => ({ code, label: `o.${code.toLowerCase()}`, media: media(`o.${code.toLowerCase()}`) });
  /** a, then b only if a = YES, then an exercise. */
  const tiny: Questionnaire = questionnaireSchema.parse({
    id: 'tiny',
    version: '0.0.1',
    sections: [{ id: 'main', title: 'section.main', media: media('section.main') }],
    questions: [
      { id: 'a', section: 'main', label: 'q.a', media: media('q.a'), allowMissing: false, kind: 'single', options: [option('YES'), option('NO')] },
      {
        id: 'b',
        section: 'main',
        label: 'q.b',
        media: media('q.b'),
        allowMissing: false,
        kind: 'single',
        showIf: { op: 'equals', question: 'a', code: 'YES' },
        options: [option('YES'), option('NO')],
      },
      { id: 'e', section: 'main', label: 'q.e', media: media('q.e'), allowMissing: false, kind: 'exercise', exercise: 'tap' },
    ],
  });
  const input: KioskMachineInput = {
    definition: tiny,
    questionnaireHash: '0'.repeat(64),
    enabledLanguages: ['fr', 'en'],
    idleDelayMs: 1_000,
    warningDelayMs: 1_000,
    now: () => 0,
  };
  // Every event the current state handles (the after-delays and the save's done/error
  // included), with concrete payloads for the parameterised ones. @xstate/graph does the
  // same by default but drops its defaults when `events` is given.
  const events = (state: Snapshot) =>
    (__unsafe_getAllOwnEventDescriptors(state) as string[]).flatMap((type): KioskEvent[] => {
      switch (type) {
        case 'ANSWER':
          return [{ type, value: 'YES' }, { type, value: 'NO' }, { type, value: 'MAYBE' }];
        case 'ANSWER_ITEM':
          return [{ type, item: 'ROW', code: 'YES' }];
        case 'CHOOSE_LANGUAGE':
          return [{ type, language: 'en' }, { type, language: 'tr' }];
        case 'EXERCISE_DONE':
          return [{ type, outcome: 'SUCCESS', durationS: 2 }];
        default:
          return [{ type } as KioskEvent];
      }
    });
  const serializeState = (s: Snapshot) => {
    const { answers, currentQuestion, history, completed, startedAt, saveFailed, language } = s.context;
    return JSON.stringify({ value: s.value, answers, currentQuestion, history, completed, started: startedAt !== null, saveFailed, language });
  };
  const options = { input, events, serializeState, limit: 20_000 };

  it('reaches every screen of the visit', () => {
    const paths = getShortestPaths(kioskMachine, options);
    const reached = new Set(paths.map((p) => JSON.stringify(p.state.value)));
    const expectedValues = [
      'attract',
      { language: 'waiting' },
      { language: 'warning' },
      'abandoning',
      'thanks',
      ...['privacy', 'question', 'saving', 'result'].flatMap((flow) => ['active', 'warning'].map((idle) => ({ session: { flow, idle } }))),
    ].map((v) => JSON.stringify(v));
    expect([...reached].sort()).toEqual([...expectedValues].sort());
    // timedOut is a transient router: it is never a resting state.
    expect(reached.has('"timedOut"')).toBe(false);
    const thanks = paths.find((p) => p.state.matches('thanks'))!;
    expect(thanks.steps.map((s) => s.event.type)).toEqual([
      'xstate.init',
      'START',
      'CHOOSE_LANGUAGE',
      'CONTINUE',
      'ANSWER',
      'NEXT',
      'EXERCISE_DONE',
      expect.stringMatching(/^xstate\.done\.actor\./),
      'FINISH',
    ]);
  });

  it('has no dead end, and the privacy reset (attract) is reachable from every state', () => {
    const adjacency = getAdjacencyMap(kioskMachine, options);
    const keys = Object.keys(adjacency);
    expect(keys.length).toBeGreaterThan(30);
    const reverse = new Map<string, Set<string>>(keys.map((k) => [k, new Set()]));
    type Vertex = { transitions: Record<string, { state: Snapshot }> };
    for (const [from, { transitions }] of Object.entries(adjacency) as [string, Vertex][]) {
      const targets = Object.values(transitions).map((t) => serializeState(t.state));
      expect(targets.some((to) => to !== from), `dead end: ${from}`).toBe(true);
      for (const to of targets) reverse.get(to)?.add(from);
    }
    const attract = keys.filter((k) => JSON.parse(k).value === 'attract');
    expect(attract).toHaveLength(1); // attract always holds a fresh context
    const canReset = new Set(attract);
    const queue = [...attract];
    while (queue.length > 0) {
      for (const from of reverse.get(queue.pop()!) ?? []) {
        if (canReset.has(from)) continue;
        canReset.add(from);
        queue.push(from);
      }
    }
    expect(keys.filter((k) => !canReset.has(k))).toEqual([]);
  });
});
