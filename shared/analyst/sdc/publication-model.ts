/**
 * The model (./model.ts) of everything `reperes publish` writes: the whole-territory
 * dashboard (no filter, completed and partial visits). Every published table is placed on
 * atoms of its export table, and the export tables are tied where they count the same visits:
 *
 * | source (atoms)                               | published tables                               |
 * |----------------------------------------------|------------------------------------------------|
 * | month_status: month × status                 | participation, the coverage's session count     |
 * | abandoned_lastStep: section                  | abandonment                                    |
 * | month_ageBand_dsiCategory: month × age × DSI | dsi (age × DSI), illectronismeTrend (month × illectronisme) |
 * | ageBand_completion_illectronisme             | illectronisme (age × flag), completed visits by age (mention denominators) |
 * | commune_completion_dsiCategory               | communes (commune × illectronisme)             |
 * | task_level_ageBand: task × level             | autonomy                                       |
 * | need/barrier/recommendation_ageBand          | needs, barriers, recommendations               |
 *
 * Relations between sources (each holds for any set of visits; the builder drops one the
 * true counts break and says so):
 * - visits with a settled DSI category, by age band: the DSI table = the illectronisme table;
 * - by illectronisme code (read from the DSI category): the commune table = the DSI table;
 * - by month: completed ≤ completed-or-partial ≤ completed + abandoned;
 * - completed visits: the illectronisme table's `completed` = the status table's, and every
 *   autonomy task counts each completed visit once;
 * - abandoned visits: the abandonment table = the status table's;
 * - mentions, by age band: a completed visit mentions each code at most once and at least one
 *   code (a "not given" answer included), so cell ≤ completed visits ≤ column sum.
 */
import { AUTONOMY_TASKS } from '../../questionnaire/definition';
import { DSI_CATEGORIES, ILLECTRONISME_CODES } from '../../scoring/types';
import type { Cell, Tables } from '../../export/tables';
import { margins, type ProtectedGrid } from '../disclosure';
import {
  ABANDON_ROWS,
  AGE_ROWS,
  AUTONOMY_COLUMNS,
  BARRIER_ROWS,
  COMMUNE_ROWS,
  NEED_ROWS,
  RECOMMENDATION_ROWS,
  abandonStep,
  ageOf,
  computeAnalystDashboard,
  illectronismeOfCategory,
  orNotGiven,
  panelById,
  type DashboardInput,
} from '../dashboard';
import { NO_FILTERS } from '../types';
import { ModelBuilder, type DisclosureModel } from './model';

const STATUSES = ['completed', 'abandoned'];
const COMPLETIONS = ['completed', 'partial'];
const ILL = [...ILLECTRONISME_CODES];
const MENTIONS = [
  ['needs', 'need_ageBand', 'need', NEED_ROWS],
  ['barriers', 'barrier_ageBand', 'barrier', BARRIER_ROWS],
  ['recommendations', 'recommendation_ageBand', 'recommendation', RECOMMENDATION_ROWS],
] as const;

/** A protector that hides nothing: the true counts of every table, with their margins. */
export const unprotected = (_id: string, counts: number[][]): ProtectedGrid => ({ cells: counts.map((r) => [...r]), ...margins(counts) });

const cellsOf = (tables: Tables, id: string): Cell[] => tables[id]?.cells ?? [];

