/**
 * The table set of questionnaire version 1 (Repères 0.1, "tick all that apply" activities,
 * item non-response folded into "none"), frozen: bundles of version-1 kiosks stay readable
 * and verifiable, and a kiosk upgraded before it exported its version-1 visits still exports
 * them, in this set, under their own version (one version per bundle).
 *
 * `upgradeV1Tables` rewrites what can be rewritten exactly into this build's table shapes
 * (a version-1 DSI count is a count of completed visits: `completion` = completed), so the
 * dashboard reads one set; which version-1 tables may be summed with version-2 ones is still
 * decided by the version-2 declarations (`comparableWith`, shared/export/table-sets.ts).
 */
import { AUTONOMY_TASKS } from '../questionnaire/definition';
import { DSI_AREAS } from '../scoring/types';
import { MISSING, illectronismeCode, toTable, type Cell, type CountTable, type SessionFacts, type TableDeclaration, type Tables } from './tables';

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

const month = (s: SessionFacts) => s.day.slice(0, 7);
const age = (s: SessionFacts) => single(s, 'ageBand');
const only = (status: 'completed' | 'abandoned', tuples: (s: SessionFacts) => string[][]) => (s: SessionFacts) => (s.status === status ? tuples(s) : []);
const NONE: readonly string[] = [];

/** Version 1's fifteen tables, as version 1 counted them (from the scores stored with each visit). */
export const V1_TABLES: readonly TableDeclaration[] = [
  { id: 'month_status', population: 'all', unit: 'session', dimensions: ['month', 'status'], tuples: (s) => [[month(s), s.status]], comparableWith: NONE },
  { id: 'language_status', population: 'all', unit: 'session', dimensions: ['language', 'status'], tuples: (s) => [[s.language, s.status]], comparableWith: NONE },
  { id: 'accompanied_status', population: 'all', unit: 'session', dimensions: ['accompanied', 'status'], tuples: (s) => [[single(s, 'accompanied'), s.status]], comparableWith: NONE },
  { id: 'abandoned_lastStep', population: 'abandoned', unit: 'session', dimensions: ['lastStep'], tuples: only('abandoned', (s) => [[s.lastStep]]), comparableWith: NONE },
  {
    id: 'month_ageBand_dsiCategory',
    population: 'completed',
    unit: 'session',
    dimensions: ['month', 'ageBand', 'dsiCategory'],
    tuples: only('completed', (s) => [[month(s), age(s), s.scores.dsi.category]]),
    comparableWith: NONE,
  },
  { id: 'commune_dsiCategory', population: 'completed', unit: 'session', dimensions: ['commune', 'dsiCategory'], tuples: only('completed', (s) => [[single(s, 'commune'), s.scores.dsi.category]]), comparableWith: NONE },
  { id: 'ageBand_illectronisme', population: 'completed', unit: 'session', dimensions: ['ageBand', 'illectronisme'], tuples: only('completed', (s) => [[age(s), illectronismeCode(s.scores)]]), comparableWith: NONE },
  {
    id: 'dsiArea_level_ageBand',
    population: 'completed',
    unit: 'dsiArea',
    dimensions: ['dsiArea', 'dsiAreaLevel', 'ageBand'],
    tuples: only('completed', (s) => DSI_AREAS.map((area) => [area, s.scores.dsi.areas?.[area] ?? 'notAssessed', age(s)])),
    comparableWith: NONE,
  },
  { id: 'task_level_ageBand', population: 'completed', unit: 'task', dimensions: ['task', 'autonomyLevel', 'ageBand'], tuples: only('completed', (s) => AUTONOMY_TASKS.map((task) => [task, single(s, task), age(s)])), comparableWith: NONE },
  { id: 'autonomyProfile_ageBand', population: 'completed', unit: 'session', dimensions: ['autonomyProfile', 'ageBand'], tuples: only('completed', (s) => [[s.scores.autonomy.profile, age(s)]]), comparableWith: NONE },
  { id: 'need_ageBand', population: 'completed', unit: 'mention', dimensions: ['need', 'ageBand'], tuples: only('completed', (s) => multiple(s, 'wantsToLearn').map((code) => [code, age(s)])), comparableWith: NONE },
  { id: 'barrier_ageBand', population: 'completed', unit: 'mention', dimensions: ['barrier', 'ageBand'], tuples: only('completed', (s) => multiple(s, 'barriers').map((code) => [code, age(s)])), comparableWith: NONE },
  {
    id: 'recommendation_ageBand',
    population: 'completed',
    unit: 'recommendation',
    dimensions: ['recommendation', 'ageBand'],
    tuples: only('completed', (s) => (s.recommendations.length > 0 ? s.recommendations.map((r) => [r.need, age(s)]) : [['NONE', age(s)]])),
    comparableWith: NONE,
  },
  {
    id: 'exercise_outcome_ageBand',
    population: 'completed',
    unit: 'exercise',
    dimensions: ['exercise', 'exerciseOutcome', 'ageBand'],
    tuples: only('completed', (s) =>
      Object.entries(s.exercises)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([exercise, result]) => [exercise, result.outcome, age(s)]),
    ),
    comparableWith: NONE,
  },
  { id: 'mismatch_ageBand', population: 'completed', unit: 'session', dimensions: ['mismatch', 'ageBand'], tuples: only('completed', (s) => [[s.scores.mismatch, age(s)]]), comparableWith: NONE },
];

