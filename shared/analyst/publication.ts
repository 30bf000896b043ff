/**
 * The open-data publication, built from the protected dashboard panels (no filter: the
 * whole territory, every imported export). Pure: text files only; the main process writes
 * them, adds the XLSX workbook and renders PNG and PDF.
 *
 * Tidy CSV (docs/analyst-readme-section.md documents every column): UTF-8 without byte order
 * mark, comma separator, CRLF line ends, one indicator per row with its numerator and
 * denominator, INSEE codes for the communes (and the EPCI's SIREN for the whole territory),
 * `suppressed` = 1 when a figure of the row is hidden by the disclosure control (the
 * hidden figures and the value are then empty, the same way whatever their true value), and
 * `unavailable` = 1 when nothing is hidden but the value cannot be computed (no visit in the
 * denominator, no population figure): "s" means secret and nothing else. Shares carry their
 * 95 % Wilson interval (ci_low, ci_high); the age-standardised illectronisme share its
 * MOVER-Wilson interval (shared/analyst/rates.ts).
 */
import Papa from 'papaparse';
import { AGE_ROWS, panelById } from './dashboard';
import { barChartSvg, escapeXml, lineChartSvg, mapSvg } from './charts';
import type { CommuneMap } from './map';
import { INSEE_ILLECTRONISME_2021, referenceLabel } from './references';
import { analystText, codeName, dimensionName, type AnalystLanguage } from './texts';
import type { AnalystDashboard, Panel, PanelTable } from './types';
import { shareOf } from './disclosure';
import { illectronismeComparison, type Figure } from './comparison';
import { percent1, wilson } from './rates';
import { formatInterval, formatNumber, formatPercent } from './format';
import { FRANCE_15_PLUS_2021, standardLabel } from './references';
import { FORMULA_TRIGGER } from '../spreadsheet-safety';

export { EPCI } from '../territory';
import { EPCI, inseeCommuneCode } from '../territory';

/** The licence of every published file (the one data.gouv.fr proposes by default). */
export const LICENCE = { id: 'etalab-2.0', title: 'Licence Ouverte / Open Licence version 2.0', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' } as const;

export const TIDY_COLUMNS = [
  'indicator',
  'unit',
  'territory_level',
  'territory_code',
  'territory_name',
  'period_start',
  'period_end',
  'age_band',
  'dimension',
  'category',
  'category_label',
  'subcategory',
  'subcategory_label',
  'numerator',
  'denominator',
  'value',
  'ci_low',
  'ci_high',
  'suppressed',
  'unavailable',
] as const;
/** Every value of the indicator column, in the order the rows come. */
export const INDICATORS = [
  'sessions_by_status',
  'abandonment_step',
  'dsi_category',
  'illectronisme',
  'illectronisme_age_standardised',
  'autonomy',
  'need_mention',
  'barrier_mention',
  'recommendation',
  'participation_per_1000',
] as const;
export type TidyColumn = (typeof TIDY_COLUMNS)[number];
export type TidyRow = Record<TidyColumn, string>;

export const PUBLICATION_FILES = {
  csv: 'reperes-indicateurs.csv',
  xlsx: 'reperes-indicateurs.xlsx',
  html: 'reperes-rapport.html',
  pdf: 'reperes-rapport.pdf',
  readme: 'LISEZMOI.md',
  parquet: 'reperes-indicateurs.parquet',
  datapackage: 'datapackage.json',
  charts: 'graphiques',
} as const;

const num = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));

interface RowSpec {
  indicator: string;
  unit: 'percent' | 'per_1000';
  territory?: { level: 'epci' | 'commune' | 'other'; code: string; name: string };
  period: [string, string];
  ageBand: string;
  dimension: string;
  category: string;
  sub?: { dimension: string; code: string };
  numerator: number | null;
  denominator: number | null;
  /** The denominator does not exist (a commune without population figure): not a secret. */
  denominatorUnavailable?: boolean;
  /** A figure that is not a ratio of two published counts (the age-standardised share). */
  figure?: Figure;
}