/** The model of the publication made from `input` (whole territory, default completion). */
export function publicationModel(input: DashboardInput): DisclosureModel {
  const raw = computeAnalystDashboard(input, NO_FILTERS, 1, unprotected);
  const months = panelById(raw, 'participation').table?.rows.codes ?? [];
  const b = new ModelBuilder();
  const key = (...parts: string[]) => parts.join('|');

  // Atoms, with their true counts (codes outside a table's rows are dropped, as on the dashboard).
  for (const m of months) for (const s of STATUSES) b.atom(key('D', m, s));
  for (const c of cellsOf(input.byMonth, 'month_status')) if (months.includes(String(c['month'])) && STATUSES.includes(String(c['status']))) b.add(key('D', String(c['month']), String(c['status'])), c.count);
  for (const s of ABANDON_ROWS) b.atom(key('E', s));
  for (const c of cellsOf(input.wholeExports, 'abandoned_lastStep')) b.add(key('E', abandonStep(String(c['lastStep']))), c.count);
  for (const m of months) for (const a of AGE_ROWS) for (const d of DSI_CATEGORIES) b.atom(key('A', m, a, d));
  for (const c of cellsOf(input.byMonth, 'month_ageBand_dsiCategory')) {
    const d = String(c['dsiCategory']);
    if (months.includes(String(c['month'])) && (DSI_CATEGORIES as readonly string[]).includes(d)) b.add(key('A', String(c['month']), ageOf(String(c['ageBand'])), d), c.count);
  }
  for (const a of AGE_ROWS) for (const p of COMPLETIONS) for (const f of ILL) b.atom(key('B', a, p, f));
  for (const c of cellsOf(input.wholeExports, 'ageBand_completion_illectronisme')) {
    // As on the dashboard: every completion counts, and only `completed` is a completed visit.
    const completion = String(c['completion']) === 'completed' ? 'completed' : 'partial';
    if (ILL.includes(String(c['illectronisme']) as (typeof ILL)[number])) b.add(key('B', ageOf(String(c['ageBand'])), completion, String(c['illectronisme'])), c.count);
  }
  for (const r of COMMUNE_ROWS) for (const f of ILL) b.atom(key('C', r, f));
  for (const c of cellsOf(input.wholeExports, 'commune_completion_dsiCategory')) b.add(key('C', orNotGiven(COMMUNE_ROWS, String(c['commune'])), illectronismeOfCategory(String(c['dsiCategory']))), c.count);
  for (const t of AUTONOMY_TASKS) for (const l of AUTONOMY_COLUMNS) b.atom(key('F', t, l));
  for (const c of cellsOf(input.wholeExports, 'task_level_ageBand')) {
    if ((AUTONOMY_TASKS as readonly string[]).includes(String(c['task']))) b.add(key('F', String(c['task']), orNotGiven(AUTONOMY_COLUMNS, String(c['autonomyLevel']))), c.count);
  }
  for (const [id, tableId, dimension, rows] of MENTIONS) {
    for (const r of rows) for (const a of AGE_ROWS) b.atom(key(id, r, a));
    for (const c of cellsOf(input.wholeExports, tableId)) b.add(key(id, orNotGiven(rows, String(c[dimension])), ageOf(String(c['ageBand']))), c.count);
  }

  const at = (...parts: string[]) => b.atom(key(...parts));
  const ofCode = (code: string) => DSI_CATEGORIES.filter((d) => illectronismeOfCategory(d) === code);

  // Published tables, in the dashboard's row and column order.
  const participation = b.table('participation', months.length, STATUSES.length, (i, j) => [at('D', months[i] as string, STATUSES[j] as string)]);
  b.table('sessions', 1, 1, () => months.flatMap((m) => STATUSES.map((s) => at('D', m, s))));
  const abandonment = b.table('abandonment', ABANDON_ROWS.length, 1, (i) => [at('E', ABANDON_ROWS[i] as string)]);
  const dsi = b.table('dsi', AGE_ROWS.length, DSI_CATEGORIES.length, (i, j) => months.map((m) => at('A', m, AGE_ROWS[i] as string, DSI_CATEGORIES[j] as string)));
  const trend = b.table('illectronismeTrend', months.length, ILL.length, (i, j) => AGE_ROWS.flatMap((a) => ofCode(ILL[j] as string).map((d) => at('A', months[i] as string, a, d))));
  const ill = b.table('illectronisme', AGE_ROWS.length, ILL.length, (i, j) => COMPLETIONS.map((p) => at('B', AGE_ROWS[i] as string, p, ILL[j] as string)));
  const completed = b.table('completedByAge', 1, AGE_ROWS.length, (_, j) => ILL.map((f) => at('B', AGE_ROWS[j] as string, 'completed', f)));
  const communes = b.table('communes', COMMUNE_ROWS.length, ILL.length, (i, j) => [at('C', COMMUNE_ROWS[i] as string, ILL[j] as string)]);
  const autonomy = b.table('autonomy', AUTONOMY_TASKS.length, AUTONOMY_COLUMNS.length, (i, j) => [at('F', AUTONOMY_TASKS[i] as string, AUTONOMY_COLUMNS[j] as string)]);
  const mentionTables = MENTIONS.map(([id, , , rows]) => ({ id, rows, placement: b.table(id, rows.length, AGE_ROWS.length, (i, j) => [at(id, rows[i] as string, AGE_ROWS[j] as string)]) }));

  // Figures at a position: row total i, column total j, grand total.
  const rowTotal = (p: { rows: number; columns: number; figures: number[] }, i: number) => p.figures[p.rows * p.columns + i] as number;
  const columnTotal = (p: { rows: number; columns: number; figures: number[] }, j: number) => p.figures[p.rows * p.columns + p.rows + j] as number;
  const grand = (p: { figures: number[] }) => p.figures.at(-1) as number;
  const D = (s: string) => months.map((m) => at('D', m, s));
  const Bcompleted = (a: string) => ILL.map((f) => at('B', a, 'completed', f));

  // Relations between sources.
  AGE_ROWS.forEach((a, i) => {
    b.relate(`age ${a}: DSI = illectronisme`, months.flatMap((m) => DSI_CATEGORIES.map((d) => at('A', m, a, d))), COMPLETIONS.flatMap((p) => ILL.map((f) => at('B', a, p, f))), 0, 0);
    b.group([rowTotal(dsi, i), rowTotal(ill, i)]);
  });
  ILL.forEach((f, j) => {
    b.relate(`illectronisme ${f}: communes = DSI`, COMMUNE_ROWS.map((r) => at('C', r, f)), months.flatMap((m) => AGE_ROWS.flatMap((a) => ofCode(f).map((d) => at('A', m, a, d)))), 0, 0);
    b.group([columnTotal(communes, j), columnTotal(trend, j), ...ofCode(f).map((d) => columnTotal(dsi, DSI_CATEGORIES.indexOf(d)))]);
  });
  months.forEach((m, i) => {
    const withDsi = AGE_ROWS.flatMap((a) => DSI_CATEGORIES.map((d) => at('A', m, a, d)));
    b.relate(`month ${m}: completed ≤ with a DSI category`, withDsi, [at('D', m, 'completed')], 0, Infinity);
    b.relate(`month ${m}: with a DSI category ≤ all visits`, withDsi, [at('D', m, 'completed'), at('D', m, 'abandoned')], -Infinity, 0);
    b.group([rowTotal(trend, i), rowTotal(participation, i), ...participation.figures.slice(i * 2, i * 2 + 2)]);
  });
  b.relate('completed visits: illectronisme = status', AGE_ROWS.flatMap(Bcompleted), D('completed'), 0, 0);
  b.group([grand(completed), columnTotal(participation, 0), ...AUTONOMY_TASKS.map((_, i) => rowTotal(autonomy, i))]);
  AUTONOMY_TASKS.forEach((t) => b.relate(`task ${t}: one answer per completed visit`, AUTONOMY_COLUMNS.map((l) => at('F', t, l)), D('completed'), 0, 0));
  b.relate('abandoned visits: abandonment = status', ABANDON_ROWS.map((s) => at('E', s)), D('abandoned'), 0, 0);
  b.group([grand(abandonment), columnTotal(participation, 1)]);
  for (const { id, rows, placement } of mentionTables) {
    AGE_ROWS.forEach((a, j) => {
      b.relate(`${id} ${a}: at least one mention per completed visit`, rows.map((r) => at(id, r, a)), Bcompleted(a), 0, Infinity);
      rows.forEach((r) => b.relate(`${id} ${r} ${a}: at most one mention per completed visit`, [at(id, r, a)], Bcompleted(a), -Infinity, 0));
      b.group([columnTotal(placement, j), completed.figures[j] as number]);
    });
  }
  return b.build();
}
