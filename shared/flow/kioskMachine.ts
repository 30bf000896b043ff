/**
 * The citizen's visit as a state machine. Screens are states named as a person would name
 * them (attract, language, privacy, question, result, thanks). The questionnaire itself is
 * not hand-written here: `question` is one state driven by the definition through the
 * engine (next, back, skip logic, progress), so adding a question never touches this file.
 *
 * Privacy: leaving the session for any reason (finished, idle, quit) goes through `attract`,
 * whose entry replaces the whole context with a fresh one. Nothing of the previous person
 * survives, and there is no history to go Back into.
 */
import { and, assign, fromPromise, raise, setup } from 'xstate';
import type { Language } from '../i18n/languages';
import { firstQuestion, isComplete, isItemAnswers, isValidAnswer, nextQuestion, pruneHiddenAnswers, questionById } from '../questionnaire/engine';
import type { AnswerValue, Answers, ExerciseOutcome, ExerciseResult, ItemAnswers, Questionnaire } from '../questionnaire/schema';
import type { SessionRecord } from '../session/record';

export interface KioskMachineInput {
  definition: Questionnaire;
  /** The hash, or how to get it when the first record is made (the kiosk computes it late). */
  questionnaireHash: string | (() => string);
  enabledLanguages: Language[];
  /** Milliseconds without activity before "Vous êtes toujours là ?". */
  idleDelayMs: number;
  /** Milliseconds the warning waits for a tap before the privacy reset. */
  warningDelayMs: number;
  /** Milliseconds the thank-you screen stays before the next person. */
  thanksDelayMs?: number;
  /** Monotonic clock in ms, injectable for tests. */
  now?: () => number;
}

export interface KioskContext {
  input: KioskMachineInput;
  language: Language;
  answers: Record<string, AnswerValue>;
  exercises: Record<string, ExerciseResult>;
  currentQuestion: string | null;
  /** Questions visited before the current one, most recent last: what Back walks. */
  history: string[];
  startedAt: number | null;
  /** Set once the completed visit has been handed to storage. */
  completed: boolean;
  /** Whether the last save failed (full or read-only disk): shown gently, never blocking. */
  saveFailed: boolean;
}

export type KioskEvent =
  | { type: 'START' }
  | { type: 'CHOOSE_LANGUAGE'; language: Language }
  | { type: 'CONTINUE' }
  | { type: 'ANSWER'; value: AnswerValue }
  /** One row of an item-by-item screen: merged into the screen's answer by the machine, so taps in quick succession never overwrite each other. */
  | { type: 'ANSWER_ITEM'; item: string; code: string }
  | { type: 'CLEAR_ANSWER' }
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'EXERCISE_DONE'; outcome: ExerciseOutcome; durationS: number }
  | { type: 'ACTIVITY' }
  /** The kiosk's voice began (`playing: true`) or ended: listening is presence, so the idle clock waits for the end. */
  | { type: 'SPEECH'; playing: boolean }
  | { type: 'STILL_HERE' }
  | { type: 'QUIT' }
  | { type: 'FINISH' };

function freshContext(input: KioskMachineInput): KioskContext {
  return {
    input,
    language: input.enabledLanguages[0] ?? 'fr',
    answers: {},
    exercises: {},
    currentQuestion: null,
    history: [],
    startedAt: null,
    completed: false,
    saveFailed: false,
  };
}

/** The record stored for this visit; the main process adds the day and rounds durations. */
export function sessionRecordOf(context: KioskContext, status: SessionRecord['status']): SessionRecord {
  const { definition, questionnaireHash } = context.input;
  const answers = pruneHiddenAnswers(definition, context.answers);
  const exercises = Object.fromEntries(Object.entries(context.exercises).filter(([id]) => answers[id] !== undefined));
  const now = (context.input.now ?? Date.now)();
  const accompanied = answers['accompanied'] === 'PROFESSIONAL';
  return {
    questionnaire: { id: definition.id, version: definition.version, hash: typeof questionnaireHash === 'function' ? questionnaireHash() : questionnaireHash },
    language: context.language,
    status,
    lastStep: status === 'completed' ? 'result' : (context.currentQuestion ?? 'privacy'),
    answers: answers as SessionRecord['answers'],
    exercises,
    accompanied,
    durationS: context.startedAt === null ? 0 : Math.max(0, (now - context.startedAt) / 1000),
  };
}

/** The current screen's rows with one more row answered ("Je préfère ne pas répondre" before: a fresh start). */
function withItem(answers: Answers, question: string, item: string, code: string): ItemAnswers {
  const current = answers[question];
  return { ...(isItemAnswers(current) ? current : {}), [item]: code };
}

