/**
 * `reperes simulate`: fills a kiosk database with simulated visits so that dashboards,
 * exports and load tests have realistic data to work on.
 *
 * Nothing here shortcuts the kiosk. Each visitor walks the REAL visit machine
 * (`kioskMachine`, with its skip logic, guards and privacy reset between people) and each
 * visit is stored by the REAL session repository (`SessionRepository.save`: hidden answers
 * pruned, scores and next steps re-derived, day coarsened, duration rounded). The simulator
 * only decides what a person would tap: it answers whatever question the machine shows, from
 * an answer profile drawn for that person, does the exercises through EXERCISE_DONE and, for
 * a share of visits, gives up with QUIT.
 *
 * Randomness comes from `pure-rand` (Mersenne Twister seeded with `seed`), so a seed fully
 * determines the stored rows, given the same `until` day and `months`.
 *
 * ## Answer model (documented probabilities; `ANSWER_MODEL` holds every number)
 *
 * 1. True age band of a visitor (INSEE bands; kiosk visitors of centres sociaux lean older
 *    than the population): 15–24 12 %, 25–39 22 %, 40–59 28 %, 60–74 23 %, 75+ 15 %.
 *    2 % refuse to say (REF) — their behaviour still follows their true age.
 * 2. No internet use in the last 3 months, by age (orders of magnitude of INSEE 2021, where
 *    non-use dominates illectronisme at 75+): 15–24 1 %, 25–39 2 %, 40–59 6 %, 60–74 15 %,
 *    75+ 50 %. These people are "offline": `internetUse` = NOT_IN_3_MONTHS, and they answer
 *    `everUsedInternet` YES_BEFORE 40 % / NEVER 55 % / DK 5 %.
 * 3. Internet users get a usage tier, by age:
 *
 *    | age   | occasional | regular | advanced |
 *    |-------|-----------:|--------:|---------:|
 *    | 15–24 | 10 % | 50 % | 40 % |
 *    | 25–39 | 12 % | 53 % | 35 % |
 *    | 40–59 | 20 % | 55 % | 25 % |
 *    | 60–74 | 35 % | 50 % | 15 % |
 *    | 75+   | 55 % | 40 % |  5 % |
 *
 *    1 % of users answer "je ne sais pas" to `internetUse` (still assessed on their
 *    activities, as the DSI gate does); the others give a frequency by tier (occasional
 *    every day 35 % / every week 40 % / less often 25 %; regular 80/17/3; advanced 97/3/0).
 * 4. Activities (the DSI questions): each activity of an area is ticked independently with
 *    probability min(0.95, base × factor), base as in `activityBase` (a "regular" user;
 *    e.g. e-mail 0.75, news 0.55, word processing 0.35, programming 0.04) and factor
 *    occasional 0.3, regular 1, advanced 1.5. So the number of activities per area is a sum of
 *    Bernoulli draws (Poisson-binomial) that varies by area and tier. Nothing ticked → "NONE".
 *    Each activity question is answered DK instead with probability 2 % (counts 0).
 * 5. Autonomy tasks, per group (offline or tier), each task independently:
 *    offline ALONE 15 % / WITH_HELP 30 % / CANNOT 50 % / DK 5 %; occasional 40/40/17/3;
 *    regular 75/20/4/1; advanced 93/6/1/0. For the harder tasks (password, procedure,
 *    appointment) a quarter of ALONE moves to WITH_HELP.
 * 6. Equipment (YES): smartphone offline 45 % / occasional 85 / regular 95 / advanced 99;
 *    computer 15/40/65/85; home internet 30/75/90/97.
 * 7. Exercises: accepted (exercisesIntro YES) offline 30 % / 45 / 55 / 60; each exercise
 *    skipped 10 %, otherwise succeeded with offline 45 % / 65 / 85 / 95 (× 0.8 for spotting a
 *    fraudulent message or a secure site); 5–60 s each (2–8 s when skipped).
 * 8. Needs: `wantsToLearn` and `barriers` tick each option independently with a base
 *    probability × a group factor (learn: 1 / 0.8 / 0.45 / 0.2; barriers: 1.2 / 0.9 / 0.5 /
 *    0.25), "nothing"/"none" when nothing is ticked, DK 2 % (REF 2 % for barriers);
 *    `procedureSoon` YES 35 % / NO 60 % / DK 5 %.
 * 9. Profile: commune weighted by population (8 % live outside the agglomeration);
 *    accompanied by a professional offline 50 % / occasional 33 % / others 15 %, by a relative
 *    20 / 12 / 5 %, alone otherwise; language French 82 %, FALC 5 %, Arabic 4 %, English 3 %,
 *    Ukrainian 3 %, Turkish 2 %, Dari 1 %, among the languages the kiosk enables.
 * 10. Time: 4–20 s per question (× 1.6 offline, 1.4 occasional, 1 regular, 0.8 advanced),
 *    plus the exercise durations.
 * 11. Abandonment: independently of the answers, a share `abandonRate` (default 0.15) of
 *    visitors taps "Quitter" on a question drawn uniformly along the path their answers open
 *    (possibly the first one, before answering anything).
 * 12. Days: spread uniformly over the days the kiosk opens (Monday to Saturday) of the
 *    `months` months (default 12) ending on `until` (default today, local time), in
 *    chronological order of the rows.
 */