function row(spec: RowSpec, lng: AnalystLanguage): TidyRow {
  const territory = spec.territory ?? { level: 'epci', code: EPCI.code, name: EPCI.name };
  let secret: boolean;
  let value: number | null;
  let ci: [number, number] | null = null;
  if (spec.figure) {
    secret = spec.figure.status === 'secret';
    value = spec.figure.status === 'ok' ? percent1(spec.figure.interval.estimate) : null;
    if (spec.figure.status === 'ok') ci = [percent1(spec.figure.interval.low), percent1(spec.figure.interval.high)];
  } else {
    secret = spec.numerator === null || (spec.denominator === null && !spec.denominatorUnavailable);
    value = secret ? null : shareOf(spec.numerator, spec.denominator, spec.unit === 'per_1000' ? 1000 : 100);
    // A population is not a sample: rates per 1,000 inhabitants get no interval.
    if (value !== null && spec.unit === 'percent' && spec.numerator !== null && spec.denominator) {
      const w = wilson(spec.numerator, spec.denominator);
      ci = [percent1(w.low), percent1(w.high)];
    }
  }
  return {
    indicator: spec.indicator,
    unit: spec.unit,
    territory_level: territory.level,
    territory_code: territory.code,
    territory_name: territory.name,
    period_start: spec.period[0],
    period_end: spec.period[1],
    age_band: spec.ageBand,
    dimension: spec.dimension,
    category: spec.category,
    category_label: spec.dimension === 'month' ? spec.category : codeName(lng, spec.dimension, spec.category),
    subcategory: spec.sub?.code ?? '',
    subcategory_label: spec.sub ? codeName(lng, spec.sub.dimension, spec.sub.code) : '',
    numerator: num(spec.numerator),
    denominator: num(spec.denominator),
    value: value === null ? '' : String(value),
    ci_low: ci ? String(ci[0]) : '',
    ci_high: ci ? String(ci[1]) : '',
    suppressed: secret ? '1' : '0',
    unavailable: !secret && value === null ? '1' : '0',
  };
}

function okTable(panel: Panel): PanelTable {
  if (panel.status !== 'ok' || !panel.table) throw new Error(`panel ${panel.id} is not available for publication`);
  return panel.table;
}

