/**
 * The declared cross-tables of an export: the contract with the analysts (docs/export-format.md).
 *
 * Every table is a fixed list of at most three dimensions over a fixed population of
 * sessions, and holds only counts. A session contributes one tuple of codes per table, or
 * one per item for the "one row per item" tables (a DSI area, an autonomy task, a ticked need,
 * a next step, an exercise), so counts are plain sums: the tables of several exports, or of
 * several kiosks, add up cell by cell (`addTables`). Cells at zero are left out.
 *
 * Missing answers keep their meaning: DK ("je ne sais pas"), REF ("je préfère ne pas
 * répondre") and MISSING (never asked or not reached) are distinct codes.
 */
import { AUTONOMY_TASKS, questionnaire } from '../questionnaire/definition';
import { AUTONOMY_PROFILES, DSI_AREAS, DSI_AREA_LEVELS, DSI_CATEGORIES, MISMATCHES, type Scores } from '../scoring/types';
import { HELP_NEEDS } from '../orientation/directory';
import { EXERCISE_OUTCOMES } from '../questionnaire/schema';
import { LANGUAGES } from '../i18n/languages';
import { SESSION_STATUSES } from '../session/record';

/** What an export reads of one stored session (the session repository's rows fit it). */
export interface SessionFacts {
  /** YYYY-MM-DD; only the month reaches an export. */
  day: string;
  language: string;
  status: 'completed' | 'abandoned';
  lastStep: string;
  answers: Readonly<Record<string, string | readonly string[]>>;
  exercises: Readonly<Record<string, { outcome: string }>>;
  scores: Scores;
  recommendations: readonly { need: string }[];
}

export const MISSING = 'MISSING';
const MISSING_ANSWERS = ['DK', 'REF', MISSING] as const;

function optionCodes(questionId: string): string[] {
  const question = questionnaire.questions.find((q) => q.id === questionId);
  return question && question.kind !== 'exercise' ? question.options.map((o) => o.code) : [];
}

const EXERCISE_IDS = questionnaire.questions.filter((q) => q.kind === 'exercise').map((q) => q.id);

/**
 * The dimensions tables may use, each with its known codes in a meaningful order (used to
 * sort cells and CSV rows; a code outside the list, e.g. from another questionnaire version,
 * is still counted and sorts after them).
 */
export const DIMENSIONS = {
  month: { codes: [] as readonly string[], pattern: /^\d{4}-(0[1-9]|1[0-2])$/ },
  status: { codes: SESSION_STATUSES },
  language: { codes: LANGUAGES },
  ageBand: { codes: [...optionCodes('ageBand'), ...MISSING_ANSWERS] },
  commune: { codes: [...optionCodes('commune'), ...MISSING_ANSWERS] },
  accompanied: { codes: [...optionCodes('accompanied'), ...MISSING_ANSWERS] },
  dsiCategory: { codes: DSI_CATEGORIES },
  illectronisme: { codes: ['YES', 'NO'] },
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
  mismatch: { codes: MISMATCHES },
  lastStep: { codes: ['privacy', ...questionnaire.questions.map((q) => q.id), 'result'] },
} as const satisfies Record<string, { codes: readonly string[]; pattern?: RegExp }>;
export type DimensionId = keyof typeof DIMENSIONS;
export const DIMENSION_IDS = Object.keys(DIMENSIONS) as DimensionId[];

export const POPULATIONS = ['all', 'completed', 'abandoned'] as const;
export type Population = (typeof POPULATIONS)[number];

/** What one count means: sessions, or items of sessions (a session then counts several times). */
export const UNITS = ['session', 'dsiArea', 'task', 'mention', 'recommendation', 'exercise'] as const;
export type Unit = (typeof UNITS)[number];

export interface TableDeclaration {
  id: string;
  population: Population;
  unit: Unit;
  dimensions: readonly DimensionId[];
  /** The tuples of codes one session adds to the table, in `dimensions` order. */
  tuples(session: SessionFacts): string[][];
}

function single(session: SessionFacts, question: string): string {
  const value = session.answers[question];
  if (value === undefined) return MISSING;
  return typeof value === 'string' ? value : (value[0] ?? MISSING);
}

function multiple(session: SessionFacts, question: string): string[] {
  const value = session.answers[question];
  if (value === undefined) return [MISSING];
  const codes = typeof value === 'string' ? [value] : [...value];
  return codes.length > 0 ? codes : [MISSING];
}

const month = (s: SessionFacts) => s.day.slice(0, 7);
const age = (s: SessionFacts) => single(s, 'ageBand');

