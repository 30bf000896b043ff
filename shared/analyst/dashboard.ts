/**
 * The analysts' indicators, computed from the summed export tables of the selected kiosks
 * and protected before they leave this module (shared/analyst/disclosure.ts). Pure: the main
 * process sums the tables in SQL, the publication reuses the same panels.
 *
 * Filters and the export tables. Exports carry only the declared cross-tables
 * (shared/export/tables.ts), so a filter applies to a panel only where its table has that
 * dimension. "withPartial" (the default) counts completed visits and visits abandoned once
 * their DSI category was settled; "completedOnly" counts completed visits (docs/scoring.md §7):
 *
 * | panel              | table (withPartial / completedOnly)                         | site | period        | age | commune |
 * |--------------------|-------------------------------------------------------------|------|---------------|-----|---------|
 * | participation      | month_status                                                | yes  | by month      | –   | –       |
 * | abandonment        | abandoned_lastStep                                          | yes  | whole exports | –   | –       |
 * | dsi                | month_ageBand_dsiCategory / ageBand_completion_dsiCategory  | yes  | by month / whole exports | yes | – |
 * |   with a commune   | commune_completion_dsiCategory                              | yes  | whole exports | –   | yes     |
 * | illectronisme      | ageBand_completion_illectronisme                            | yes  | whole exports | yes | –       |
 * |   with a commune   | commune_completion_dsiCategory                              | yes  | whole exports | –   | yes     |
 * | illectronismeTrend | month_ageBand_dsiCategory / month_completion_dsiCategory    | yes  | by month      | yes / – | –   |
 * | autonomy           | task_level_ageBand                                          | yes  | whole exports | yes | –       |
 * | needs, barriers    | need_ageBand, barrier_ageBand                               | yes  | whole exports | yes | –       |
 * | recommendations    | recommendation_ageBand                                      | yes  | whole exports | yes | –       |
 * | communes           | commune_completion_dsiCategory                              | yes  | whole exports | –   | yes     |
 * | declaredObserved   | observedLevel_dsiCategory_ageBand (completed visits)        | yes  | whole exports | yes | –       |
 *
 * "By month": cells are kept month by month inside the period. "Whole exports": the table has
 * no month, so it counts the exports whose whole period lies inside the chosen period (the
 * coverage says how many exports straddle a bound and are left out). A panel whose table
 * lacks a filtered dimension is marked unavailable rather than shown unfiltered.
 *
 * Illectronisme by age reads INSEE's flag as exported (YES, NO, or `unknown` when item
 * non-response leaves both possible); elsewhere (trend, communes) it is read from the DSI
 * category, where a category left open (`notDetermined`) counts as `unknown`. Shares are
 * YES / (YES + NO): unknown is shown, never counted as "no".
 */
import { HELP_NEEDS } from '../orientation/directory';
import { AUTONOMY_TASKS, questionnaire } from '../questionnaire/definition';
import communes from '../questionnaire/communes.generated.json';
import { illectronismeCodeOf } from '../scoring/illectronisme';
import { DSI_CATEGORIES, ILLECTRONISME_CODES, OBSERVED_LEVELS, type DsiCategory } from '../scoring/types';
import { DIMENSIONS, type Cell, type Tables } from '../export/tables';
import { protectGrid, shareOf, type ProtectedGrid } from './disclosure';
import { DEFAULT_COMPLETION, type AnalystDashboard, type DashboardFilters, type FilterId, type Panel, type PanelId, type PanelTable } from './types';

