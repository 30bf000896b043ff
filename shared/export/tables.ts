/**
 * The declared cross-tables of an export: the contract with the analysts (docs/export-format.md).
 *
 * Every table is a fixed list of at most three dimensions over a fixed population of
 * sessions, and holds only counts. A session contributes one tuple of codes per table, or
 * one per item for the "one row per item" tables (a DSI area, an autonomy task, a ticked need,
 * a next step, an exercise, a question's answer), so counts are plain sums: the tables of
 * several exports, or of several kiosks, add up cell by cell (`addTables`). Cells at zero are
 * left out.
 *
 * Missing answers keep their meaning: DK ("je ne sais pas"), REF ("je préfère ne pas
 * répondre") and MISSING (never asked or not reached) are distinct codes; a DSI area or
 * category that item non-response leaves open is `notDetermined`, illectronisme `unknown`.
 *
 * Table sets follow the questionnaire's major version: `TABLES` is the set of this build's
 * questionnaire (version 2); version 1's set (tables-v1.ts) stays readable. Each declaration
 * says which older versions count the same thing (`comparableWith`); `combineVersions` sums
 * across versions only there (docs/export-format.md §4.3).
 *
 * Partial visits: a visit abandoned once its DSI category was settled counts in the DSI and
 * illectronisme tables of population `completedOrPartial`, with the dimension `completion`
 * (`completed` / `partial`), so that analysts choose whether to include it.
 */
import { AUTONOMY_TASKS, questionnaire } from '../questionnaire/definition';
import { isItemAnswers } from '../questionnaire/engine';
import {
  AUTONOMY_PROFILES,
  DSI_AREAS,
  DSI_AREA_LEVELS,
  DSI_CATEGORIES,
  ILLECTRONISME_CODES,
  MISMATCHES,
  OBSERVED_LEVELS,
  type IllectronismeFlag,
  type Scores,
} from '../scoring/types';
import { HELP_NEEDS } from '../orientation/needs';
import { EXERCISE_OUTCOMES } from '../questionnaire/codes';
import type { Question } from '../questionnaire/schema';
import { LANGUAGES } from '../i18n/languages';
import { SESSION_STATUSES } from '../session/status';

/** What an export reads of one visit (the session repository's rows fit it). */
export interface SessionFacts {
  /** YYYY-MM-DD; only the month reaches an export. */
  day: string;
  language: string;
  status: 'completed' | 'abandoned';
  lastStep: string;
  answers: Readonly<Record<string, string | readonly string[] | Readonly<Record<string, string>>>>;
  exercises: Readonly<Record<string, { outcome: string }>>;
  scores: Scores;
  recommendations: readonly { need: string }[];
}

export const MISSING = 'MISSING';
const MISSING_ANSWERS = ['DK', 'REF', MISSING] as const;

function optionCodes(questionId: string): string[] {
  const question = questionnaire.questions.find((q) => q.id === questionId);
  return question && (question.kind === 'single' || question.kind === 'multiple') ? question.options.map((o) => o.code) : [];
}

const EXERCISE_IDS = questionnaire.questions.filter((q) => q.kind === 'exercise').map((q) => q.id);

/** Separates a question id from an item code in the `item` dimension (`actContent-SPREADSHEET`). */
export const ITEM_SEPARATOR = '-';

/** The `item` codes of one question: its id, or one code per row of an item-by-item question. */
export function itemCodesOf(question: Question): string[] {
  if (question.kind === 'exercise') return [];
  if (question.kind === 'items') return question.items.map((i) => `${question.id}${ITEM_SEPARATOR}${i.code}`);
  return [question.id];
}

/** What one answered question (or row) was: an answer, "je ne sais pas", or "je préfère ne pas répondre". */
export const ITEM_RESPONSES = ['ANSWERED', 'DK', 'REF'] as const;

/**
 * The dimensions tables may use, each with its known codes in a meaningful order (used to
 * sort cells and CSV rows; a code outside the list, e.g. from another questionnaire version,
 * is still counted and sorts after them).
 */