export const kioskMachine = setup({
  types: {
    context: {} as KioskContext,
    events: {} as KioskEvent,
    input: {} as KioskMachineInput,
  },
  actors: {
    // Provided by the renderer (IPC) or by tests; the machine only decides when to save.
    saveSession: fromPromise<unknown, SessionRecord>(async () => {
      throw new Error('saveSession actor not provided');
    }),
  },
  delays: {
    idleDelay: ({ context }) => context.input.idleDelayMs,
    warningDelay: ({ context }) => context.input.warningDelayMs,
    thanksDelay: ({ context }) => context.input.thanksDelayMs ?? 15_000,
  },
  guards: {
    languageEnabled: ({ context, event }) => event.type === 'CHOOSE_LANGUAGE' && context.input.enabledLanguages.includes(event.language),
    answerIsValid: ({ context, event }) =>
      event.type === 'ANSWER' &&
      context.currentQuestion !== null &&
      questionById(context.input.definition, context.currentQuestion).kind !== 'exercise' &&
      isValidAnswer(questionById(context.input.definition, context.currentQuestion), event.value),
    // An item-by-item screen needs every row (each has "Je ne sais pas"): see the engine's isComplete.
    itemAnswerIsValid: ({ context, event }) => {
      if (event.type !== 'ANSWER_ITEM' || context.currentQuestion === null) return false;
      const question = questionById(context.input.definition, context.currentQuestion);
      return question.kind === 'items' && isValidAnswer(question, withItem(context.answers, question.id, event.item, event.code));
    },
    currentIsAnswered: ({ context }) =>
      context.currentQuestion !== null && isComplete(questionById(context.input.definition, context.currentQuestion), context.answers[context.currentQuestion]),
    onExercise: ({ context }) =>
      context.currentQuestion !== null && questionById(context.input.definition, context.currentQuestion).kind === 'exercise',
    isLastQuestion: ({ context }) =>
      context.currentQuestion !== null && nextQuestion(context.input.definition, context.answers, context.currentQuestion) === null,
    hasHistory: ({ context }) => context.history.length > 0,
    speechStarted: ({ event }) => event.type === 'SPEECH' && event.playing,
    speechEnded: ({ event }) => event.type === 'SPEECH' && !event.playing,
    // A visit is recorded as abandoned once the questionnaire has begun and until it is saved
    // as completed; someone who only touched "Commencer" is not counted.
    leftUnfinished: ({ context }) => context.startedAt !== null && !context.completed,
  },
  actions: {
    resetEverything: assign(({ context }) => freshContext(context.input)),
    // The thank-you screen still speaks the person's language, but holds nothing else of them.
    forgetPerson: assign(({ context }) => ({ ...freshContext(context.input), language: context.language })),
    chooseLanguage: assign({
      language: ({ context, event }) => (event.type === 'CHOOSE_LANGUAGE' ? event.language : context.language),
    }),
    startQuestionnaire: assign(({ context }) => ({
      currentQuestion: firstQuestion(context.input.definition).id,
      history: [],
      // Coming back from the privacy notice continues the same visit (its answers are kept):
      // its duration still counts from the first start.
      startedAt: context.startedAt ?? (context.input.now ?? Date.now)(),
    })),
    recordAnswer: assign(({ context, event }) => {
      if (event.type !== 'ANSWER' || context.currentQuestion === null) return {};
      // Pruning right away means an answer hidden by a changed branch is gone at once,
      // not merely ignored later.
      const answers = pruneHiddenAnswers(context.input.definition, { ...context.answers, [context.currentQuestion]: event.value });
      return { answers: { ...answers } as Record<string, AnswerValue> };
    }),
    recordItemAnswer: assign(({ context, event }) => {
      if (event.type !== 'ANSWER_ITEM' || context.currentQuestion === null) return {};
      const id = context.currentQuestion;
      return { answers: { ...context.answers, [id]: withItem(context.answers, id, event.item, event.code) } };
    }),
    clearAnswer: assign(({ context }) => {
      if (context.currentQuestion === null) return {};
      const { [context.currentQuestion]: _cleared, ...rest } = context.answers;
      return { answers: pruneHiddenAnswers(context.input.definition, rest) as Record<string, AnswerValue> };
    }),
    recordExercise: assign(({ context, event }) => {
      if (event.type !== 'EXERCISE_DONE' || context.currentQuestion === null) return {};
      const id = context.currentQuestion;
      return {
        answers: { ...context.answers, [id]: event.outcome },
        exercises: { ...context.exercises, [id]: { outcome: event.outcome, durationS: Math.max(0, Math.round(event.durationS)) } },
      };
    }),
    goToNextQuestion: assign(({ context }) => {
      const current = context.currentQuestion;
      if (current === null) return {};
      const next = nextQuestion(context.input.definition, context.answers, current);
      return next ? { currentQuestion: next.id, history: [...context.history, current] } : {};
    }),
    goToPreviousQuestion: assign(({ context }) => ({
      currentQuestion: context.history.at(-1) ?? context.currentQuestion,
      history: context.history.slice(0, -1),
    })),
    markSaveFailed: assign({ saveFailed: true }),
    markCompleted: assign({ completed: true }),
  },
}).createMachine({
  id: 'kiosk',
  context: ({ input }) => freshContext(input),
  initial: 'attract',
  states: {
    attract: {
      entry: 'resetEverything',
      on: { START: 'language' },
    },
    language: {
      initial: 'waiting',
      states: {
        // Leaving goes through timedOut, which records a visit that had begun (someone who
        // answered, then walked Back to this screen) as abandoned, as the idle reset does.
        waiting: {
          after: { idleDelay: 'warning' },
          on: { SPEECH: { guard: 'speechStarted', target: 'listening' } },
        },
        // Someone listening to the language names is there: no clock until the voice ends.
        listening: {
          on: { SPEECH: { guard: 'speechEnded', target: 'waiting' }, ACTIVITY: {} },
        },
        // "Vous êtes toujours là ?" here too, as on every other screen: the same delays as the
        // privacy screen promises, and a person choosing slowly is asked before being sent away.
        warning: {
          after: { warningDelay: '#kiosk.timedOut' },
          on: { STILL_HERE: 'waiting', ACTIVITY: {} },
        },
      },
      on: {
        CHOOSE_LANGUAGE: { guard: 'languageEnabled', actions: 'chooseLanguage', target: 'session' },
        BACK: 'timedOut',
        ACTIVITY: { target: '.waiting', reenter: true },
      },
    },
    // Everything from the privacy notice to the result, watched by the idle timer.
    session: {
      type: 'parallel',
      states: {
        flow: {
          initial: 'privacy',
          states: {
            privacy: {
              on: {
                CONTINUE: { target: 'question', actions: 'startQuestionnaire' },
                BACK: '#kiosk.language',
                QUIT: '#kiosk.timedOut',
              },
            },
            question: {
              on: {
                ANSWER: { guard: 'answerIsValid', actions: 'recordAnswer' },
                ANSWER_ITEM: { guard: 'itemAnswerIsValid', actions: 'recordItemAnswer' },
                CLEAR_ANSWER: { actions: 'clearAnswer' },
                // An exercise ends by itself (done, failed or skipped) and moves on.
                EXERCISE_DONE: { guard: 'onExercise', actions: ['recordExercise', raise({ type: 'NEXT' })] },
                NEXT: [
                  { guard: and(['currentIsAnswered', 'isLastQuestion']), target: 'saving' },
                  { guard: 'currentIsAnswered', actions: 'goToNextQuestion' },
                ],
                BACK: [{ guard: 'hasHistory', actions: 'goToPreviousQuestion' }, { target: 'privacy' }],
                QUIT: '#kiosk.abandoning',
              },
            },
            saving: {
              entry: 'markCompleted',
              invoke: {
                src: 'saveSession',
                input: ({ context }) => sessionRecordOf(context, 'completed'),
                onDone: 'result',
                onError: { target: 'result', actions: 'markSaveFailed' },
              },
            },
            result: {
              on: { FINISH: '#kiosk.thanks' },
            },
          },
        },
        idle: {
          initial: 'active',
          states: {
            active: {
              after: { idleDelay: 'warning' },
              on: { ACTIVITY: { target: 'active', reenter: true }, SPEECH: { guard: 'speechStarted', target: 'listening' } },
            },
            // Listening is presence (a long list read aloud takes longer than the idle delay):
            // the idle clock starts again, from zero, when the voice ends.
            listening: {
              on: { SPEECH: { guard: 'speechEnded', target: 'active' } },
            },
            warning: {
              after: { warningDelay: '#kiosk.timedOut' },
              on: { STILL_HERE: 'active' },
            },
          },
        },
      },
    },
    timedOut: {
      always: [{ guard: 'leftUnfinished', target: 'abandoning' }, { target: 'attract' }],
    },
    abandoning: {
      invoke: {
        src: 'saveSession',
        input: ({ context }) => sessionRecordOf(context, 'abandoned'),
        onDone: 'attract',
        onError: 'attract',
      },
    },
    thanks: {
      entry: 'forgetPerson',
      after: { thanksDelay: 'attract' },
      // "Recommencer" is for the next person: start them from a blank slate, default language.
      on: { START: { target: 'language', actions: 'resetEverything' } },
    },
  },
});