/** Every indicator row of the publication, in a stable order. */
export function tidyRows(dashboard: AnalystDashboard, lng: AnalystLanguage = 'fr'): TidyRow[] {
  const from = dashboard.coverage.from;
  const to = dashboard.coverage.to;
  if (from === null || to === null) return [];
  const whole: [string, string] = [from, to];
  const out: TidyRow[] = [];
  const push = (spec: RowSpec) => out.push(row(spec, lng));

  const participation = okTable(panelById(dashboard, 'participation'));
  participation.columns.codes.forEach((status, j) => {
    push({ indicator: 'sessions_by_status', unit: 'percent', period: whole, ageBand: 'ALL', dimension: 'status', category: status, numerator: participation.columnTotals[j] ?? null, denominator: participation.total });
  });
  participation.rows.codes.forEach((month, i) =>
    participation.columns.codes.forEach((status, j) =>
      push({ indicator: 'sessions_by_status', unit: 'percent', period: [month, month], ageBand: 'ALL', dimension: 'status', category: status, numerator: participation.cells[i]?.[j] ?? null, denominator: participation.rowTotals[i] ?? null }),
    ),
  );

  const abandonment = okTable(panelById(dashboard, 'abandonment'));
  abandonment.rows.codes.forEach((section, i) =>
    push({ indicator: 'abandonment_step', unit: 'percent', period: whole, ageBand: 'ALL', dimension: 'section', category: section, numerator: abandonment.cells[i]?.[0] ?? null, denominator: abandonment.total }),
  );

  const dsi = okTable(panelById(dashboard, 'dsi'));
  dsi.columns.codes.forEach((category, j) => {
    push({ indicator: 'dsi_category', unit: 'percent', period: whole, ageBand: 'ALL', dimension: 'dsiCategory', category, numerator: dsi.columnTotals[j] ?? null, denominator: dsi.total });
    dsi.rows.codes.forEach((age, i) =>
      push({ indicator: 'dsi_category', unit: 'percent', period: whole, ageBand: age, dimension: 'dsiCategory', category, numerator: dsi.cells[i]?.[j] ?? null, denominator: dsi.rowTotals[i] ?? null }),
    );
  });

  // Illectronisme shares are YES / (YES + NO): "unknown" (item non-response) is not in the
  // denominator, as on the dashboard (shared/analyst/dashboard.ts).
  const determined = (row: readonly (number | null)[] | undefined): number | null => {
    const yes = row?.[0];
    const no = row?.[1];
    return yes === null || yes === undefined || no === null || no === undefined ? null : yes + no;
  };
  const illectronisme = okTable(panelById(dashboard, 'illectronisme'));
  push({ indicator: 'illectronisme', unit: 'percent', period: whole, ageBand: 'ALL', dimension: 'illectronisme', category: 'YES', numerator: illectronisme.columnTotals[0] ?? null, denominator: determined(illectronisme.columnTotals) });
  // Beside the crude share: the share standardised to France's age structure (15 or over).
  push({ indicator: 'illectronisme_age_standardised', unit: 'percent', period: whole, ageBand: 'ALL', dimension: 'illectronisme', category: 'YES', numerator: null, denominator: null, figure: illectronismeComparison(illectronisme).standardised });
  illectronisme.rows.codes.forEach((age, i) =>
    push({ indicator: 'illectronisme', unit: 'percent', period: whole, ageBand: age, dimension: 'illectronisme', category: 'YES', numerator: illectronisme.cells[i]?.[0] ?? null, denominator: determined(illectronisme.cells[i]) }),
  );
  const trend = okTable(panelById(dashboard, 'illectronismeTrend'));
  trend.rows.codes.forEach((month, i) =>
    push({ indicator: 'illectronisme', unit: 'percent', period: [month, month], ageBand: 'ALL', dimension: 'illectronisme', category: 'YES', numerator: trend.cells[i]?.[0] ?? null, denominator: determined(trend.cells[i]) }),
  );

  const autonomy = okTable(panelById(dashboard, 'autonomy'));
  autonomy.rows.codes.forEach((task, i) =>
    autonomy.columns.codes.forEach((level, j) =>
      push({ indicator: 'autonomy', unit: 'percent', period: whole, ageBand: 'ALL', dimension: 'task', category: task, sub: { dimension: 'autonomyLevel', code: level }, numerator: autonomy.cells[i]?.[j] ?? null, denominator: autonomy.rowTotals[i] ?? null }),
    ),
  );

  // Mentions: shares of completed sessions, overall and by age band (denominators: the
  // panel's protected completed sessions of each age band).
  for (const [id, indicator] of [['needs', 'need_mention'], ['barriers', 'barrier_mention'], ['recommendations', 'recommendation']] as const) {
    const panel = panelById(dashboard, id);
    const t = okTable(panel);
    const byAge = new Map(t.columns.codes.map((age, j) => [age, panel.columnDenominators?.[j] ?? null]));
    t.rows.codes.forEach((code, i) => {
      push({ indicator, unit: 'percent', period: whole, ageBand: 'ALL', dimension: t.rows.dimension, category: code, numerator: t.rowTotals[i] ?? null, denominator: panel.denominators?.[i] ?? null });
      t.columns.codes.forEach((age, j) =>
        push({ indicator, unit: 'percent', period: whole, ageBand: age, dimension: t.rows.dimension, category: code, numerator: t.cells[i]?.[j] ?? null, denominator: byAge.get(age) ?? null }),
      );
    });
  }

  const communesPanel = panelById(dashboard, 'communes');
  const communes = okTable(communesPanel);
  communes.rows.codes.forEach((code, i) => {
    const isCommune = /^C\d{5}$/.test(code);
    const territory = isCommune
      ? { level: 'commune' as const, code: inseeCommuneCode(code), name: codeName(lng, 'commune', code) }
      : { level: 'other' as const, code, name: codeName(lng, 'commune', code) };
    if (isCommune) {
      const population = communesPanel.populations?.[i] ?? null;
      push({ indicator: 'participation_per_1000', unit: 'per_1000', territory, period: whole, ageBand: 'ALL', dimension: 'status', category: 'completed', numerator: communes.rowTotals[i] ?? null, denominator: population, denominatorUnavailable: population === null });
    }
    push({ indicator: 'illectronisme', unit: 'percent', territory, period: whole, ageBand: 'ALL', dimension: 'illectronisme', category: 'YES', numerator: communes.cells[i]?.[0] ?? null, denominator: determined(communes.cells[i]) });
  });
  return out;
}

/** The rows as CSV text (UTF-8 without BOM, comma, CRLF, header first). */
export function tidyCsv(rows: readonly TidyRow[]): string {
  return `${Papa.unparse({ fields: [...TIDY_COLUMNS], data: rows.map((r) => TIDY_COLUMNS.map((c) => r[c])) }, { delimiter: ',', newline: '\r\n', escapeFormulae: FORMULA_TRIGGER })}\r\n`;
}

export interface ChartFile {
  /** File name without extension, inside the charts folder. */
  name: string;
  title: string;
  svg: string;
}

const MENTION_CHARTS = { needs: '06-besoins', barriers: '07-freins', recommendations: '08-orientations' } as const;

const labels = (lng: AnalystLanguage, t: PanelTable, axis: 'rows' | 'columns') => t[axis].codes.map((c) => (t[axis].dimension === 'month' ? c : codeName(lng, t[axis].dimension, c)));