export const DIMENSIONS = {
  month: { codes: [] as readonly string[], pattern: /^\d{4}-(0[1-9]|1[0-2])$/ },
  status: { codes: SESSION_STATUSES },
  /** A completed visit, or one abandoned after its DSI category was settled. */
  completion: { codes: ['completed', 'partial'] },
  language: { codes: LANGUAGES },
  ageBand: { codes: [...optionCodes('ageBand'), ...MISSING_ANSWERS] },
  commune: { codes: [...optionCodes('commune'), ...MISSING_ANSWERS] },
  accompanied: { codes: [...optionCodes('accompanied'), ...MISSING_ANSWERS] },
  dsiCategory: { codes: DSI_CATEGORIES },
  illectronisme: { codes: ILLECTRONISME_CODES },
  dsiArea: { codes: DSI_AREAS },
  dsiAreaLevel: { codes: [...DSI_AREA_LEVELS, 'notAssessed'] },
  task: { codes: AUTONOMY_TASKS },
  autonomyLevel: { codes: [...optionCodes('taskUnlock'), ...MISSING_ANSWERS] },
  autonomyProfile: { codes: AUTONOMY_PROFILES },
  need: { codes: [...optionCodes('wantsToLearn'), ...MISSING_ANSWERS] },
  barrier: { codes: [...optionCodes('barriers'), ...MISSING_ANSWERS] },
  recommendation: { codes: [...HELP_NEEDS, 'NONE'] },
  exercise: { codes: EXERCISE_IDS },
  exerciseOutcome: { codes: EXERCISE_OUTCOMES },
  observedLevel: { codes: OBSERVED_LEVELS },
  mismatch: { codes: MISMATCHES },
  /** A question, or a row of an item-by-item question (`<question>-<ITEM>`). */
  item: { codes: questionnaire.questions.flatMap(itemCodesOf) },
  itemResponse: { codes: ITEM_RESPONSES },
  lastStep: { codes: ['privacy', ...questionnaire.questions.map((q) => q.id), 'result'] },
} as const satisfies Record<string, { codes: readonly string[]; pattern?: RegExp }>;
export type DimensionId = keyof typeof DIMENSIONS;
export const DIMENSION_IDS = Object.keys(DIMENSIONS) as DimensionId[];

/**
 * Which sessions a table counts: every one, completed ones, abandoned ones, or completed ones
 * plus those abandoned once their DSI category was settled ("partial").
 */
export const POPULATIONS = ['all', 'completed', 'abandoned', 'completedOrPartial'] as const;
export type Population = (typeof POPULATIONS)[number];

/** What one count means: sessions, or items of sessions (a session then counts several times). */
export const UNITS = ['session', 'dsiArea', 'task', 'mention', 'recommendation', 'exercise', 'item'] as const;
export type Unit = (typeof UNITS)[number];

/** A table's shape: what a bundle must hold under its id. */
export interface TableShape {
  id: string;
  population: Population;
  unit: Unit;
  dimensions: readonly DimensionId[];
}

export interface TableDeclaration extends TableShape {
  /**
   * The tuples of codes one session adds to the table, in `dimensions` order; none for a
   * session outside the table's population (so that a caller may add every table's tuples
   * for every visit).
   */
  tuples(session: SessionFacts): string[][];
  /**
   * Older questionnaire major versions whose table of the same id counts the same thing with
   * the same codes: the analyst side sums them with this one. Empty: never summed across
   * versions (the question, its wording or the scoring changed).
   */
  comparableWith: readonly string[];
}

/** The major version of a questionnaire version ("2.0.0" → "2"): table sets follow it. */
export function majorOf(version: string): string {
  return version.split('.')[0] ?? version;
}

/** This build's table set version: the major version of its questionnaire. */
export const TABLE_SET_VERSION = majorOf(questionnaire.version);

/**
 * `partial` for a visit abandoned after its DSI category was settled (an abandoned visit whose
 * category is still open is not counted in the DSI tables), `completed`, or null.
 */
export function completionOf(session: Pick<SessionFacts, 'status' | 'scores'>): 'completed' | 'partial' | null {
  if (session.status === 'completed') return 'completed';
  return session.scores.dsi.category === 'notDetermined' ? null : 'partial';
}