import { performance } from 'node:perf_hooks';
import { mersenne } from 'pure-rand/generator/mersenne';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { SimulatedClock, createActor, fromPromise, waitFor } from 'xstate';
import { kioskMachine } from '../../shared/flow/kioskMachine';
import type { Language } from '../../shared/i18n/languages';
import communes from '../../shared/questionnaire/communes.generated.json';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import { AUTONOMY_TASKS } from '../../shared/questionnaire/definition';
import { questionById, visibleQuestions } from '../../shared/questionnaire/engine';
import type { AnswerValue, ExerciseOutcome, ExerciseResult, Question } from '../../shared/questionnaire/schema';
import type { SessionRecord } from '../../shared/session/record';
import { coarseDay } from '../../shared/session/record';
import { openDatabase } from '../services/database';
import { createSessionRepository } from '../services/sessions';
import { createSettingsStore, settingsSchema } from '../services/settings';

export const AGE_BANDS = ['A15_24', 'A25_39', 'A40_59', 'A60_74', 'A75_PLUS'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const TIERS = ['occasional', 'regular', 'advanced'] as const;
export type Tier = (typeof TIERS)[number];
/** A visitor's usage group: no internet use in 3 months, or an internet user's tier. */
export type Group = 'offline' | Tier;

type Weights = Readonly<Record<string, number>>;
type ByGroup<T> = Readonly<Record<Group, T>>;

/** Every probability of the answer model described in the header. */
export const ANSWER_MODEL = {
  ageBand: { A15_24: 0.12, A25_39: 0.22, A40_59: 0.28, A60_74: 0.23, A75_PLUS: 0.15 } satisfies Record<AgeBand, number>,
  ageRefused: 0.02,
  noInternet: { A15_24: 0.01, A25_39: 0.02, A40_59: 0.06, A60_74: 0.15, A75_PLUS: 0.5 } satisfies Record<AgeBand, number>,
  everUsedInternet: { YES_BEFORE: 0.4, NEVER: 0.55, DK: 0.05 },
  tier: {
    A15_24: { occasional: 0.1, regular: 0.5, advanced: 0.4 },
    A25_39: { occasional: 0.12, regular: 0.53, advanced: 0.35 },
    A40_59: { occasional: 0.2, regular: 0.55, advanced: 0.25 },
    A60_74: { occasional: 0.35, regular: 0.5, advanced: 0.15 },
    A75_PLUS: { occasional: 0.55, regular: 0.4, advanced: 0.05 },
  } satisfies Record<AgeBand, Record<Tier, number>>,
  gateDontKnow: 0.01,
  frequency: {
    occasional: { EVERY_DAY: 0.35, EVERY_WEEK: 0.4, LESS_OFTEN: 0.25 },
    regular: { EVERY_DAY: 0.8, EVERY_WEEK: 0.17, LESS_OFTEN: 0.03 },
    advanced: { EVERY_DAY: 0.97, EVERY_WEEK: 0.03, LESS_OFTEN: 0 },
  } satisfies Record<Tier, Weights>,
  /** Probability that a "regular" internet user did each activity (last 3 months; purchases 12). */
  activityBase: {
    actInformation: { GOODS_INFO: 0.6, HEALTH_INFO: 0.5, NEWS: 0.55, CHECKED_TRUE: 0.25 },
    actCommunication: { EMAIL: 0.75, CALLS: 0.55, MESSAGING: 0.7, SOCIAL_NETWORKS: 0.55, OPINIONS: 0.1, CONSULTATION_VOTE: 0.08 },
    actContent: {
      WORD_PROCESSING: 0.35,
      SPREADSHEET: 0.2,
      EDIT_MEDIA: 0.3,
      COPY_FILES: 0.35,
      COMBINED_DOCUMENT: 0.15,
      SPREADSHEET_ADVANCED: 0.07,
      PROGRAMMING: 0.04,
    },
    actSafety: {
      READ_PRIVACY_POLICY: 0.25,
      LIMIT_LOCATION: 0.4,
      LIMIT_PROFILE: 0.3,
      REFUSE_ADS_DATA: 0.4,
      CHECK_SECURE_SITE: 0.3,
      COOKIE_SETTINGS: 0.25,
    },
    actProblemSolving: {
      INSTALL_APPS: 0.45,
      CHANGE_SETTINGS: 0.35,
      BUY_ONLINE: 0.6,
      SELL_ONLINE: 0.15,
      LEARN_ONLINE: 0.15,
      BANKING: 0.55,
      JOB_SEARCH: 0.12,
    },
  } satisfies Record<string, Weights>,
  activityFactor: { occasional: 0.3, regular: 1, advanced: 1.5 } satisfies Record<Tier, number>,
  activityCap: 0.95,
  activityDontKnow: 0.02,
  autonomy: {
    offline: { ALONE: 0.15, WITH_HELP: 0.3, CANNOT: 0.5, DK: 0.05 },
    occasional: { ALONE: 0.4, WITH_HELP: 0.4, CANNOT: 0.17, DK: 0.03 },
    regular: { ALONE: 0.75, WITH_HELP: 0.2, CANNOT: 0.04, DK: 0.01 },
    advanced: { ALONE: 0.93, WITH_HELP: 0.06, CANNOT: 0.01, DK: 0 },
  } satisfies ByGroup<Weights>,
  hardTasks: ['taskPassword', 'taskProcedure', 'taskAppointment'] as readonly string[],
  hardTaskAloneMovedToHelp: 0.25,
  equipment: {
    smartphone: { offline: 0.45, occasional: 0.85, regular: 0.95, advanced: 0.99 },
    computer: { offline: 0.15, occasional: 0.4, regular: 0.65, advanced: 0.85 },
    homeInternet: { offline: 0.3, occasional: 0.75, regular: 0.9, advanced: 0.97 },
  } satisfies Record<string, ByGroup<number>>,
  exercisesAccepted: { offline: 0.3, occasional: 0.45, regular: 0.55, advanced: 0.6 } satisfies ByGroup<number>,
  exerciseSkipped: 0.1,
  exerciseSuccess: { offline: 0.45, occasional: 0.65, regular: 0.85, advanced: 0.95 } satisfies ByGroup<number>,
  hardExercises: ['exPhishing', 'exSecureSite'] as readonly string[],
  hardExerciseFactor: 0.8,
  wantsToLearnBase: {
    DEVICE_BASICS: 0.45,
    EMAIL: 0.3,
    VIDEO_CALLS: 0.3,
    PROCEDURES: 0.4,
    APPOINTMENTS: 0.25,
    SAFETY: 0.2,
    PHOTOS: 0.2,
    JOB_SEARCH: 0.08,
  } satisfies Weights,
  wantsToLearnFactor: { offline: 1, occasional: 0.8, regular: 0.45, advanced: 0.2 } satisfies ByGroup<number>,
  wantsToLearnDontKnow: 0.02,
  barriersBase: {
    EQUIPMENT: 0.2,
    COST: 0.2,
    LANGUAGE: 0.06,
    DISABILITY: 0.06,
    FEAR_FRAUD: 0.3,
    FEAR_BREAKING: 0.25,
    TIME: 0.15,
    NOBODY_TO_ASK: 0.2,
  } satisfies Weights,
  barriersFactor: { offline: 1.2, occasional: 0.9, regular: 0.5, advanced: 0.25 } satisfies ByGroup<number>,
  barriersRefused: 0.02,
  procedureSoon: { YES: 0.35, NO: 0.6, DK: 0.05 },
  outsideAgglomeration: 0.08,
  accompanied: {
    offline: { ALONE: 0.3, PROFESSIONAL: 0.5, RELATIVE: 0.2 },
    occasional: { ALONE: 0.55, PROFESSIONAL: 0.33, RELATIVE: 0.12 },
    regular: { ALONE: 0.8, PROFESSIONAL: 0.15, RELATIVE: 0.05 },
    advanced: { ALONE: 0.8, PROFESSIONAL: 0.15, RELATIVE: 0.05 },
  } satisfies ByGroup<Weights>,
  language: { fr: 0.82, 'fr-x-falc': 0.05, ar: 0.04, en: 0.03, uk: 0.03, tr: 0.02, 'fa-AF': 0.01 } satisfies Record<Language, number>,
  thinkSeconds: { min: 4, max: 20 },
  pace: { offline: 1.6, occasional: 1.4, regular: 1, advanced: 0.8 } satisfies ByGroup<number>,
  exerciseSeconds: { min: 5, max: 60 },
  skippedExerciseSeconds: { min: 2, max: 8 },
  defaultAbandonRate: 0.15,
  defaultMonths: 12,
} as const;

export const DSI_AREA_QUESTION_IDS = ['actInformation', 'actCommunication', 'actContent', 'actSafety', 'actProblemSolving'] as const;

/** Probability that a user of `tier` did `code` of the area question `question`. */
export function activityProbability(question: keyof typeof ANSWER_MODEL.activityBase, code: string, tier: Tier): number {
  const base = (ANSWER_MODEL.activityBase[question] as Weights)[code] ?? 0;
  return Math.min(ANSWER_MODEL.activityCap, base * ANSWER_MODEL.activityFactor[tier]);
}

// ---------------------------------------------------------------------------------------
// Drawing a visitor

export class Draw {
  constructor(private readonly rng: RandomGenerator) {}
  chance(p: number): boolean {
    return uniformFloat64(this.rng) < p;
  }
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }
  /** One key of `weights`, with probability proportional to its weight. */
  pick<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as [K, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let u = uniformFloat64(this.rng) * total;
    for (const [key, w] of entries) {
      if (u < w) return key;
      u -= w;
    }
    // Rounding can leave u a hair above the last bucket: the last positive weight takes it.
    const last = entries.filter(([, w]) => w > 0).at(-1);
    if (!last) throw new Error('cannot draw from empty weights');
    return last[0];
  }
}

