/**
 * The simulated population behind `reperes simulate`: who comes to the kiosk and what each
 * person would answer. Pure (no storage, no kiosk machine): electron/cli/simulate.ts walks the
 * real machine with these answers and stores the visits; tests and the calibration read the
 * model directly.
 *
 * ## The model (every number is in `POPULATION_MODEL`)
 *
 * One **latent digital skill** θ per person, drawn by age band: θ ~ Normal(μ_age, 1). Every
 * answer follows from θ through item-response curves, so answers hang together as they do in
 * people (someone who uses advanced spreadsheet functions uses a spreadsheet; someone who
 * changes cookie settings is likely to limit their location too) instead of being
 * independent coin flips:
 *
 * - **Internet use** in the last 3 months: P = logistic(a_use (θ − b_use)).
 * - **Activities** (the DSI items), for users: item i is done with P = logistic(a (θ − b_i)),
 *   difficulty b_i per item (`items`). Logical implications (`implications`): advanced
 *   spreadsheet functions are drawn only for spreadsheet users, as P(advanced | spreadsheet)
 *   = logistic(a (θ − b_advanced)).
 * - **"Je ne sais pas"** on an item, more likely at low skill: P = dk_max × logistic(−s (θ − c)).
 *   A whole screen is refused ("je préfère ne pas répondre") with a small fixed probability.
 * - **Saying "Non" while using the internet**: many people do not call WhatsApp or Facebook
 *   "Internet" (the reason for the v2 question and its confirmation screen). A user answers
 *   "Non" with P = falseNo_max × logistic(−(θ − falseNo_center)); on the confirmation screen
 *   (smartphone owners only) they say they did use it with P = `confirmsUse`.
 * - **Abandonment**, more likely at low skill: P(abandon) = min(0.95, rate × e^(−κθ) / E[e^(−κθ)]),
 *   the expectation over the visitors' skill mix (closed form for a normal mixture), so that
 *   `rate` stays the average share; the step is uniform along the path the answers open.
 * - **Exercises**: success P = logistic(a_ex (θ − b_exercise)); accepted with
 *   P = logistic(θ − b_accept) × accept_max; each skipped with a fixed probability.
 * - **Autonomy tasks** (graded): ALONE with P = logistic(a (θ − b_task)); otherwise
 *   "Quelqu'un le fait pour moi" (CANNOT) with P = logistic(−a (θ − b_task + gap)), else WITH_HELP.
 * - Equipment, frequency of use, needs, barriers, accompaniment, language and pace follow θ
 *   (through a usage group: offline, or an internet user's tier cut on θ).
 *
 * ## Calibration (by default it reproduces INSEE 2021 illectronisme by age band)
 *
 * Targets, Insee Première n°1953 (June 2023, 2021 data, people aged 15+ in ordinary housing,
 * https://www.insee.fr/fr/statistiques/7633654): illectronisme 15–24 2 %, 25–39 4 %,
 * 60–74 24 %, 75+ 62 %. The 40–59 figure was not found in any reachable text: there is NO
 * target for it, and μ_40–59 is simply set between its neighbours (an interpolation for the
 * simulation, not a figure to compare with).
 *
 * The means μ_age were found by bisection (scripts/calibrate-population.mts) so that the rate
 * an analyst reads by default — completed and partial visits, "unknown" set aside — matches
 * the targets, with this model's abandonment and non-response. test/unit/population.test.ts
 * checks it on 60,000 model visitors (±3 points), test/stress/simulate-insee.test.ts from a
 * bundle made by `reperes simulate` + `reperes export`.
 */
import { mersenne } from 'pure-rand/generator/mersenne';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Language } from '../i18n/languages';
import communes from '../questionnaire/communes.generated.json';
import { AUTONOMY_TASKS, questionnaire } from '../questionnaire/definition';
import { isItemAnswers, visibleQuestions } from '../questionnaire/engine';
import type { AnswerValue, ExerciseOutcome, ExerciseResult, Question, Questionnaire } from '../questionnaire/schema';