export function inPopulation(population: Population, session: Pick<SessionFacts, 'status' | 'scores'>): boolean {
  if (population === 'all') return true;
  if (population === 'completedOrPartial') return completionOf(session) !== null;
  return population === session.status;
}

/** The illectronisme code of stored scores (rows stored by version 1 hold a boolean). */
export function illectronismeCode(scores: Pick<Scores, 'illectronisme'>): IllectronismeFlag {
  const flag: unknown = scores.illectronisme;
  if (flag === true) return 'YES';
  if (flag === false) return 'NO';
  return flag === 'YES' || flag === 'NO' ? flag : 'unknown';
}

function single(session: SessionFacts, question: string): string {
  const value = session.answers[question];
  if (value === undefined) return MISSING;
  if (typeof value === 'string') return value;
  return Array.isArray(value) ? ((value as readonly string[])[0] ?? MISSING) : MISSING;
}

function multiple(session: SessionFacts, question: string): string[] {
  const value = session.answers[question];
  if (value === undefined) return [MISSING];
  if (typeof value === 'string') return [value];
  const codes = Array.isArray(value) ? [...(value as readonly string[])] : [];
  return codes.length > 0 ? codes : [MISSING];
}

/** One (item, response) pair per question this visit answered, per row for item-by-item screens. */
export function itemResponses(definition: { questions: readonly Question[] }, answers: SessionFacts['answers']): [string, string][] {
  const out: [string, string][] = [];
  const response = (code: string) => (code === 'DK' || code === 'REF' ? code : 'ANSWERED');
  for (const question of definition.questions) {
    const value = answers[question.id];
    if (value === undefined || question.kind === 'exercise') continue;
    if (question.kind !== 'items') {
      out.push([question.id, typeof value === 'string' ? response(value) : 'ANSWERED']);
      continue;
    }
    for (const item of question.items) {
      const code = `${question.id}${ITEM_SEPARATOR}${item.code}`;
      // "Je préfère ne pas répondre" for the screen covers each of its rows.
      if (typeof value === 'string') out.push([code, response(value)]);
      else if (isItemAnswers(value) && Object.hasOwn(value, item.code)) out.push([code, response(value[item.code] as string)]);
    }
  }
  return out;
}

const month = (s: SessionFacts) => s.day.slice(0, 7);
const age = (s: SessionFacts) => single(s, 'ageBand');
const completion = (s: SessionFacts) => completionOf(s) as string;

/** A declaration whose tuples are empty outside its population. */
function declare(table: Omit<TableDeclaration, 'tuples'> & { tuples: (s: SessionFacts) => string[][] }): TableDeclaration {
  const { tuples, ...rest } = table;
  return { ...rest, tuples: (s) => (inPopulation(rest.population, s) ? tuples(s) : []) };
}

const SINCE_V1 = ['1'] as const;
const NEW_IN_V2 = [] as const;