/** The publication's charts, each from one protected panel. */
export function publicationCharts(dashboard: AnalystDashboard, map: CommuneMap, lng: AnalystLanguage = 'fr'): ChartFile[] {
  const title = (id: string) => analystText(lng, `dashboard.panel.${id}.title`);
  const note = `${analystText(lng, 'dashboard.suppressedNote', { k: dashboard.k })} ${analystText(lng, 'dashboard.marksNote')}`;
  const marks = { secret: analystText(lng, 'dashboard.hidden'), unavailable: analystText(lng, 'dashboard.notAvailable') };
  const charts: ChartFile[] = [];
  const participation = okTable(panelById(dashboard, 'participation'));
  charts.push({
    name: '01-participation',
    title: title('participation'),
    svg: lineChartSvg({ title: title('participation'), categories: participation.rows.codes, series: participation.columns.codes.map((c, j) => ({ label: codeName(lng, 'status', c), values: participation.cells.map((r) => r[j] ?? null) })), note, lng }),
  });
  const illectronisme = panelById(dashboard, 'illectronisme');
  const it = okTable(illectronisme);
  charts.push({
    name: '02-illectronisme-age',
    title: title('illectronisme'),
    svg: barChartSvg({
      title: title('illectronisme'),
      categories: labels(lng, it, 'rows'),
      series: [
        { label: analystText(lng, 'dashboard.localShare'), values: illectronisme.rowShares ?? [], unavailable: emptyDetermined(it) },
        { label: `${analystText(lng, 'dashboard.reference', { year: INSEE_ILLECTRONISME_2021.year })} (${referenceLabel()})`, values: it.rows.codes.map((c) => INSEE_ILLECTRONISME_2021.byAgeBand[c]?.percent ?? null), unavailable: it.rows.codes.map((c) => (INSEE_ILLECTRONISME_2021.byAgeBand[c]?.percent ?? null) === null) },
      ],
      percent: true,
      max: 100,
      note,
      lng,
      marks,
    }),
  });
  const trend = panelById(dashboard, 'illectronismeTrend');
  charts.push({
    name: '03-illectronisme-mois',
    title: title('illectronismeTrend'),
    svg: lineChartSvg({ title: title('illectronismeTrend'), categories: okTable(trend).rows.codes, series: [{ label: analystText(lng, 'dashboard.share'), values: trend.rowShares ?? [] }], percent: true, note, lng }),
  });
  const stackedPanel = (name: string, id: 'dsi' | 'autonomy') => {
    const t = okTable(panelById(dashboard, id));
    charts.push({ name, title: title(id), svg: barChartSvg({ title: title(id), categories: labels(lng, t, 'rows'), series: t.columns.codes.map((c, j) => ({ label: codeName(lng, t.columns.dimension, c), values: t.cells.map((r) => r[j] ?? null) })), stacked: true, note, lng }) });
  };
  stackedPanel('04-competences-dsi', 'dsi');
  stackedPanel('05-autonomie', 'autonomy');
  (['needs', 'barriers', 'recommendations'] as const).forEach((id) => {
    const p = panelById(dashboard, id);
    const t = okTable(p);
    charts.push({ name: MENTION_CHARTS[id], title: title(id), svg: barChartSvg({ title: title(id), categories: labels(lng, t, 'rows'), series: [{ label: analystText(lng, 'dashboard.share'), values: p.rowShares ?? [], unavailable: (p.denominators ?? []).map((d) => d === 0) }], percent: true, note, lng, marks }) });
  });
  const communes = panelById(dashboard, 'communes');
  const ct = okTable(communes);
  charts.push({
    name: '09-carte-participation',
    title: analystText(lng, 'dashboard.map.title'),
    svg: mapSvg({
      title: `${analystText(lng, 'dashboard.map.title')} — ${analystText(lng, 'dashboard.map.legend')}`,
      legend: analystText(lng, 'dashboard.map.legend'),
      hiddenLabel: analystText(lng, 'dashboard.map.hidden'),
      attribution: analystText(lng, 'dashboard.map.attribution'),
      map,
      rates: new Map(ct.rows.codes.map((c, i) => [inseeCommuneCode(c), communes.ratesPer1000?.[i] ?? null])),
      classLabel: (r) => analystText(lng, r.last ? 'dashboard.map.classLast' : 'dashboard.map.classUnder', { from: r.from, to: r.to }),
      lng,
    }),
  });
  return charts;
}

interface ExtraColumn {
  header: string;
  values: readonly (number | null)[];
  /** Per row: true when a null value is not applicable or unavailable ("nd"), not secret. */
  unavailable?: readonly boolean[];
  percent: boolean;
}

/** Per row of a YES / NO / unknown table: true when nothing is hidden but YES + NO is 0. */
const emptyDetermined = (t: PanelTable): boolean[] => t.cells.map((r) => r[0] !== null && r[1] !== null && (r[0] ?? 0) + (r[1] ?? 0) === 0);