/** Sums a table's cells into new keys (a projection), e.g. month × age × category → age × category. */
function project(table: CountTable | undefined, shape: Pick<CountTable, 'population' | 'unit' | 'dimensions'>, key: (cell: Cell) => string[]): CountTable {
  const counts = new Map<string, number>();
  for (const cell of table?.cells ?? []) {
    const k = JSON.stringify(key(cell));
    counts.set(k, (counts.get(k) ?? 0) + cell.count);
  }
  return toTable(shape, counts);
}

/** Version-1 tables that have the same id, dimensions and codes in version 2. */
const SAME_SHAPE = [
  'month_status',
  'language_status',
  'accompanied_status',
  'abandoned_lastStep',
  'dsiArea_level_ageBand',
  'task_level_ageBand',
  'autonomyProfile_ageBand',
  'need_ageBand',
  'barrier_ageBand',
  'recommendation_ageBand',
  'exercise_outcome_ageBand',
  'mismatch_ageBand',
];

/**
 * Version-1 tables in version-2 shapes, where the rewrite is exact: version 1 counted its DSI
 * and illectronisme tables over completed visits only, which is `completion` = completed.
 * Version-2 tables that version 1 cannot give (item non-response, observed × DSI) are absent.
 */
export function upgradeV1Tables(v1: Tables): Tables {
  const out: Tables = {};
  for (const id of SAME_SHAPE) {
    const table = v1[id];
    if (table) out[id] = { ...table, dimensions: [...table.dimensions], cells: table.cells.map((c) => ({ ...c })) };
  }
  const dsi = v1['month_ageBand_dsiCategory'];
  if (dsi) {
    // Version 1 had no partial visits: its completed visits are the whole population.
    out['month_ageBand_dsiCategory'] = { ...dsi, population: 'completedOrPartial', dimensions: [...dsi.dimensions], cells: dsi.cells.map((c) => ({ ...c })) };
    out['month_completion_dsiCategory'] = project(dsi, { population: 'completedOrPartial', unit: 'session', dimensions: ['month', 'completion', 'dsiCategory'] }, (c) => [String(c['month']), 'completed', String(c['dsiCategory'])]);
    out['ageBand_completion_dsiCategory'] = project(dsi, { population: 'completedOrPartial', unit: 'session', dimensions: ['ageBand', 'completion', 'dsiCategory'] }, (c) => [String(c['ageBand']), 'completed', String(c['dsiCategory'])]);
  }
  const commune = v1['commune_dsiCategory'];
  if (commune) {
    out['commune_completion_dsiCategory'] = project(commune, { population: 'completedOrPartial', unit: 'session', dimensions: ['commune', 'completion', 'dsiCategory'] }, (c) => [String(c['commune']), 'completed', String(c['dsiCategory'])]);
  }
  const illectronisme = v1['ageBand_illectronisme'];
  if (illectronisme) {
    out['ageBand_completion_illectronisme'] = project(illectronisme, { population: 'completedOrPartial', unit: 'session', dimensions: ['ageBand', 'completion', 'illectronisme'] }, (c) => [String(c['ageBand']), 'completed', String(c['illectronisme'])]);
  }
  return out;
}