export const TABLES: readonly TableDeclaration[] = [
  declare({ id: 'month_status', population: 'all', unit: 'session', dimensions: ['month', 'status'], tuples: (s) => [[month(s), s.status]], comparableWith: SINCE_V1 }),
  declare({ id: 'language_status', population: 'all', unit: 'session', dimensions: ['language', 'status'], tuples: (s) => [[s.language, s.status]], comparableWith: SINCE_V1 }),
  declare({
    id: 'accompanied_status',
    population: 'all',
    unit: 'session',
    dimensions: ['accompanied', 'status'],
    tuples: (s) => [[single(s, 'accompanied'), s.status]],
    comparableWith: SINCE_V1,
  }),
  // The step where a visit stopped: question ids of either version name the same screens.
  declare({ id: 'abandoned_lastStep', population: 'abandoned', unit: 'session', dimensions: ['lastStep'], tuples: (s) => [[s.lastStep]], comparableWith: SINCE_V1 }),
  // Completed and partial visits by month and age (the cut a month × age filter needs); the
  // tables with `completion` below tell the two apart.
  declare({
    id: 'month_ageBand_dsiCategory',
    population: 'completedOrPartial',
    unit: 'session',
    dimensions: ['month', 'ageBand', 'dsiCategory'],
    tuples: (s) => [[month(s), age(s), s.scores.dsi.category]],
    comparableWith: NEW_IN_V2,
  }),
  // Completed and partial visits: the analyst chooses with `completion`.
  declare({
    id: 'month_completion_dsiCategory',
    population: 'completedOrPartial',
    unit: 'session',
    dimensions: ['month', 'completion', 'dsiCategory'],
    tuples: (s) => [[month(s), completion(s), s.scores.dsi.category]],
    comparableWith: NEW_IN_V2,
  }),
  declare({
    id: 'ageBand_completion_dsiCategory',
    population: 'completedOrPartial',
    unit: 'session',
    dimensions: ['ageBand', 'completion', 'dsiCategory'],
    tuples: (s) => [[age(s), completion(s), s.scores.dsi.category]],
    comparableWith: NEW_IN_V2,
  }),
  declare({
    id: 'commune_completion_dsiCategory',
    population: 'completedOrPartial',
    unit: 'session',
    dimensions: ['commune', 'completion', 'dsiCategory'],
    tuples: (s) => [[single(s, 'commune'), completion(s), s.scores.dsi.category]],
    comparableWith: NEW_IN_V2,
  }),
  declare({
    id: 'ageBand_completion_illectronisme',
    population: 'completedOrPartial',
    unit: 'session',
    dimensions: ['ageBand', 'completion', 'illectronisme'],
    tuples: (s) => [[age(s), completion(s), illectronismeCode(s.scores)]],
    comparableWith: NEW_IN_V2,
  }),
  declare({
    id: 'dsiArea_level_ageBand',
    population: 'completed',
    unit: 'dsiArea',
    dimensions: ['dsiArea', 'dsiAreaLevel', 'ageBand'],
    tuples: (s) => DSI_AREAS.map((area) => [area, s.scores.dsi.areas?.[area] ?? 'notAssessed', age(s)]),
    comparableWith: NEW_IN_V2,
  }),
  // Version 2 rewords the scale ("Quelqu'un le fait pour moi" instead of "Je ne sais pas le faire").
  declare({
    id: 'task_level_ageBand',
    population: 'completed',
    unit: 'task',
    dimensions: ['task', 'autonomyLevel', 'ageBand'],
    tuples: (s) => AUTONOMY_TASKS.map((task) => [task, single(s, task), age(s)]),
    comparableWith: NEW_IN_V2,
  }),
  declare({
    id: 'autonomyProfile_ageBand',
    population: 'completed',
    unit: 'session',
    dimensions: ['autonomyProfile', 'ageBand'],
    tuples: (s) => [[s.scores.autonomy.profile, age(s)]],
    comparableWith: NEW_IN_V2,
  }),
  declare({
    id: 'need_ageBand',
    population: 'completed',
    unit: 'mention',
    dimensions: ['need', 'ageBand'],
    tuples: (s) => multiple(s, 'wantsToLearn').map((code) => [code, age(s)]),
    comparableWith: SINCE_V1,
  }),
  declare({
    id: 'barrier_ageBand',
    population: 'completed',
    unit: 'mention',
    dimensions: ['barrier', 'ageBand'],
    tuples: (s) => multiple(s, 'barriers').map((code) => [code, age(s)]),
    comparableWith: SINCE_V1,
  }),
  // Next steps follow illectronisme and autonomy, which version 2 measures differently.
  declare({
    id: 'recommendation_ageBand',
    population: 'completed',
    unit: 'recommendation',
    dimensions: ['recommendation', 'ageBand'],
    tuples: (s) => (s.recommendations.length > 0 ? s.recommendations.map((r) => [r.need, age(s)]) : [['NONE', age(s)]]),
    comparableWith: NEW_IN_V2,
  }),
  declare({
    id: 'exercise_outcome_ageBand',
    population: 'completed',
    unit: 'exercise',
    dimensions: ['exercise', 'exerciseOutcome', 'ageBand'],
    tuples: (s) =>
      Object.entries(s.exercises)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([exercise, result]) => [exercise, result.outcome, age(s)]),
    comparableWith: SINCE_V1,
  }),
  declare({
    id: 'mismatch_ageBand',
    population: 'completed',
    unit: 'session',
    dimensions: ['mismatch', 'ageBand'],
    tuples: (s) => [[s.scores.mismatch, age(s)]],
    comparableWith: NEW_IN_V2,
  }),
  // Item non-response: every question (every row of an item-by-item screen) a visit answered.
  declare({
    id: 'item_response_status',
    population: 'all',
    unit: 'item',
    dimensions: ['item', 'itemResponse', 'status'],
    tuples: (s) => itemResponses(questionnaire, s.answers).map(([item, response]) => [item, response, s.status]),
    comparableWith: NEW_IN_V2,
  }),
  // Declared versus observed: the exercises' level beside the DSI category.
  declare({
    id: 'observedLevel_dsiCategory_ageBand',
    population: 'completed',
    unit: 'session',
    dimensions: ['observedLevel', 'dsiCategory', 'ageBand'],
    tuples: (s) => [[s.scores.observed.level, s.scores.dsi.category, age(s)]],
    comparableWith: NEW_IN_V2,
  }),
];