export interface Visitor {
  ageBand: AgeBand;
  group: Group;
  language: Language;
  /** What the person would answer to every question, shown or not; the machine decides. */
  answers: Record<string, AnswerValue>;
  exercises: Record<string, ExerciseResult>;
  pace: number;
}

const COMMUNE_WEIGHTS: Record<string, number> = Object.fromEntries(communes.map((c) => [`C${c.code}`, c.population]));

function optionCodes(question: Question): string[] {
  return question.kind === 'exercise' ? [] : question.options.filter((o) => !o.exclusive).map((o) => o.code);
}

function noneCode(question: Question): string {
  const none = question.kind === 'exercise' ? undefined : question.options.find((o) => o.exclusive);
  if (!none) throw new Error(`${question.id} has no "none of these" option`);
  return none.code;
}

/** Ticks each option independently with probability `p(code)`; none ticked → "none". */
function tickEach(draw: Draw, question: Question, p: (code: string) => number): string[] {
  const ticked = optionCodes(question).filter((code) => draw.chance(p(code)));
  return ticked.length > 0 ? ticked : [noneCode(question)];
}

export function drawVisitor(draw: Draw, languages: readonly Language[]): Visitor {
  const m = ANSWER_MODEL;
  const def = currentQuestionnaire.definition;
  const q = (id: string) => questionById(def, id);
  const answers: Record<string, AnswerValue> = {};
  const exercises: Record<string, ExerciseResult> = {};

  const languageWeights = Object.fromEntries(languages.map((l) => [l, m.language[l]])) as Record<Language, number>;
  const language = draw.pick(languageWeights);

  const ageBand = draw.pick(m.ageBand);
  answers['ageBand'] = draw.chance(m.ageRefused) ? 'REF' : ageBand;
  const group: Group = draw.chance(m.noInternet[ageBand]) ? 'offline' : draw.pick(m.tier[ageBand]);

  answers['commune'] = draw.chance(m.outsideAgglomeration) ? 'OUTSIDE' : draw.pick(COMMUNE_WEIGHTS);
  answers['accompanied'] = draw.pick(m.accompanied[group]);
  for (const item of ['smartphone', 'computer', 'homeInternet'] as const) {
    answers[item] = draw.chance(m.equipment[item][group]) ? 'YES' : 'NO';
  }

  if (group === 'offline') {
    answers['internetUse'] = 'NOT_IN_3_MONTHS';
    answers['everUsedInternet'] = draw.pick(m.everUsedInternet);
  } else {
    answers['internetUse'] = draw.chance(m.gateDontKnow) ? 'DK' : draw.pick(m.frequency[group]);
    for (const id of DSI_AREA_QUESTION_IDS) {
      answers[id] = draw.chance(m.activityDontKnow) ? 'DK' : tickEach(draw, q(id), (code) => activityProbability(id, code, group));
    }
  }

  for (const task of AUTONOMY_TASKS) {
    const weights: Record<string, number> = { ...m.autonomy[group] };
    if (m.hardTasks.includes(task)) {
      const moved = (weights['ALONE'] ?? 0) * m.hardTaskAloneMovedToHelp;
      weights['ALONE'] = (weights['ALONE'] ?? 0) - moved;
      weights['WITH_HELP'] = (weights['WITH_HELP'] ?? 0) + moved;
    }
    answers[task] = draw.pick(weights);
  }

  const accepts = draw.chance(m.exercisesAccepted[group]);
  answers['exercisesIntro'] = accepts ? 'YES' : 'NO';
  for (const question of def.questions) {
    if (question.kind !== 'exercise') continue;
    let outcome: ExerciseOutcome;
    let durationS: number;
    if (draw.chance(m.exerciseSkipped)) {
      outcome = 'SKIPPED';
      durationS = draw.int(m.skippedExerciseSeconds.min, m.skippedExerciseSeconds.max);
    } else {
      const factor = m.hardExercises.includes(question.id) ? m.hardExerciseFactor : 1;
      outcome = draw.chance(m.exerciseSuccess[group] * factor) ? 'SUCCESS' : 'FAILURE';
      durationS = draw.int(m.exerciseSeconds.min, m.exerciseSeconds.max);
    }
    exercises[question.id] = { outcome, durationS };
  }

  answers['wantsToLearn'] = draw.chance(m.wantsToLearnDontKnow)
    ? 'DK'
    : tickEach(draw, q('wantsToLearn'), (code) => Math.min(0.95, ((m.wantsToLearnBase as Weights)[code] ?? 0) * m.wantsToLearnFactor[group]));
  answers['barriers'] = draw.chance(m.barriersRefused)
    ? 'REF'
    : tickEach(draw, q('barriers'), (code) => Math.min(0.95, ((m.barriersBase as Weights)[code] ?? 0) * m.barriersFactor[group]));
  answers['procedureSoon'] = draw.pick(m.procedureSoon);

  return { ageBand, group, language, answers, exercises, pace: m.pace[group] };
}