export const AGE_BANDS = DIMENSIONS.ageBand.codes.filter((c) => /^A\d/.test(c));
/** DK, REF and "not reached" are merged into one row: "not given". */
export const NOT_GIVEN = 'NA';
export const AGE_ROWS = [...AGE_BANDS, NOT_GIVEN];
export const COMMUNE_CODES = communes.map((c) => `C${c.code}`);
export const COMMUNE_ROWS = [...COMMUNE_CODES, 'OUTSIDE', NOT_GIVEN];
export const AUTONOMY_COLUMNS = ['ALONE', 'WITH_HELP', 'CANNOT', NOT_GIVEN];
const SINGLE_ANSWERS = new Set(['DK', 'REF', 'MISSING']);
const withoutMissing = (codes: readonly string[]) => codes.filter((c) => !SINGLE_ANSWERS.has(c));
export const NEED_ROWS = [...withoutMissing(DIMENSIONS.need.codes), NOT_GIVEN];
export const BARRIER_ROWS = [...withoutMissing(DIMENSIONS.barrier.codes), NOT_GIVEN];
export const RECOMMENDATION_ROWS = [...HELP_NEEDS, 'NONE'];
export const ABANDON_ROWS = ['privacy', ...questionnaire.sections.map((s) => s.id), 'other'];
const POPULATION = new Map(communes.map((c) => [`C${c.code}`, c.population]));

/** The illectronisme columns: YES, NO, and unknown (item non-response), never merged into NO. */
export const ILLECTRONISME_COLUMNS = [...ILLECTRONISME_CODES];
export const illectronismeOfCategory = (code: string) => illectronismeCodeOf((DSI_CATEGORIES as readonly string[]).includes(code) ? (code as DsiCategory) : 'notDetermined');

/** YES / (YES + NO) of a protected row, or null when a term is hidden. */
function determinedShare(row: readonly (number | null)[]): number | null {
  const [yes, no] = row;
  if (yes === null || yes === undefined || no === null || no === undefined) return null;
  return shareOf(yes, yes + no);
}

export interface DashboardInput {
  /** Summed tables of every export of the selected site(s): panels cut by month use them. */
  byMonth: Tables;
  /** Summed tables of the selected exports whose period lies inside the period filter. */
  wholeExports: Tables;
  bundles: number;
  kiosks: number;
  /** Exports of the selection left out of whole-export panels because they straddle a bound. */
  straddling: number;
  /** Per table: questionnaire versions present but not summed (shared/export/table-sets.ts). */
  leftOut?: Readonly<Record<string, readonly string[]>>;
}

const inPeriod = (month: string, f: DashboardFilters) => (f.from === null || month >= f.from) && (f.to === null || month <= f.to);
export const ageOf = (code: string) => (AGE_BANDS.includes(code) ? code : NOT_GIVEN);
export const orNotGiven = (rows: readonly string[], code: string) => (rows.includes(code) ? code : NOT_GIVEN);

function cellsOf(tables: Tables, id: string): Cell[] {
  return tables[id]?.cells ?? [];
}

/** Every month from `from` to `to` (YYYY-MM), inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > to) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Counts cells into a rows × columns grid (codes outside the lists are dropped). */
function grid(rows: readonly string[], columns: readonly string[], entries: Iterable<[string, string, number]>): number[][] {
  const out = rows.map(() => columns.map(() => 0));
  for (const [r, c, n] of entries) {
    const i = rows.indexOf(r);
    const j = columns.indexOf(c);
    if (i >= 0 && j >= 0) (out[i] as number[])[j] = ((out[i] as number[])[j] ?? 0) + n;
  }
  return out;
}

/**
 * Protects one table of counts (with its margins). By default each table on its own
 * (`protectGrid`, enough for a screen the analyst reads); the publication passes a protector
 * that applies one suppression pattern computed over every published table together
 * (shared/analyst/sdc/). `id` names the table: a panel id, `completedByAge` or `sessions`.
 */
export type TableProtector = (id: string, counts: number[][]) => ProtectedGrid;

/** Where a session left the questionnaire, as the abandonment panel groups it. */
export function abandonStep(lastStep: string): string {
  return lastStep === 'privacy' ? 'privacy' : (SECTION_OF.get(lastStep) ?? 'other');
}
const SECTION_OF = new Map(questionnaire.questions.map((q) => [q.id, q.section]));

