/**
 * The attacker's reading of a published CSV: each row's numerator and denominator placed back
 * on the figures of the publication's model (shared/analyst/sdc/publication-model.ts), the
 * way anyone who reads the column documentation can: which table, which row and column, or
 * which margin. Returns, per figure, its published value, `null` when the CSV shows it hidden,
 * `undefined` when the CSV does not give it.
 */
import { expect } from 'vitest';
import { AGE_ROWS, COMMUNE_ROWS, computeAnalystDashboard, panelById, type DashboardInput } from '../../shared/analyst/dashboard';
import type { TidyRow } from '../../shared/analyst/publication';
import type { DisclosureModel } from '../../shared/analyst/sdc/model';
import { publicationModel, unprotected } from '../../shared/analyst/sdc/publication-model';
import { NO_FILTERS, type AnalystDashboard, type PanelId } from '../../shared/analyst/types';

const MENTION_PANELS: Record<string, PanelId> = { need_mention: 'needs', barrier_mention: 'barriers', recommendation: 'recommendations' };

export function publishedKnowledge(rows: readonly TidyRow[], input: DashboardInput): { model: DisclosureModel; known: (number | null | undefined)[] } {
  const model = publicationModel(input);
  // Row and column codes are no secret: the dashboard's layout, from the structure alone.
  const layout = computeAnalystDashboard(input, NO_FILTERS, 1, unprotected);
  const codes = (id: PanelId) => panelById(layout, id).table as NonNullable<ReturnType<typeof panelById>['table']>;
  const known: (number | null | undefined)[] = model.figures.map(() => undefined);
  const place = (table: string) => {
    const p = model.tables.get(table);
    if (!p) throw new Error(`no table ${table}`);
    const interior = (i: number, j: number) => p.figures[i * p.columns + j] as number;
    const rowTotal = (i: number) => p.figures[p.rows * p.columns + i] as number;
    const columnTotal = (j: number) => p.figures[p.rows * p.columns + p.rows + j] as number;
    const grand = p.figures.at(-1) as number;
    return { interior, rowTotal, columnTotal, grand };
  };
  const learn = (figure: number, text: string) => {
    const value = text === '' ? null : Number(text);
    if (known[figure] !== undefined) expect(known[figure], `figure ${figure} published twice differently`).toBe(value);
    known[figure] = value;
  };
  const index = (list: readonly string[], code: string) => {
    const i = list.indexOf(code);
    if (i < 0) throw new Error(`unknown code ${code}`);
    return i;
  };
  /** YES + NO of a row: when published, both terms are published (checked, then nothing new). */
  const determined = (yes: number, no: number, text: string) => {
    if (text === '') return;
    expect(known[yes]).not.toBeNull();
    expect(known[no]).not.toBeNull();
    if (known[yes] !== undefined && known[no] !== undefined) expect(Number(text)).toBe((known[yes] as number) + (known[no] as number));
  };
  const months = codes('participation').rows.codes;
  const whole = (r: TidyRow) => r.period_start !== r.period_end || months.length === 1;
  const deferred: (() => void)[] = [];
  for (const r of rows) {
    switch (r.indicator) {
      case 'sessions_by_status': {
        const t = place('participation');
        const j = index(['completed', 'abandoned'], r.category);
        if (r.period_start === r.period_end) {
          const i = index(months, r.period_start);
          learn(t.interior(i, j), r.numerator);
          learn(t.rowTotal(i), r.denominator);
        } else {
          learn(t.columnTotal(j), r.numerator);
          learn(t.grand, r.denominator);
        }
        break;
      }
      case 'abandonment_step': {
        const t = place('abandonment');
        learn(t.interior(index(codes('abandonment').rows.codes, r.category), 0), r.numerator);
        learn(t.grand, r.denominator);
        break;
      }
      case 'dsi_category': {
        const t = place('dsi');
        const j = index(codes('dsi').columns.codes, r.category);
        if (r.age_band === 'ALL') {
          learn(t.columnTotal(j), r.numerator);
          learn(t.grand, r.denominator);
        } else {
          const i = index(AGE_ROWS, r.age_band);
          learn(t.interior(i, j), r.numerator);
          learn(t.rowTotal(i), r.denominator);
        }
        break;
      }
      case 'illectronisme': {
        let yes: number;
        let no: number;
        if (r.territory_level !== 'epci') {
          const t = place('communes');
          const i = index(COMMUNE_ROWS, r.territory_level === 'commune' ? `C${r.territory_code}` : r.territory_code);
          [yes, no] = [t.interior(i, 0), t.interior(i, 1)];
        } else if (!whole(r)) {
          const t = place('illectronismeTrend');
          const i = index(months, r.period_start);
          [yes, no] = [t.interior(i, 0), t.interior(i, 1)];
        } else if (r.age_band === 'ALL') {
          const t = place('illectronisme');
          [yes, no] = [t.columnTotal(0), t.columnTotal(1)];
        } else {
          const t = place('illectronisme');
          const i = index(AGE_ROWS, r.age_band);
          [yes, no] = [t.interior(i, 0), t.interior(i, 1)];
        }
        learn(yes, r.numerator);
        deferred.push(() => determined(yes, no, r.denominator));
        break;
      }
      case 'autonomy': {
        const t = place('autonomy');
        const i = index(codes('autonomy').rows.codes, r.category);
        learn(t.interior(i, index(codes('autonomy').columns.codes, r.subcategory)), r.numerator);
        learn(t.rowTotal(i), r.denominator);
        break;
      }
      case 'illectronisme_age_standardised':
        // A weighted mean of published age-band shares only (shared/analyst/comparison.ts makes
        // it secret as soon as one band is hidden): it tells an attacker nothing the bands
        // don't, and the CSV test checks that it is secret or computed.
        break;
      case 'participation_per_1000': {
        learn(place('communes').rowTotal(index(COMMUNE_ROWS, `C${r.territory_code}`)), r.numerator);
        break;
      }
      default: {
        const id = MENTION_PANELS[r.indicator];
        if (!id) throw new Error(`unknown indicator ${r.indicator}`);
        const t = place(id);
        const completed = place('completedByAge');
        const i = index(codes(id).rows.codes, r.category);
        if (r.age_band === 'ALL') {
          learn(t.rowTotal(i), r.numerator);
          learn(completed.grand, r.denominator);
        } else {
          const j = index(AGE_ROWS, r.age_band);
          learn(t.interior(i, j), r.numerator);
          learn(completed.interior(0, j), r.denominator);
        }
      }
    }
  }
  for (const check of deferred) check();
  return { model, known };
}