// ---------------------------------------------------------------------------------------
// Calendar

/** Local noon of every day the kiosk opens (Monday–Saturday) in the `months` months ending on `until`. */
export function openDays(until: Date, months: number): Date[] {
  const days: Date[] = [];
  // Noon keeps day arithmetic clear of daylight-saving changes.
  const day = new Date(until.getFullYear(), until.getMonth() - months, until.getDate() + 1, 12);
  const last = new Date(until.getFullYear(), until.getMonth(), until.getDate(), 12);
  while (day.getTime() <= last.getTime()) {
    if (day.getDay() !== 0) days.push(new Date(day));
    day.setDate(day.getDate() + 1);
  }
  return days;
}

// ---------------------------------------------------------------------------------------
// Running visits through the kiosk

export interface SimulateOptions {
  /** Database file (created, or migrated and appended to). */
  db: string;
  sessions: number;
  seed: number;
  /** Site code stored in the kiosk settings (e.g. "LABO"). */
  site?: string | undefined;
  /** Share of visitors who quit before the end (default 0.15). */
  abandonRate?: number | undefined;
  /** Last day of the simulated period (default: today, local time). */
  until?: Date | undefined;
  /** Length of the simulated period in months (default 12). */
  months?: number | undefined;
  /** Visits per transaction (default 500). */
  batchSize?: number | undefined;
}