export const TABLE_IDS = TABLES.map((t) => t.id);

export function tableById(id: string): TableDeclaration | undefined {
  return TABLES.find((t) => t.id === id);
}

/** One cell: the code of each dimension, and the count. */
export type Cell = Record<string, string | number> & { count: number };
export interface CountTable {
  population: Population;
  unit: Unit;
  dimensions: DimensionId[];
  cells: Cell[];
}
export type Tables = Record<string, CountTable>;

function rank(dimension: DimensionId, code: string): number {
  const index = (DIMENSIONS[dimension].codes as readonly string[]).indexOf(code);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

/** Orders cells by each dimension's known code order, then by code: the same input always gives the same bytes. */
export function compareCells(dimensions: readonly DimensionId[]) {
  return (a: Cell, b: Cell): number => {
    for (const d of dimensions) {
      const x = String(a[d]);
      const y = String(b[d]);
      const byRank = rank(d, x) - rank(d, y);
      if (byRank !== 0) return byRank;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}

export function toTable(declaration: Pick<TableShape, 'population' | 'unit' | 'dimensions'>, counts: Map<string, number>): CountTable {
  const dimensions = [...declaration.dimensions];
  const cells: Cell[] = [];
  for (const [key, count] of counts) {
    if (count === 0) continue;
    const codes = JSON.parse(key) as string[];
    const cell = Object.fromEntries(dimensions.map((d, i) => [d, codes[i] ?? MISSING])) as Cell;
    cell.count = count;
    cells.push(cell);
  }
  cells.sort(compareCells(dimensions));
  return { population: declaration.population, unit: declaration.unit, dimensions, cells };
}

/** Every declared table of `declarations` (this build's set by default) over these sessions. */
export function tabulate(sessions: Iterable<SessionFacts>, declarations: readonly TableDeclaration[] = TABLES): Tables {
  const counts = declarations.map(() => new Map<string, number>());
  for (const session of sessions) {
    declarations.forEach((table, i) => {
      if (!inPopulation(table.population, session)) return;
      const map = counts[i] as Map<string, number>;
      for (const tuple of table.tuples(session)) {
        const key = JSON.stringify(tuple);
        map.set(key, (map.get(key) ?? 0) + 1);
      }
    });
  }
  return Object.fromEntries(declarations.map((table, i) => [table.id, toTable(table, counts[i] as Map<string, number>)]));
}

/**
 * Cell-by-cell sum of tables of ONE table set (exports of several periods or kiosks of the
 * same questionnaire version); across versions, use `combineVersions`.
 */
export function addTables(...all: Tables[]): Tables {
  return addTablesOf(TABLES, all);
}

export function addTablesOf(shapes: readonly TableShape[], all: readonly Tables[]): Tables {
  const out: Tables = {};
  for (const table of shapes) {
    const counts = new Map<string, number>();
    for (const tables of all) {
      const t = tables[table.id];
      if (!t) continue;
      for (const cell of t.cells) {
        const key = JSON.stringify(table.dimensions.map((d) => String(cell[d])));
        counts.set(key, (counts.get(key) ?? 0) + cell.count);
      }
    }
    out[table.id] = toTable(table, counts);
  }
  return out;
}