function panel(id: PanelId, period: Panel['period'], blockedBy: FilterId[], build: () => Omit<Panel, 'id' | 'status' | 'blockedBy' | 'period'>): Panel {
  if (blockedBy.length > 0) return { id, status: 'unavailable', blockedBy, period, table: null };
  return { id, status: 'ok', blockedBy: [], period, ...build() };
}

function blocked(f: DashboardFilters, unsupported: FilterId[]): FilterId[] {
  return unsupported.filter((id) => (id === 'period' ? f.from !== null || f.to !== null : f[id] !== null));
}

export function computeAnalystDashboard(input: DashboardInput, filters: DashboardFilters, k: number, protector?: TableProtector): AnalystDashboard {
  const f = filters;
  const protect: TableProtector = protector ?? ((_, counts) => protectGrid(counts, k));
  const table = (id: string, rowDimension: string, rows: string[], columnDimension: string, columns: string[], counts: number[][]): PanelTable => ({
    rows: { dimension: rowDimension, codes: rows },
    columns: { dimension: columnDimension, codes: columns },
    ...protect(id, counts),
  });
  const ages = f.ageBand === null ? AGE_ROWS : [f.ageBand];

  // Participation: month × status, months inside the period, every month between the first and last.
  const statusCells = cellsOf(input.byMonth, 'month_status').filter((c) => inPeriod(String(c['month']), f));
  const seenMonths = statusCells.map((c) => String(c['month'])).sort();
  const months = seenMonths.length ? monthRange(f.from ?? (seenMonths[0] as string), f.to ?? (seenMonths.at(-1) as string)) : [];
  const sessions = statusCells.reduce((s, c) => s + c.count, 0);

  const completion = f.completion ?? DEFAULT_COMPLETION;
  const withPartial = completion === 'withPartial';
  const inCompletion = (c: Cell) => withPartial || String(c['completion']) === 'completed';

  const dsiCells = cellsOf(input.byMonth, 'month_ageBand_dsiCategory').filter((c) => inPeriod(String(c['month']), f));
  const dsiByAge = (): number[][] =>
    withPartial
      ? grid(ages, DSI_CATEGORIES, dsiCells.map((c) => [ageOf(String(c['ageBand'])), String(c['dsiCategory']), c.count]))
      : grid(ages, DSI_CATEGORIES, cellsOf(input.wholeExports, 'ageBand_completion_dsiCategory').filter(inCompletion).map((c) => [ageOf(String(c['ageBand'])), String(c['dsiCategory']), c.count]));
  const communeCells = () => cellsOf(input.wholeExports, 'commune_completion_dsiCategory').filter(inCompletion);
  const dsiForCommune = (): number[][] =>
    grid([f.commune as string], DSI_CATEGORIES, communeCells().map((c) => [orNotGiven(COMMUNE_ROWS, String(c['commune'])), String(c['dsiCategory']), c.count]));
  const withCommune = f.commune !== null;
  const dsiPeriod: Panel['period'] = withCommune || !withPartial ? 'wholeExports' : 'months';
  const dsiBlocked = withCommune && f.ageBand !== null ? (['ageBand', 'commune'] as FilterId[]) : [];
  const dsiRows = withCommune ? [f.commune as string] : ages;
  const dsiCounts = () => (withCommune ? dsiForCommune() : dsiByAge());
  const illectronismeCounts = (): number[][] =>
    withCommune
      ? grid([f.commune as string], ILLECTRONISME_COLUMNS, communeCells().map((c) => [orNotGiven(COMMUNE_ROWS, String(c['commune'])), illectronismeOfCategory(String(c['dsiCategory'])), c.count]))
      : grid(ages, ILLECTRONISME_COLUMNS, cellsOf(input.wholeExports, 'ageBand_completion_illectronisme').filter(inCompletion).map((c) => [ageOf(String(c['ageBand'])), String(c['illectronisme']), c.count]));

  /** Completed sessions by age band (row: every age band of the panel's columns). */
  const completedByAge = (): number[][] => [
    grid(['completed'], ages, cellsOf(input.wholeExports, 'ageBand_completion_illectronisme').filter((c) => String(c['completion']) === 'completed').map((c) => ['completed', ageOf(String(c['ageBand'])), c.count]))[0] as number[],
  ];

  /** rows × ages from a "code × ageBand" table of mentions, with shares of completed sessions. */
  const mentions = (id: PanelId, tableId: string, dimension: string, rows: string[]): Panel =>
    panel(id, 'wholeExports', blocked(f, ['commune']), () => {
      const t = table(
        id,
        dimension,
        rows,
        'ageBand',
        ages,
        grid(rows, ages, cellsOf(input.wholeExports, tableId).map((c) => [orNotGiven(rows, String(c[dimension])), ageOf(String(c['ageBand'])), c.count])),
      );
      const completed = protect('completedByAge', completedByAge());
      const denominator = completed.total;
      return { table: t, denominators: rows.map(() => denominator), rowShares: t.rowTotals.map((n) => shareOf(n, denominator)), columnDenominators: completed.cells[0] ?? [] };
    });

  const panels: Panel[] = [
    panel('participation', 'months', blocked(f, ['ageBand', 'commune']), () => {
      const t = table('participation', 'month', months, 'status', ['completed', 'abandoned'], grid(months, ['completed', 'abandoned'], statusCells.map((c) => [String(c['month']), String(c['status']), c.count])));
      return { table: t, rowShares: t.cells.map((row, i) => shareOf(row[0] ?? null, t.rowTotals[i] ?? null)), overallShare: shareOf(t.columnTotals[0] ?? null, t.total) };
    }),
    panel('abandonment', 'wholeExports', blocked(f, ['ageBand', 'commune']), () => {
      return {
        table: table('abandonment', 'section', ABANDON_ROWS, 'status', ['abandoned'], grid(ABANDON_ROWS, ['abandoned'], cellsOf(input.wholeExports, 'abandoned_lastStep').map((c) => [abandonStep(String(c['lastStep'])), 'abandoned', c.count]))),
      };
    }),
    panel('dsi', dsiPeriod, dsiBlocked, () => ({ table: table('dsi', withCommune ? 'commune' : 'ageBand', dsiRows, 'dsiCategory', [...DSI_CATEGORIES], dsiCounts()) })),
    panel('illectronisme', 'wholeExports', dsiBlocked, () => {
      const t = table('illectronisme', withCommune ? 'commune' : 'ageBand', dsiRows, 'illectronisme', ILLECTRONISME_COLUMNS, illectronismeCounts());
      return { table: t, rowShares: t.cells.map(determinedShare), overallShare: determinedShare(t.columnTotals) };
    }),
    panel('illectronismeTrend', 'months', blocked(f, withPartial ? ['commune'] : ['commune', 'ageBand']), () => {
      const cells = withPartial
        ? dsiCells.filter((c) => f.ageBand === null || ageOf(String(c['ageBand'])) === f.ageBand)
        : cellsOf(input.byMonth, 'month_completion_dsiCategory').filter((c) => inPeriod(String(c['month']), f) && inCompletion(c));
      const counts = grid(months, ILLECTRONISME_COLUMNS, cells.map((c) => [String(c['month']), illectronismeOfCategory(String(c['dsiCategory'])), c.count]));
      const t = table('illectronismeTrend', 'month', months, 'illectronisme', ILLECTRONISME_COLUMNS, counts);
      return { table: t, rowShares: t.cells.map(determinedShare), overallShare: determinedShare(t.columnTotals) };
    }),
    panel('autonomy', 'wholeExports', blocked(f, ['commune']), () => {
      const cells = cellsOf(input.wholeExports, 'task_level_ageBand').filter((c) => f.ageBand === null || ageOf(String(c['ageBand'])) === f.ageBand);
      const t = table('autonomy', 'task', [...AUTONOMY_TASKS], 'autonomyLevel', AUTONOMY_COLUMNS, grid([...AUTONOMY_TASKS], AUTONOMY_COLUMNS, cells.map((c) => [String(c['task']), orNotGiven(AUTONOMY_COLUMNS, String(c['autonomyLevel'])), c.count])));
      return { table: t, rowShares: t.cells.map((row, i) => shareOf(row[0] ?? null, t.rowTotals[i] ?? null)) };
    }),
    mentions('needs', 'need_ageBand', 'need', NEED_ROWS),
    mentions('barriers', 'barrier_ageBand', 'barrier', BARRIER_ROWS),
    mentions('recommendations', 'recommendation_ageBand', 'recommendation', RECOMMENDATION_ROWS),
    panel('communes', 'wholeExports', blocked(f, ['ageBand']), () => {
      // One grid (commune × illectronisme) gives both the participation (row totals) and the
      // share, so the two are protected together and cannot be played against each other.
      const rows = f.commune === null ? COMMUNE_ROWS : [f.commune];
      const counts = grid(rows, ILLECTRONISME_COLUMNS, communeCells().map((c) => [orNotGiven(COMMUNE_ROWS, String(c['commune'])), illectronismeOfCategory(String(c['dsiCategory'])), c.count]));
      const t = table('communes', 'commune', rows, 'illectronisme', ILLECTRONISME_COLUMNS, counts);
      const populations = rows.map((code) => POPULATION.get(code) ?? null);
      return {
        table: t,
        rowShares: t.cells.map(determinedShare),
        overallShare: determinedShare(t.columnTotals),
        populations,
        ratesPer1000: t.rowTotals.map((n, i) => shareOf(n, populations[i] ?? null, 1000)),
      };
    }),
    // Declared versus observed: the exercises' level (rows) beside the declared DSI category.
    panel('declaredObserved', 'wholeExports', blocked(f, ['commune']), () => {
      const cells = cellsOf(input.wholeExports, 'observedLevel_dsiCategory_ageBand').filter((c) => f.ageBand === null || ageOf(String(c['ageBand'])) === f.ageBand);
      const rows = [...OBSERVED_LEVELS];
      const t = table('declaredObserved', 'observedLevel', rows, 'dsiCategory', [...DSI_CATEGORIES], grid(rows, DSI_CATEGORIES, cells.map((c) => [String(c['observedLevel']), String(c['dsiCategory']), c.count])));
      return { table: t };
    }),
  ];
  // Say which versions a panel leaves out (never summed with the newest version's tables).
  const tablesOf: Partial<Record<PanelId, string[]>> = {
    dsi: ['month_ageBand_dsiCategory', 'ageBand_completion_dsiCategory', 'commune_completion_dsiCategory'],
    illectronisme: ['ageBand_completion_illectronisme', 'commune_completion_dsiCategory'],
    illectronismeTrend: ['month_ageBand_dsiCategory', 'month_completion_dsiCategory'],
    autonomy: ['task_level_ageBand'],
    needs: ['need_ageBand'],
    barriers: ['barrier_ageBand'],
    recommendations: ['recommendation_ageBand'],
    communes: ['commune_completion_dsiCategory'],
    declaredObserved: ['observedLevel_dsiCategory_ageBand'],
    participation: ['month_status'],
    abandonment: ['abandoned_lastStep'],
  };
  for (const p of panels) {
    const versions = new Set((tablesOf[p.id] ?? []).flatMap((id) => input.leftOut?.[id] ?? []));
    if (versions.size > 0) p.leftOutVersions = [...versions].sort();
  }

  return {
    k,
    filters: { ...f },
    coverage: {
      bundles: input.bundles,
      kiosks: input.kiosks,
      sessions: protect('sessions', [[sessions]]).total,
      from: months[0] ?? null,
      to: months.at(-1) ?? null,
      straddling: input.straddling,
    },
    completion,
    panels,
  };
}

export function panelById(dashboard: AnalystDashboard, id: PanelId): Panel {
  const found = dashboard.panels.find((p) => p.id === id);
  if (!found) throw new Error(`no panel ${id}`);
  return found;
}