export interface SimulationSummary {
  completed: number;
  abandoned: number;
  firstDay: string | null;
  lastDay: string | null;
  elapsedMs: number;
}

/** Invalid options (reported as a usage error by the command line). */
export class SimulationOptionError extends Error {}

function checkOptions(o: SimulateOptions): void {
  if (!Number.isSafeInteger(o.sessions) || o.sessions < 0) throw new SimulationOptionError('--sessions must be a whole number ≥ 0');
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new SimulationOptionError('--seed must be a whole number between 0 and 4294967295');
  const rate = o.abandonRate ?? ANSWER_MODEL.defaultAbandonRate;
  if (!(rate >= 0 && rate <= 1)) throw new SimulationOptionError('--abandon-rate must be a number between 0 and 1');
  const months = o.months ?? ANSWER_MODEL.defaultMonths;
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new SimulationOptionError('--months must be a whole number between 1 and 120');
  if (o.until !== undefined && Number.isNaN(o.until.getTime())) throw new SimulationOptionError('--until must be a date (YYYY-MM-DD)');
  if (o.site !== undefined && (o.site === '' || !settingsSchema.shape.siteCode.safeParse(o.site).success)) {
    throw new SimulationOptionError('--site must be 1 to 16 capital letters, digits or hyphens (e.g. LABO)');
  }
  const batch = o.batchSize ?? 500;
  if (!Number.isInteger(batch) || batch < 1) throw new SimulationOptionError('batchSize must be a whole number ≥ 1');
}

