/**
 * The site dashboard's figures, computed where the counts are (the main process) so that a
 * count below the small-cell threshold k never reaches the screen: it leaves this module as
 * `{ belowK: true }`, without its value. Shares are given only when both their terms reach k.
 * No totals are shown beside suppressed cells, so a hidden cell cannot be recovered by
 * subtraction.
 *
 * The kiosk keeps counts, not visits (electron/services/counts.ts): every figure here is read
 * from the declared export tables (shared/export/tables.ts), summed over every period. The
 * finest time is the month.
 */
import { AUTONOMY_TASKS, questionnaire } from '../questionnaire/definition';
import { AUTONOMY_PROFILES, DSI_CATEGORIES } from '../scoring/types';
import { DIMENSIONS, MISSING, type Cell, type Tables } from '../export/tables';
import { ILLECTRONISME_CODES } from '../scoring/types';
import type { DashboardData, DashboardMatrix, Figure } from './types';

/** The dashboard shows visits per month over this many months, ending with the current one. */
export const DASHBOARD_MONTHS = 12;

const AGE_BANDS = DIMENSIONS.ageBand.codes.filter((c) => c.startsWith('A'));
const AGE_SERIES = [...AGE_BANDS, MISSING];
const LEVELS = ['ALONE', 'WITH_HELP', 'CANNOT', MISSING];

export function figure(count: number, k: number): Figure {
  return count >= k ? { n: count } : { belowK: true };
}

/** Age band, with "don't know", "refused" and "not reached" merged: the dashboard is small. */
function ageOf(code: string): string {
  return AGE_BANDS.includes(code) ? code : MISSING;
}

/** The `count` months ending with the month of `today` (YYYY-MM-DD), oldest first. */
export function lastMonths(today: string, count: number): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - 1;
  return Array.from({ length: count }, (_, i) => {
    const total = year * 12 + month - (count - 1 - i);
    return `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}`;
  });
}

/** Counts into rows × series: `pairs` gives the (row, series) pairs a cell adds its count to. */
function matrix(
  id: DashboardMatrix['id'],
  rows: DashboardMatrix['rows'],
  series: DashboardMatrix['series'],
  cells: readonly Cell[],
  pairs: (c: Cell) => [string, string][],
  k: number,
): DashboardMatrix & { raw: number[][] } {
  const raw = rows.codes.map(() => series.codes.map(() => 0));
  for (const cell of cells) {
    for (const [r, c] of pairs(cell)) {
      const i = rows.codes.indexOf(r);
      const j = series.codes.indexOf(c);
      const row = raw[i];
      if (row && j >= 0) row[j] = (row[j] ?? 0) + cell.count;
    }
  }
  return { id, rows, series, values: raw.map((row) => row.map((n) => figure(n, k))), raw };
}

function publicMatrix(m: DashboardMatrix & { raw?: number[][] }): DashboardMatrix {
  const { raw: _raw, ...rest } = m;
  return rest;
}

const code = (cell: Cell, dimension: string) => String(cell[dimension]);

/**
 * The dashboard of tables in this build's shapes (every period summed; `combineVersions`
 * for counts of several questionnaire versions). Completed visits only where the table
 * counts partial ones too (`completion`).
 */
export function computeDashboard(tables: Tables, k: number, today: string): DashboardData {
  const cells = (id: string): Cell[] => tables[id]?.cells ?? [];
  const completedOnly = (id: string) => cells(id).filter((c) => c['completion'] === 'completed');
  const byStatus = cells('month_status');
  const total = byStatus.reduce((n, c) => n + c.count, 0);
  const months = byStatus.map((c) => code(c, 'month')).sort();
  const sectionOf = new Map(questionnaire.questions.map((q) => [q.id, q.section]));
  const sections = ['privacy', ...questionnaire.sections.map((s) => s.id)];

  const illectronisme = matrix(
    'illectronismeByAge',
    { dimension: 'ageBand', codes: AGE_SERIES },
    // "unknown" (item non-response) is counted apart and left out of the share, never taken for "no".
    { dimension: 'illectronisme', codes: [...ILLECTRONISME_CODES] },
    completedOnly('ageBand_completion_illectronisme'),
    (c) => [[ageOf(code(c, 'ageBand')), code(c, 'illectronisme')]],
    k,
  );
  const shares = illectronisme.raw.map(([yes = 0, no = 0]) => (yes >= k && yes + no >= k ? Math.round((100 * yes) / (yes + no)) : null));

  const matrices: DashboardMatrix[] = [
    matrix(
      'sessionsPerMonth',
      { dimension: 'month', codes: lastMonths(today, DASHBOARD_MONTHS) },
      { dimension: 'status', codes: ['completed', 'abandoned'] },
      byStatus,
      (c) => [[code(c, 'month'), code(c, 'status')]],
      k,
    ),
    matrix('completion', { dimension: 'status', codes: ['completed', 'abandoned'] }, { dimension: 'total', codes: ['total'] }, byStatus, (c) => [[code(c, 'status'), 'total']], k),
    matrix(
      'abandonSection',
      { dimension: 'section', codes: sections },
      { dimension: 'total', codes: ['total'] },
      cells('abandoned_lastStep'),
      (c) => [[code(c, 'lastStep') === 'privacy' ? 'privacy' : (sectionOf.get(code(c, 'lastStep')) ?? 'privacy'), 'total']],
      k,
    ),
    matrix(
      'dsiByAge',
      { dimension: 'dsiCategory', codes: [...DSI_CATEGORIES] },
      { dimension: 'ageBand', codes: AGE_SERIES },
      completedOnly('ageBand_completion_dsiCategory'),
      (c) => [[code(c, 'dsiCategory'), ageOf(code(c, 'ageBand'))]],
      k,
    ),
    { ...publicMatrix(illectronisme), shares },
    matrix(
      'autonomyTasks',
      { dimension: 'task', codes: [...AUTONOMY_TASKS] },
      { dimension: 'autonomyLevel', codes: LEVELS },
      cells('task_level_ageBand'),
      (c) => [[code(c, 'task'), LEVELS.includes(code(c, 'autonomyLevel')) ? code(c, 'autonomyLevel') : MISSING]],
      k,
    ),
    matrix(
      'autonomyProfileByAge',
      { dimension: 'autonomyProfile', codes: [...AUTONOMY_PROFILES] },
      { dimension: 'ageBand', codes: AGE_SERIES },
      cells('autonomyProfile_ageBand'),
      (c) => [[code(c, 'autonomyProfile'), ageOf(code(c, 'ageBand'))]],
      k,
    ),
    matrix(
      'needsByAge',
      { dimension: 'need', codes: [...DIMENSIONS.need.codes] },
      { dimension: 'ageBand', codes: AGE_SERIES },
      cells('need_ageBand'),
      (c) => [[code(c, 'need'), ageOf(code(c, 'ageBand'))]],
      k,
    ),
    matrix(
      'barriersByAge',
      { dimension: 'barrier', codes: [...DIMENSIONS.barrier.codes] },
      { dimension: 'ageBand', codes: AGE_SERIES },
      cells('barrier_ageBand'),
      (c) => [[code(c, 'barrier'), ageOf(code(c, 'ageBand'))]],
      k,
    ),
  ].map(publicMatrix);

  return {
    k,
    period: months.length ? { from: months[0] as string, to: months.at(-1) as string } : null,
    sessions: figure(total, k),
    matrices,
  };
}