export const AGE_BANDS = ['A15_24', 'A25_39', 'A40_59', 'A60_74', 'A75_PLUS'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const TIERS = ['occasional', 'regular', 'advanced'] as const;
export type Tier = (typeof TIERS)[number];
/** A visitor's usage group: no internet use in 3 months, or an internet user's tier. */
export type Group = 'offline' | Tier;

type Weights = Readonly<Record<string, number>>;
type ByGroup<T> = Readonly<Record<Group, T>>;

/** INSEE 2021 illectronisme by age band, percent (Insee Première n°1953); 40–59 not found, so absent. */
export const INSEE_2021_ILLECTRONISME_TARGETS: Readonly<Partial<Record<AgeBand, number>>> = {
  A15_24: 2,
  A25_39: 4,
  A60_74: 24,
  A75_PLUS: 62,
};

/** Difficulty of each activity item (θ at which half of the users do it). */
const ITEM_DIFFICULTY = {
  actInformation: { GOODS_INFO: -0.9, HEALTH_INFO: -0.3, NEWS: -0.6, CHECKED_TRUE: 0.8 },
  actCommunication: { EMAIL: -1.0, CALLS: -0.9, MESSAGING: -1.6, SOCIAL_NETWORKS: -0.4, OPINIONS: 1.6, CONSULTATION_VOTE: 1.8 },
  actContent: {
    WORD_PROCESSING: 0.3,
    SPREADSHEET: 0.9,
    EDIT_MEDIA: 0.5,
    COPY_FILES: 0.1,
    COMBINED_DOCUMENT: 1.0,
    // Given a spreadsheet user (implications below).
    SPREADSHEET_ADVANCED: 1.4,
    PROGRAMMING: 2.6,
  },
  actSafety: { READ_PRIVACY_POLICY: 0.7, LIMIT_LOCATION: -0.1, LIMIT_PROFILE: 0.3, REFUSE_ADS_DATA: 0.1, CHECK_SECURE_SITE: 0.5, COOKIE_SETTINGS: 0.6 },
  actProblemSolving: { INSTALL_APPS: -0.4, CHANGE_SETTINGS: -0.1, SELL_ONLINE: 1.1, LEARN_ONLINE: 1.0, BANKING: -0.3, JOB_SEARCH: 1.4 },
  actPurchase: { BUY_ONLINE: -0.6 },
} as const satisfies Record<string, Weights>;

/** Every number of the model described in the header. */
export const POPULATION_MODEL = {
  /** Kiosk visitors by true age band (centres sociaux lean older than the population). */
  ageBand: { A15_24: 0.12, A25_39: 0.22, A40_59: 0.28, A60_74: 0.23, A75_PLUS: 0.15 } satisfies Record<AgeBand, number>,
  ageRefused: 0.02,
  /** μ of θ by age band, calibrated on INSEE 2021 (header; 40–59 interpolated, no target). */
  skillMean: { A15_24: 1.75, A25_39: 1.33, A40_59: 0.64, A60_74: -0.06, A75_PLUS: -1.3 } satisfies Record<AgeBand, number>,
  skillSd: 1,
  internetUse: { discrimination: 2.2, difficulty: -1.0 },
  falseNo: { max: 0.12, center: -0.5 },
  confirmsUse: 0.8,
  gateDontKnow: 0.01,
  itemDiscrimination: 1.7,
  itemDifficulty: ITEM_DIFFICULTY,
  /** Item → the item it implies (drawn only when the implied one is done). */
  implications: { 'actContent.SPREADSHEET_ADVANCED': 'actContent.SPREADSHEET' } as Readonly<Record<string, string>>,
  dontKnow: { max: 0.15, slope: 1.5, center: -1.0 },
  screenRefused: 0.005,
  /** Usage tiers of users, cut on θ: occasional below `regular`, advanced from `advanced`. */
  tierCuts: { regular: -0.2, advanced: 1.2 },
  everUsedInternet: { difficulty: -2.2, dontKnow: 0.05 },
  frequency: { everyDay: -0.6, everyWeek: -1.6 },
  equipment: { smartphone: -1.6, computer: 0.0, homeInternet: -1.3 } satisfies Weights,
  equipmentDiscrimination: 1.5,
  autonomy: {
    discrimination: 1.6,
    gap: 1.6,
    difficulty: {
      taskUnlock: -1.8,
      taskWifi: -0.9,
      taskBrowser: -1.0,
      taskPassword: -0.2,
      taskEmail: -0.4,
      taskVideoCall: -0.9,
      taskProcedure: 0.2,
      taskAppointment: 0.0,
    } satisfies Record<(typeof AUTONOMY_TASKS)[number], number>,
    dontKnow: 0.03,
  },
  exercises: {
    acceptMax: 0.65,
    acceptDifficulty: -1.5,
    skipped: 0.1,
    discrimination: 1.4,
    difficulty: { exTap: -3.0, exScroll: -2.0, exType: -1.3, exPhishing: -0.3, exSecureSite: 0.1 } satisfies Weights,
  },
  abandon: { defaultRate: 0.15, skillEffect: 0.6 },
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
  pace: { offline: 1.6, occasional: 1.4, regular: 1, advanced: 0.8 } satisfies ByGroup<number>,
  exerciseSeconds: { min: 5, max: 60 },
  skippedExerciseSeconds: { min: 2, max: 8 },
} as const;

export const DSI_ITEM_QUESTIONS = Object.keys(ITEM_DIFFICULTY) as (keyof typeof ITEM_DIFFICULTY)[];

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** P(the item is done | θ), for a user; for an implied item, given that its premise is done. */
export function itemProbability(question: keyof typeof ITEM_DIFFICULTY, code: string, theta: number): number {
  const b = (ITEM_DIFFICULTY[question] as Weights)[code];
  if (b === undefined) throw new Error(`no difficulty for ${question}.${code}`);
  return logistic(POPULATION_MODEL.itemDiscrimination * (theta - b));
}

export function internetUseProbability(theta: number): number {
  const { discrimination, difficulty } = POPULATION_MODEL.internetUse;
  return logistic(discrimination * (theta - difficulty));
}

export function dontKnowProbability(theta: number): number {
  const { max, slope, center } = POPULATION_MODEL.dontKnow;
  return max * logistic(-slope * (theta - center));
}

export function exerciseSuccessProbability(exercise: string, theta: number): number {
  const { discrimination, difficulty } = POPULATION_MODEL.exercises;
  const b = (difficulty as Weights)[exercise];
  if (b === undefined) throw new Error(`no difficulty for exercise ${exercise}`);
  return logistic(discrimination * (theta - b));
}

/** E[e^(−κθ)] over the visitors' age mix (θ normal within a band: e^(−κμ + κ²σ²/2)). */
function meanAbandonWeight(kappa: number, skillMean: Readonly<Record<AgeBand, number>>): number {
  const m = POPULATION_MODEL;
  return AGE_BANDS.reduce((sum, age) => sum + m.ageBand[age] * Math.exp(-kappa * skillMean[age] + (kappa * kappa * m.skillSd * m.skillSd) / 2), 0);
}

/** P(this person leaves before the end | θ), averaging `rate` over the visitors. */
export function abandonProbability(theta: number, rate: number = POPULATION_MODEL.abandon.defaultRate, skillMean: Readonly<Record<AgeBand, number>> = POPULATION_MODEL.skillMean): number {
  // The ends stay exact: 0 keeps everyone, 1 (everyone leaves) is a test of the kiosk, not a population.
  if (rate <= 0 || rate >= 1) return rate <= 0 ? 0 : 1;
  const kappa = POPULATION_MODEL.abandon.skillEffect;
  return Math.min(0.95, (rate * Math.exp(-kappa * theta)) / meanAbandonWeight(kappa, skillMean));
}

// ---------------------------------------------------------------------------------------
// Drawing

export class Draw {
  constructor(private readonly rng: RandomGenerator) {}
  /** A stream from a 32-bit seed (Mersenne Twister). */
  static seeded(seed: number): Draw {
    return new Draw(mersenne(seed | 0));
  }
  uniform(): number {
    return uniformFloat64(this.rng);
  }
  chance(p: number): boolean {
    return uniformFloat64(this.rng) < p;
  }
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }
  /** Standard normal (Box–Muller; the second value is dropped to keep streams simple). */
  normal(): number {
    const u = 1 - uniformFloat64(this.rng);
    const v = uniformFloat64(this.rng);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
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
  /** The latent skill. */
  theta: number;
  /** Used the internet in the last 3 months (the truth, whatever was answered). */
  user: boolean;
  group: Group;
  language: Language;
  /** What the person would answer to every question, shown or not; the kiosk decides. */
  answers: Record<string, AnswerValue>;
  exercises: Record<string, ExerciseResult>;
  pace: number;
  /** Where the person leaves, as a share of the path their answers open; null: to the end. */
  leavesAt: number | null;
}

export interface DrawOptions {
  /** Average share of visitors who leave before the end (default 0.15). */
  abandonRate?: number | undefined;
  definition?: Questionnaire | undefined;
  /** Draw a person of this age band (calibration, tests); default: the visitors' mix. */
  ageBand?: AgeBand | undefined;
  /** Skill means to use instead of `POPULATION_MODEL.skillMean` (calibration only). */
  skillMean?: Readonly<Record<AgeBand, number>> | undefined;
}

const COMMUNE_WEIGHTS: Record<string, number> = Object.fromEntries(communes.map((c) => [`C${c.code}`, c.population]));

function choiceOptions(question: Question): string[] {
  return question.kind === 'single' || question.kind === 'multiple' ? question.options.filter((o) => !o.exclusive).map((o) => o.code) : [];
}

function noneCode(question: Question): string {
  const none = question.kind === 'multiple' ? question.options.find((o) => o.exclusive) : undefined;
  if (!none) throw new Error(`${question.id} has no "none of these" option`);
  return none.code;
}

/** Ticks each option independently with probability `p(code)`; none ticked → "none". */
function tickEach(draw: Draw, question: Question, p: (code: string) => number): string[] {
  const ticked = choiceOptions(question).filter((code) => draw.chance(p(code)));
  return ticked.length > 0 ? ticked : [noneCode(question)];
}

function groupOf(user: boolean, theta: number): Group {
  if (!user) return 'offline';
  const { regular, advanced } = POPULATION_MODEL.tierCuts;
  return theta >= advanced ? 'advanced' : theta >= regular ? 'regular' : 'occasional';
}

/** The true yes/no of every activity item of a user, implications respected. */
export function drawActivities(draw: Draw, theta: number): Record<string, Record<string, boolean>> {
  const out: Record<string, Record<string, boolean>> = {};
  for (const question of DSI_ITEM_QUESTIONS) {
    const done: Record<string, boolean> = {};
    for (const code of Object.keys(ITEM_DIFFICULTY[question])) {
      const premise = POPULATION_MODEL.implications[`${question}.${code}`];
      if (premise !== undefined) {
        const [q, c] = premise.split('.') as [string, string];
        const premiseDone = q === question ? done[c] : out[q]?.[c];
        if (premiseDone === undefined) throw new Error(`${question}.${code} is drawn before its premise ${premise}`);
        done[code] = premiseDone && draw.chance(itemProbability(question, code, theta));
      } else done[code] = draw.chance(itemProbability(question, code, theta));
    }
    out[question] = done;
  }
  return out;
}

export function drawVisitor(draw: Draw, languages: readonly Language[], options: DrawOptions = {}): Visitor {
  const m = POPULATION_MODEL;
  const def = options.definition ?? questionnaire;
  const q = (id: string) => {
    const found = def.questions.find((x) => x.id === id);
    if (!found) throw new Error(`no question ${id}`);
    return found;
  };
  const answers: Record<string, AnswerValue> = {};
  const exercises: Record<string, ExerciseResult> = {};

  const languageWeights = Object.fromEntries(languages.map((l) => [l, m.language[l]])) as Record<Language, number>;
  const language = draw.pick(languageWeights);

  const ageBand = options.ageBand ?? draw.pick(m.ageBand);
  answers['ageBand'] = draw.chance(m.ageRefused) ? 'REF' : ageBand;
  const skillMean = options.skillMean ?? m.skillMean;
  const theta = skillMean[ageBand] + m.skillSd * draw.normal();
  const user = draw.chance(internetUseProbability(theta));
  const group = groupOf(user, theta);

  answers['commune'] = draw.chance(m.outsideAgglomeration) ? 'OUTSIDE' : draw.pick(COMMUNE_WEIGHTS);
  answers['accompanied'] = draw.pick(m.accompanied[group]);
  for (const item of ['smartphone', 'computer', 'homeInternet'] as const) {
    // Non-users are less equipped than their skill alone says.
    const offset = user ? 0 : -1;
    answers[item] = draw.chance(logistic(m.equipmentDiscrimination * (theta - m.equipment[item]) + offset)) ? 'YES' : 'NO';
  }

  // The gate, as answered: users who do not call their apps "Internet" say "Non".
  const saysNo = !user || draw.chance(m.falseNo.max * logistic(-(theta - m.falseNo.center)));
  if (saysNo) {
    answers['internetUse'] = 'NOT_IN_3_MONTHS';
    answers['internetUseCheck'] = user && draw.chance(m.confirmsUse) ? 'USED' : 'NOT_USED';
    answers['everUsedInternet'] = draw.chance(m.everUsedInternet.dontKnow) ? 'DK' : draw.chance(logistic(theta - m.everUsedInternet.difficulty)) ? 'YES_BEFORE' : 'NEVER';
  } else if (draw.chance(m.gateDontKnow)) {
    answers['internetUse'] = 'DK';
  } else {
    answers['internetUse'] = theta >= m.frequency.everyDay ? 'EVERY_DAY' : theta >= m.frequency.everyWeek ? 'EVERY_WEEK' : 'LESS_OFTEN';
  }

  // Activities: the truth of a user (a non-user did none), then what is said of it.
  const truth = user ? drawActivities(draw, theta) : null;
  const dk = dontKnowProbability(theta);
  for (const question of DSI_ITEM_QUESTIONS) {
    if (draw.chance(m.screenRefused)) {
      answers[question] = 'REF';
      continue;
    }
    const rows: Record<string, string> = {};
    for (const code of Object.keys(ITEM_DIFFICULTY[question])) {
      rows[code] = draw.chance(dk) ? 'DK' : truth?.[question]?.[code] ? 'YES' : 'NO';
    }
    answers[question] = rows;
  }

  const a = m.autonomy;
  for (const task of AUTONOMY_TASKS) {
    const b = a.difficulty[task];
    if (draw.chance(a.dontKnow * logistic(-theta))) answers[task] = 'DK';
    else if (draw.chance(logistic(a.discrimination * (theta - b)))) answers[task] = 'ALONE';
    else answers[task] = draw.chance(logistic(-a.discrimination * (theta - b + a.gap))) ? 'CANNOT' : 'WITH_HELP';
  }

  const e = m.exercises;
  answers['exercisesIntro'] = draw.chance(e.acceptMax * logistic(theta - e.acceptDifficulty)) ? 'YES' : 'NO';
  for (const question of def.questions) {
    if (question.kind !== 'exercise') continue;
    let outcome: ExerciseOutcome;
    let durationS: number;
    if (draw.chance(e.skipped)) {
      outcome = 'SKIPPED';
      durationS = draw.int(m.skippedExerciseSeconds.min, m.skippedExerciseSeconds.max);
    } else {
      outcome = draw.chance(exerciseSuccessProbability(question.id, theta)) ? 'SUCCESS' : 'FAILURE';
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

  const leavesAt = draw.chance(abandonProbability(theta, options.abandonRate, skillMean)) ? draw.uniform() : null;
  return { ageBand, theta, user, group, language, answers, exercises, pace: m.pace[group], leavesAt };
}

/**
 * What the kiosk records of a visitor, without the machine: the questions their answers open,
 * in order, answered until they leave (the question they leave on stays unanswered). The
 * kiosk machine gives the same answers (test/unit/population.test.ts checks it); the
 * calibration uses this to score 10⁵ visitors in seconds.
 */
export function recordedVisit(visitor: Visitor, definition: Questionnaire = questionnaire): {
  status: 'completed' | 'abandoned';
  lastStep: string;
  answers: Record<string, AnswerValue>;
  exercises: Record<string, ExerciseResult>;
} {
  const path = visibleQuestions(definition, visitor.answers);
  const stop = visitor.leavesAt === null ? null : Math.floor(visitor.leavesAt * path.length);
  const answers: Record<string, AnswerValue> = {};
  const exercises: Record<string, ExerciseResult> = {};
  for (const [i, question] of path.entries()) {
    if (i === stop) return { status: 'abandoned', lastStep: question.id, answers, exercises };
    const value = question.kind === 'exercise' ? visitor.exercises[question.id]?.outcome : visitor.answers[question.id];
    if (value === undefined) throw new Error(`no simulated answer for ${question.id}`);
    answers[question.id] = isItemAnswers(value) ? { ...value } : value;
    const result = visitor.exercises[question.id];
    if (question.kind === 'exercise' && result) exercises[question.id] = result;
  }
  return { status: 'completed', lastStep: 'result', answers, exercises };
}