function htmlTable(lng: AnalystLanguage, t: PanelTable, k: number, extra?: ExtraColumn): string {
  const hidden = analystText(lng, 'dashboard.hidden');
  const secretCell = `<td class="s" title="${escapeXml(analystText(lng, 'dashboard.hiddenLong'))}">${hidden}</td>`;
  const naCell = `<td class="s" title="${escapeXml(analystText(lng, 'dashboard.notAvailableLong'))}">${escapeXml(analystText(lng, 'dashboard.notAvailable'))}</td>`;
  const cell = (v: number | null | undefined) => (v === null || v === undefined ? secretCell : `<td>${formatNumber(lng, v, 0)}</td>`);
  const head = [`<th scope="col">${escapeXml(dimensionName(lng, t.rows.dimension))}</th>`, ...labels(lng, t, 'columns').map((l) => `<th scope="col">${escapeXml(l)}</th>`), `<th scope="col">${escapeXml(analystText(lng, 'dashboard.total'))}</th>`];
  if (extra) head.push(`<th scope="col">${escapeXml(extra.header)}</th>`);
  const rowLabels = labels(lng, t, 'rows');
  const body = t.rows.codes.map((_, i) => {
    const tds = [...(t.cells[i] ?? []).map(cell), cell(t.rowTotals[i])];
    if (extra) {
      const v = extra.values[i];
      tds.push(v === null || v === undefined ? (extra.unavailable?.[i] ? naCell : secretCell) : `<td>${extra.percent ? formatPercent(lng, v) : formatNumber(lng, v)}</td>`);
    }
    return `<tr><th scope="row">${escapeXml(rowLabels[i] ?? '')}</th>${tds.join('')}</tr>`;
  });
  const foot = `<tr><th scope="row">${escapeXml(analystText(lng, 'dashboard.total'))}</th>${[...t.columnTotals.map(cell), cell(t.total)].join('')}${extra ? '<td></td>' : ''}</tr>`;
  return `<table><thead><tr>${head.join('')}</tr></thead><tbody>${body.join('')}</tbody><tfoot>${foot}</tfoot></table><p class="note">${escapeXml(analystText(lng, 'dashboard.suppressedNote', { k }))} ${escapeXml(analystText(lng, 'dashboard.marksNote'))}</p>`;
}

/** The publication's own title (report, PDF metadata, workbook). */
export function publicationTitle(dashboard: AnalystDashboard, lng: AnalystLanguage = 'fr'): string {
  return analystText(lng, 'dashboard.publicationTitle', { epci: EPCI.name, from: dashboard.coverage.from ?? '', to: dashboard.coverage.to ?? '' });
}