export async function simulate(options: SimulateOptions): Promise<SimulationSummary> {
  checkOptions(options);
  const started = performance.now();
  const abandonRate = options.abandonRate ?? ANSWER_MODEL.defaultAbandonRate;
  const batchSize = options.batchSize ?? 500;
  const definition = currentQuestionnaire.definition;

  const db = openDatabase(options.db);
  try {
    const settingsStore = createSettingsStore(db);
    if (options.site !== undefined) settingsStore.update({ siteCode: options.site });
    const settings = settingsStore.get();
    // Settings do not change during a run: read the directory once instead of per visit.
    const directory = settings.directory;
    const repository = createSessionRepository(db, definition, () => directory);

    // Two streams: the calendar does not shift the visitors' answers, and vice versa.
    const draw = new Draw(mersenne(options.seed | 0));
    const calendarDraw = new Draw(mersenne((options.seed ^ 0x5bd1e995) | 0));
    const days = openDays(options.until ?? new Date(), options.months ?? ANSWER_MODEL.defaultMonths);
    const dayIndexes = Array.from({ length: options.sessions }, () => calendarDraw.int(0, days.length - 1)).sort((a, b) => a - b);

    // The visit clock (durations) is advanced by the simulated person; the machine's timers
    // run on a simulated clock that never moves, so no idle timeout ever fires.
    let nowMs = 0;
    let when = new Date();
    let saveError: unknown = null;
    const machine = kioskMachine.provide({
      actors: {
        saveSession: fromPromise<unknown, SessionRecord>(async ({ input }) => {
          try {
            return repository.save(input, when);
          } catch (error) {
            saveError = error;
            throw error;
          }
        }),
      },
    });
    const actor = createActor(machine, {
      clock: new SimulatedClock(),
      input: {
        definition,
        questionnaireHash: currentQuestionnaire.hash,
        enabledLanguages: settings.enabledLanguages,
        idleDelayMs: settings.idleDelayS * 1000,
        warningDelayMs: settings.warningDelayS * 1000,
        now: () => nowMs,
      },
    });
    actor.start();

    const think = (visitor: Visitor) => {
      nowMs += Math.round(draw.int(ANSWER_MODEL.thinkSeconds.min, ANSWER_MODEL.thinkSeconds.max) * visitor.pace * 1000);
    };

    const visit = async (visitor: Visitor, quitAt: number | null): Promise<'completed' | 'abandoned'> => {
      actor.send({ type: 'START' });
      actor.send({ type: 'CHOOSE_LANGUAGE', language: visitor.language });
      actor.send({ type: 'CONTINUE' });
      for (let step = 0; ; step++) {
        const snapshot = actor.getSnapshot();
        if (!snapshot.matches({ session: { flow: 'question' } })) break;
        const id = snapshot.context.currentQuestion;
        if (id === null) throw new Error('the kiosk shows a question without an id');
        think(visitor);
        if (quitAt === step) {
          actor.send({ type: 'QUIT' });
          await waitFor(actor, (s) => s.matches('attract'));
          return 'abandoned';
        }
        const question = questionById(definition, id);
        if (question.kind === 'exercise') {
          const result = visitor.exercises[id];
          if (!result) throw new Error(`no simulated outcome for exercise ${id}`);
          nowMs += result.durationS * 1000;
          actor.send({ type: 'EXERCISE_DONE', outcome: result.outcome, durationS: result.durationS });
        } else {
          const value = visitor.answers[id];
          if (value === undefined) throw new Error(`no simulated answer for ${id}`);
          actor.send({ type: 'ANSWER', value });
          actor.send({ type: 'NEXT' });
        }
        const after = actor.getSnapshot();
        if (after.matches({ session: { flow: 'question' } }) && after.context.currentQuestion === id) {
          throw new Error(`the kiosk did not accept the simulated answer to ${id}`);
        }
      }
      await waitFor(actor, (s) => s.matches({ session: { flow: 'result' } }));
      if (actor.getSnapshot().context.saveFailed) throw saveError ?? new Error('the kiosk could not save a visit');
      actor.send({ type: 'FINISH' });
      return 'completed';
    };

    const summary: SimulationSummary = { completed: 0, abandoned: 0, firstDay: null, lastDay: null, elapsedMs: 0 };
    // better-sqlite3's db.transaction() only wraps synchronous functions, and the kiosk saves
    // through an async actor: batches are therefore explicit BEGIN/COMMIT around visits.
    // One commit per visit would cost one fsync each (synchronous = FULL).
    try {
      for (let i = 0; i < options.sessions; i++) {
        if (i % batchSize === 0) db.exec('BEGIN IMMEDIATE');
        const day = days[dayIndexes[i] ?? 0];
        if (!day) throw new Error('no open day in the simulated period');
        when = day;
        const visitor = drawVisitor(draw, settings.enabledLanguages);
        let quitAt: number | null = null;
        if (draw.chance(abandonRate)) {
          const pathLength = visibleQuestions(definition, visitor.answers).length;
          quitAt = draw.int(0, pathLength - 1);
        }
        nowMs = 0;
        const outcome = await visit(visitor, quitAt);
        if (saveError !== null) throw saveError;
        summary[outcome] += 1;
        summary.firstDay ??= coarseDay(day);
        summary.lastDay = coarseDay(day);
        if (i % batchSize === batchSize - 1 || i === options.sessions - 1) db.exec('COMMIT');
      }
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    } finally {
      actor.stop();
    }
    summary.elapsedMs = performance.now() - started;
    return summary;
  } finally {
    db.close();
  }
}

export function formatSummary(summary: SimulationSummary, file: string): string {
  const total = summary.completed + summary.abandoned;
  const period = summary.firstDay ? `, days ${summary.firstDay} to ${summary.lastDay}` : '';
  return `Simulated ${total} sessions into ${file}: ${summary.completed} completed, ${summary.abandoned} abandoned${period}, in ${(summary.elapsedMs / 1000).toFixed(1)} s.`;
}