/**
 * Adds what the report, the charts and the map print: every table of the published dashboard
 * with its margins (the report shows them all), the completed visits by age band (mention
 * denominators) and the coverage's visit count. A figure already read from the CSV must agree.
 */
export function addDashboardKnowledge(dashboard: AnalystDashboard, model: DisclosureModel, known: (number | null | undefined)[]): void {
  const learn = (figure: number, value: number | null | undefined) => {
    if (value === undefined) throw new Error(`figure ${figure} missing from the dashboard`);
    if (known[figure] !== undefined) expect(known[figure], `figure ${figure} printed twice differently`).toBe(value);
    known[figure] = value;
  };
  for (const [id, placement] of model.tables) {
    if (id === 'sessions') {
      learn(placement.figures[0] as number, dashboard.coverage.sessions);
      continue;
    }
    if (id === 'completedByAge') {
      const panel = panelById(dashboard, 'needs');
      (panel.columnDenominators ?? []).forEach((v, j) => learn(placement.figures[j] as number, v));
      learn(placement.figures.at(-1) as number, panel.denominators?.[0]);
      continue;
    }
    const t = panelById(dashboard, id as PanelId).table;
    if (!t) throw new Error(`panel ${id} has no table`);
    const flat = [...t.cells.flat(), ...t.rowTotals, ...t.columnTotals, t.total];
    expect(flat).toHaveLength(placement.figures.length);
    flat.forEach((v, p) => learn(placement.figures[p] as number, v));
  }
}