export function reportHtml(dashboard: AnalystDashboard, charts: readonly ChartFile[], options: { generatedDay: string; lng?: AnalystLanguage }): string {
  const lng = options.lng ?? 'fr';
  const chart = (name: string) => charts.find((c) => c.name === name)?.svg ?? '';
  const title = (id: string) => escapeXml(analystText(lng, `dashboard.panel.${id}.title`));
  const desc = (id: string) => `<p>${escapeXml(analystText(lng, `dashboard.panel.${id}.description`))}</p>`;
  const k = dashboard.k;
  const c = dashboard.coverage;
  const ill = panelById(dashboard, 'illectronisme');
  const illT = okTable(ill);
  const ref = INSEE_ILLECTRONISME_2021;
  const hiddenMark = escapeXml(analystText(lng, 'dashboard.hidden'));
  const naMark = escapeXml(analystText(lng, 'dashboard.notAvailable'));
  const figureCells = (f: Figure) =>
    f.status === 'ok'
      ? `<td>${formatPercent(lng, f.share ?? percent1(f.interval.estimate))}</td><td>${formatInterval(lng, percent1(f.interval.low), percent1(f.interval.high))}</td>`
      : `<td class="s">${f.status === 'secret' ? hiddenMark : naMark}</td><td class="s">${f.status === 'secret' ? hiddenMark : naMark}</td>`;
  const nationalCell = (percent: number | null | undefined) => (percent === null || percent === undefined ? `<td class="s">${escapeXml(analystText(lng, 'dashboard.referenceMissing'))}</td>` : `<td>${formatPercent(lng, percent)}</td>`);
  const comparison = illectronismeComparison(illT);
  const bandFigure = (i: number): Figure => {
    const row = illT.cells[i];
    const yes = row?.[0];
    const no = row?.[1];
    if (yes === null || yes === undefined || no === null || no === undefined) return { status: 'secret' };
    return yes + no === 0 ? { status: 'unavailable' } : { status: 'ok', interval: wilson(yes, yes + no), share: shareOf(yes, yes + no) ?? undefined };
  };
  const refRows = [
    `<tr><th scope="row">${escapeXml(analystText(lng, 'dashboard.total'))} — ${escapeXml(analystText(lng, 'dashboard.crudeShare'))}</th>${figureCells(comparison.crude)}${nationalCell(ref.overall.percent)}</tr>`,
    `<tr><th scope="row">${escapeXml(analystText(lng, 'dashboard.total'))} — ${escapeXml(analystText(lng, 'dashboard.standardisedShare'))}</th>${figureCells(comparison.standardised)}${nationalCell(ref.overall.percent)}</tr>`,
    ...illT.rows.codes
      .filter((code) => AGE_ROWS.includes(code) && code !== 'NA')
      .map((code) => `<tr><th scope="row">${escapeXml(codeName(lng, 'ageBand', code))}</th>${figureCells(bandFigure(illT.rows.codes.indexOf(code)))}${nationalCell(ref.byAgeBand[code]?.percent)}</tr>`),
  ];
  const standardNote = analystText(lng, 'dashboard.standardNote', { year: FRANCE_15_PLUS_2021.year, source: `${standardLabel()}, ${FRANCE_15_PLUS_2021.source.url}` });
  const shareColumn = (values: readonly (number | null)[] | undefined, unavailable?: readonly boolean[]): ExtraColumn => ({ header: analystText(lng, 'dashboard.share'), values: values ?? [], unavailable, percent: true });
  const communesPanel = panelById(dashboard, 'communes');
  const communesT = okTable(communesPanel);
  const sections = [
    `<h2>${title('participation')}</h2>${desc('participation')}${chart('01-participation')}${htmlTable(lng, okTable(panelById(dashboard, 'participation')), k)}`,
    `<h2>${title('abandonment')}</h2>${desc('abandonment')}${htmlTable(lng, okTable(panelById(dashboard, 'abandonment')), k)}`,
    `<h2>${title('dsi')}</h2>${desc('dsi')}${chart('04-competences-dsi')}${htmlTable(lng, okTable(panelById(dashboard, 'dsi')), k)}`,
    `<h2>${title('illectronisme')}</h2>${desc('illectronisme')}${chart('02-illectronisme-age')}
      <p class="warning"><strong>${escapeXml(analystText(lng, 'dashboard.notRandomSample'))}</strong></p>
      <table><thead><tr><th scope="col">${escapeXml(dimensionName(lng, 'ageBand'))}</th><th scope="col">${escapeXml(analystText(lng, 'dashboard.localShare'))}</th><th scope="col">${escapeXml(analystText(lng, 'dashboard.interval'))}</th><th scope="col">${escapeXml(analystText(lng, 'dashboard.reference', { year: ref.year }))}</th></tr></thead><tbody>${refRows.join('')}</tbody></table>
      <p class="note">${escapeXml(standardNote)}</p>
      <p class="note">${escapeXml(analystText(lng, 'dashboard.referenceSource', { source: `${ref.source.publisher}, ${ref.source.number}, « ${ref.source.title} » (${ref.source.published}), ${ref.source.url} — ${ref.source.scope}` }))}</p>
      ${htmlTable(lng, illT, k, shareColumn(ill.rowShares, emptyDetermined(illT)))}`,
    `<h2>${title('illectronismeTrend')}</h2>${desc('illectronismeTrend')}${chart('03-illectronisme-mois')}${htmlTable(lng, okTable(panelById(dashboard, 'illectronismeTrend')), k, shareColumn(panelById(dashboard, 'illectronismeTrend').rowShares, emptyDetermined(okTable(panelById(dashboard, 'illectronismeTrend')))))}`,
    `<h2>${title('autonomy')}</h2>${desc('autonomy')}${chart('05-autonomie')}${htmlTable(lng, okTable(panelById(dashboard, 'autonomy')), k)}`,
    ...(['needs', 'barriers', 'recommendations'] as const).map((id) => {
      const p = panelById(dashboard, id);
      return `<h2>${title(id)}</h2>${desc(id)}${chart(MENTION_CHARTS[id])}${htmlTable(lng, okTable(p), k, shareColumn(p.rowShares, (p.denominators ?? []).map((d) => d === 0)))}`;
    }),
    `<h2>${title('communes')}</h2>${desc('communes')}${chart('09-carte-participation')}${htmlTable(lng, communesT, k, { header: analystText(lng, 'dashboard.rate'), values: communesPanel.ratesPer1000 ?? [], unavailable: communesT.rowTotals.map((n, i) => n !== null && !communesPanel.populations?.[i]), percent: false })}`,
  ];
  const method =
    lng === 'fr'
      ? `<h2>Méthode et secret statistique</h2>
      <p>Les bornes Repères n'enregistrent aucune donnée nominative ; chaque borne exporte des tableaux de comptages signés (Ed25519), vérifiés à l'import. Les indicateurs suivent l'indicateur européen des compétences numériques (DSI 2.0, Eurostat) et la définition de l'illectronisme de l'Insee. ${escapeXml(analystText(lng, 'dashboard.notRandomSample'))}</p>
      <p>${escapeXml(standardNote)}</p>
      <p>Secret statistique (seuil k = ${k}) : tout effectif de 1 à ${k - 1}, case ou total, est masqué. La publication est protégée d'un seul tenant : tous ses tableaux, graphiques et la carte sont examinés ensemble, avec ce qui les relie (totaux, tranches d'âge, communes et agglomération, mois et période, un même effectif dans deux tableaux, zéros affichés). Pour chaque case masquée, un solveur exact (HiGHS, programmation linéaire en nombres entiers) calcule les valeurs qu'un lecteur peut en déduire ; d'autres cases sont masquées jusqu'à ce que, pour chacune, ces valeurs atteignent au moins ${k} et s'étendent sur un écart d'au moins ${k}. Une case masquée s'affiche « ${analystText(lng, 'dashboard.hidden')} » quelle que soit sa valeur. Limite : la garantie vaut pour cette publication lue seule, pas rapprochée d'une autre publication des mêmes bornes sur une période qui chevauche celle-ci.</p>
      <p>${escapeXml(analystText(lng, 'dashboard.marksNote'))}</p>
      <h2>Licence</h2><p>Ces données et ce rapport sont publiés sous la ${escapeXml(analystText(lng, 'dashboard.licence'))} : ${LICENCE.url}. Réutilisation libre, y compris commerciale, en citant la source : « ${escapeXml(EPCI.name)} — Repères ».</p>
      <h2>Sources</h2><ul><li>${escapeXml(`${ref.source.publisher}, ${ref.source.number}, « ${ref.source.title} », ${ref.source.published}, ${ref.source.url}`)}</li>
      <li>Populations municipales : découpage administratif Etalab (paquet @etalab/decoupage-administratif).</li>
      <li>${escapeXml(analystText(lng, 'dashboard.map.attribution'))}</li></ul>`
      : `<h2>Method and disclosure control</h2><p>Threshold k = ${k}; see the French report for details. ${escapeXml(analystText(lng, 'dashboard.notRandomSample'))}</p><p>${escapeXml(standardNote)}</p><p>${escapeXml(analystText(lng, 'dashboard.marksNote'))}</p><h2>Licence</h2><p>${escapeXml(analystText(lng, 'dashboard.licence'))}: ${LICENCE.url}</p><h2>Sources</h2><ul><li>${escapeXml(`${ref.source.publisher}, ${ref.source.number}, ${ref.source.url}`)}</li><li>${escapeXml(analystText(lng, 'dashboard.map.attribution'))}</li></ul>`;
  return `<!doctype html>
<html lang="${lng}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(publicationTitle(dashboard, lng))}</title>
<meta name="author" content="${escapeXml(EPCI.name)}">
<meta name="description" content="${escapeXml(analystText(lng, 'dashboard.panel.illectronisme.description'))}">
<style>
  body { font-family: Luciole, "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #111; margin: 2em; line-height: 1.4; }
  h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; break-after: avoid; }
  section, svg, table { break-inside: avoid; }
  svg { max-width: 100%; height: auto; display: block; margin: 0.5em 0; }
  table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.85em; }
  th, td { border: 1px solid #999; padding: 0.2em 0.5em; text-align: right; }
  th[scope="row"], thead th:first-child { text-align: left; }
  td.s { color: #444; font-style: italic; }
  .note { font-size: 0.85em; color: #333; }
  .warning { border-left: 4px solid #E69F00; padding-left: 0.5em; }
</style>
</head>
<body>
<h1>${escapeXml(publicationTitle(dashboard, lng))}</h1>
<p>${escapeXml(EPCI.name)} — ${escapeXml(analystText(lng, 'dashboard.coverage', { bundles: c.bundles, kiosks: c.kiosks, sessions: c.sessions ?? analystText(lng, 'dashboard.hidden'), from: c.from ?? '', to: c.to ?? '' }))} ${escapeXml(options.generatedDay)}</p>
${sections.map((s) => `<section>${s}</section>`).join('\n')}
<section>${method}</section>
</body>
</html>
`;
}