export const TABLES: readonly TableDeclaration[] = [
  { id: 'month_status', population: 'all', unit: 'session', dimensions: ['month', 'status'], tuples: (s) => [[month(s), s.status]] },
  { id: 'language_status', population: 'all', unit: 'session', dimensions: ['language', 'status'], tuples: (s) => [[s.language, s.status]] },
  {
    id: 'accompanied_status',
    population: 'all',
    unit: 'session',
    dimensions: ['accompanied', 'status'],
    tuples: (s) => [[single(s, 'accompanied'), s.status]],
  },
  { id: 'abandoned_lastStep', population: 'abandoned', unit: 'session', dimensions: ['lastStep'], tuples: (s) => [[s.lastStep]] },
  {
    id: 'month_ageBand_dsiCategory',
    population: 'completed',
    unit: 'session',
    dimensions: ['month', 'ageBand', 'dsiCategory'],
    tuples: (s) => [[month(s), age(s), s.scores.dsi.category]],
  },
  {
    id: 'commune_dsiCategory',
    population: 'completed',
    unit: 'session',
    dimensions: ['commune', 'dsiCategory'],
    tuples: (s) => [[single(s, 'commune'), s.scores.dsi.category]],
  },
  {
    id: 'ageBand_illectronisme',
    population: 'completed',
    unit: 'session',
    dimensions: ['ageBand', 'illectronisme'],
    tuples: (s) => [[age(s), s.scores.illectronisme ? 'YES' : 'NO']],
  },
  {
    id: 'dsiArea_level_ageBand',
    population: 'completed',
    unit: 'dsiArea',
    dimensions: ['dsiArea', 'dsiAreaLevel', 'ageBand'],
    tuples: (s) => DSI_AREAS.map((area) => [area, s.scores.dsi.areas?.[area] ?? 'notAssessed', age(s)]),
  },
  {
    id: 'task_level_ageBand',
    population: 'completed',
    unit: 'task',
    dimensions: ['task', 'autonomyLevel', 'ageBand'],
    tuples: (s) => AUTONOMY_TASKS.map((task) => [task, single(s, task), age(s)]),
  },
  {
    id: 'autonomyProfile_ageBand',
    population: 'completed',
    unit: 'session',
    dimensions: ['autonomyProfile', 'ageBand'],
    tuples: (s) => [[s.scores.autonomy.profile, age(s)]],
  },
  {
    id: 'need_ageBand',
    population: 'completed',
    unit: 'mention',
    dimensions: ['need', 'ageBand'],
    tuples: (s) => multiple(s, 'wantsToLearn').map((code) => [code, age(s)]),
  },
  {
    id: 'barrier_ageBand',
    population: 'completed',
    unit: 'mention',
    dimensions: ['barrier', 'ageBand'],
    tuples: (s) => multiple(s, 'barriers').map((code) => [code, age(s)]),
  },
  {
    id: 'recommendation_ageBand',
    population: 'completed',
    unit: 'recommendation',
    dimensions: ['recommendation', 'ageBand'],
    tuples: (s) => (s.recommendations.length > 0 ? s.recommendations.map((r) => [r.need, age(s)]) : [['NONE', age(s)]]),
  },
  {
    id: 'exercise_outcome_ageBand',
    population: 'completed',
    unit: 'exercise',
    dimensions: ['exercise', 'exerciseOutcome', 'ageBand'],
    tuples: (s) =>
      Object.entries(s.exercises)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([exercise, result]) => [exercise, result.outcome, age(s)]),
  },
  {
    id: 'mismatch_ageBand',
    population: 'completed',
    unit: 'session',
    dimensions: ['mismatch', 'ageBand'],
    tuples: (s) => [[s.scores.mismatch, age(s)]],
  },
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

function inPopulation(population: Population, session: SessionFacts): boolean {
  return population === 'all' || population === session.status;
}

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

function toTable(declaration: Pick<TableDeclaration, 'population' | 'unit' | 'dimensions'>, counts: Map<string, number>): CountTable {
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

/** Every declared table over these sessions. */
export function tabulate(sessions: Iterable<SessionFacts>): Tables {
  const counts = TABLES.map(() => new Map<string, number>());
  for (const session of sessions) {
    TABLES.forEach((table, i) => {
      if (!inPopulation(table.population, session)) return;
      const map = counts[i] as Map<string, number>;
      for (const tuple of table.tuples(session)) {
        const key = JSON.stringify(tuple);
        map.set(key, (map.get(key) ?? 0) + 1);
      }
    });
  }
  return Object.fromEntries(TABLES.map((table, i) => [table.id, toTable(table, counts[i] as Map<string, number>)]));
}

/** Cell-by-cell sum of tables with the same declarations (exports of several periods or kiosks). */
export function addTables(...all: Tables[]): Tables {
  const out: Tables = {};
  for (const table of TABLES) {
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
