/**
 * The publication's dashboard, protected as one whole: one suppression pattern over every
 * published table (./publication-model.ts), checked by intervals (./intervals.ts), then
 * applied table by table. A table the model does not place (not published) is hidden whole.
 */
import type { Highs } from 'highs';
import { computeAnalystDashboard, type DashboardInput, type TableProtector } from '../dashboard';
import { gridLayout, margins, type ProtectedGrid } from '../disclosure';
import { NO_FILTERS, type AnalystDashboard } from '../types';
import { protectModel, type SolverStats } from './intervals';
import type { DisclosureModel } from './model';
import { publicationModel } from './publication-model';

export interface ProtectedPublication {
  dashboard: AnalystDashboard;
  model: DisclosureModel;
  hidden: boolean[];
  stats: SolverStats;
  withheld: boolean;
}

function hideAll(counts: readonly (readonly number[])[]): ProtectedGrid {
  return { cells: counts.map((r) => r.map(() => null)), rowTotals: counts.map(() => null), columnTotals: (counts[0] ?? []).map(() => null), total: null };
}

export function protectPublication(input: DashboardInput, k: number, highs: Highs): ProtectedPublication {
  const model = publicationModel(input);
  const { hidden, stats, withheld } = protectModel(model, k, highs);
  const protector: TableProtector = (id, counts) => {
    const placement = model.tables.get(id);
    const rows = counts.length;
    const columns = counts[0]?.length ?? 0;
    if (!placement || placement.rows !== rows || placement.columns !== columns) return hideAll(counts);
    const sums = margins(counts);
    const flat = [...counts.flat(), ...sums.rowTotals, ...sums.columnTotals, sums.total];
    flat.forEach((v, p) => {
      // The model mirrors the dashboard's grouping; a difference is a bug, never published.
      if (model.figures[placement.figures[p] as number]?.value !== v) throw new Error(`disclosure model out of step with table ${id} at position ${p}`);
    });
    const layout = gridLayout(rows, columns);
    const show = (p: number): number | null => (hidden[placement.figures[p] as number] ? null : (flat[p] as number));
    return {
      cells: counts.map((row, i) => row.map((_, j) => show(layout.interior(i, j)))),
      rowTotals: counts.map((_, i) => show(layout.rowTotal(i))),
      columnTotals: Array.from({ length: columns }, (_, j) => show(layout.columnTotal(j))),
      total: show(layout.grandTotal),
    };
  };
  return { dashboard: computeAnalystDashboard(input, NO_FILTERS, k, protector), model, hidden, stats, withheld };
}