/** LISEZMOI.md of the publication folder: what each file is, the licence, the marks, the columns. */
export function publicationReadme(k: number, generatedDay: string): string {
  const ref = INSEE_ILLECTRONISME_2021;
  const std = FRANCE_15_PLUS_2021;
  return `# Repères — indicateurs publiés (${generatedDay})

${EPCI.name} (SIREN ${EPCI.code}). Indicateurs des bornes d'autodiagnostic Repères : compétences numériques (DSI 2.0, Eurostat), illectronisme (définition de l'Insee), autonomie, besoins et freins, participation par commune.

Secret statistique : tout effectif de 1 à ${k - 1} est masqué, et d'autres cases avec lui, de sorte que pour chaque chiffre masqué, tout ce que publie ce dossier (tous les tableaux ensemble, zéros compris) laisse possibles des valeurs allant jusqu'à ${k} au moins, sur un écart d'au moins ${k}. Vérifié par un solveur exact (HiGHS). Ne vaut que pour ce dossier lu seul : deux publications des mêmes bornes sur des périodes qui se chevauchent peuvent se soustraire.

## Licence

${LICENCE.title} (Etalab) : ${LICENCE.url}. Réutilisation libre, y compris commerciale, en citant la source : « ${EPCI.name} — Repères, ${generatedDay} ».

## Fichiers

- \`${PUBLICATION_FILES.csv}\` : tableau long, UTF-8 sans BOM, séparateur virgule, une ligne par indicateur.
- \`${PUBLICATION_FILES.parquet}\` : le même tableau au format Apache Parquet (types conservés), pour les traitements à l'échelle nationale.
- \`${PUBLICATION_FILES.datapackage}\` : description Frictionless Data Package (Table Schema du CSV : types, listes de valeurs, valeurs manquantes, clé primaire).
- \`${PUBLICATION_FILES.xlsx}\` : les mêmes chiffres (feuille « indicateurs »), les références nationales et la méthode.
- \`${PUBLICATION_FILES.charts}/\` : les graphiques en SVG et PNG.
- \`${PUBLICATION_FILES.html}\` et \`${PUBLICATION_FILES.pdf}\` : le rapport imprimable (PDF balisé, accessible).

## Signes conventionnels

« s » (colonne suppressed = 1) : secret statistique, rien d'autre. Seuil k = ${k} : tout effectif de 1 à ${k - 1} est masqué, ainsi que les cases qui permettraient de le retrouver ; une case masquée est vide, quelle que soit sa valeur.

« nd » (colonne unavailable = 1) : non disponible ou sans objet, sans lien avec le secret : aucune visite au dénominateur, population de la commune inconnue, ou référence nationale non trouvée.

## Comparaison avec la France

Les personnes venues aux bornes ne sont pas un échantillon aléatoire des habitants : la comparaison avec la France reste indicative, même standardisée sur l'âge.

Référence : ${ref.source.publisher}, ${ref.source.number}, « ${ref.source.title} » (${ref.source.published}), ${ref.source.url}, données ${ref.year}. La part des 40-59 ans n'a pas été trouvée dans cette publication : elle est notée « non trouvé ».

Part standardisée (indicateur illectronisme_age_standardised) : les parts par tranche d'âge des bornes, pondérées par la structure par âge de la population de 15 ans ou plus de la France en ${std.year} (${standardLabel(std)}, ${std.source.url}). Intervalles de confiance à 95 % (ci_low, ci_high) : Wilson pour les parts brutes, MOVER-Wilson (Zou et Donner, 2008) pour la part standardisée ; pas d'intervalle pour les taux pour 1 000 habitants.

## Colonnes du CSV

| colonne | contenu |
|---|---|
| indicator | ${INDICATORS.join(', ')} |
| unit | percent (part en %) ou per_1000 (pour 1 000 habitants) |
| territory_level | epci (tout le territoire), commune, other (hors agglomération, commune non renseignée) |
| territory_code | code Insee de la commune (5 caractères, ex. 59122), SIREN de l'EPCI (${EPCI.code}), ou OUTSIDE / NA |
| territory_name | nom |
| period_start, period_end | mois AAAA-MM (un mois, ou toute la période) |
| age_band | A15_24, A25_39, A40_59, A60_74, A75_PLUS (tranches de l'enquête TIC de l'Insee), NA (non renseigné) ou ALL |
| dimension, category, category_label | ce qui est compté (code et libellé) |
| subcategory, subcategory_label | seconde ventilation (niveau d'autonomie d'une tâche), sinon vide |
| numerator, denominator | effectifs ; vides quand masqués ou sans objet |
| value | numerator / denominator × 100 (ou × 1 000), une décimale ; vide si masqué ou non disponible |
| ci_low, ci_high | intervalle de confiance à 95 % de value, en % ; vide si sans objet |
| suppressed | 1 si un effectif de la ligne est masqué par le secret statistique (« s »), sinon 0 |
| unavailable | 1 si la valeur est non disponible ou sans objet (« nd »), sinon 0 |

## Correspondance avec les référentiels nationaux

Tranches d'âge, niveaux d'autonomie (Coop de la médiation numérique) et services des lieux de médiation numérique : voir docs/referentiels.md dans le dépôt Repères.
`;
}
