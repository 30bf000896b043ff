/**
 * Charts of the publication as standalone SVG text, drawn from the protected panels (hidden
 * figures draw nothing and are named in the data table beside them). Pure string building:
 * the command line and the app write the same bytes; PNG versions are these SVGs rendered by
 * a browser engine. Okabe–Ito colours, told apart by most colour-blind readers.
 */
import { formatNumber, formatPercent } from './format';
import { MAP_CLASS_COLOURS, MAP_HIDDEN_COLOUR, MAP_ZERO_COLOUR, classBreaks, classRanges, fillOf, type CommuneMap } from './map';
import type { AnalystLanguage } from './texts';

export const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999'];
const FONT = "font-family='Luciole, Noto Sans, DejaVu Sans, Arial, sans-serif'";

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

export interface BarSeries {
  label: string;
  values: (number | null)[];
  /** Per value: true when a null is not applicable or unavailable (drawn "nd"), not secret ("s"). */
  unavailable?: readonly boolean[];
}

export interface BarChart {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** Bars of one category side by side (false) or stacked (true). */
  stacked?: boolean;
  /** Shares in percent (axis and tooltips say "%"); otherwise counts, with whole-number ticks. */
  percent?: boolean;
  /** Fixed axis maximum (100 for shares). */
  max?: number;
  note?: string;
  /** The language numbers are written in (decimal comma and « % » in French). */
  lng?: AnalystLanguage;
  /** The marks of a missing bar: secret ("s") and unavailable ("nd"). */
  marks?: { secret: string; unavailable: string };
}

/**
 * Width of a text in pixels, estimated from per-character advances a little wider than
 * DejaVu Sans (the widest of the fonts the charts ask for, and the one a bare system falls
 * back to), so an estimate never comes out shorter than the drawn text. Pure: no canvas in
 * shared code; test/unit/analyst-charts.test.ts checks it against Chromium's own measure.
 */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (/[ilj.,:;'!|ıI’]/.test(ch)) em += 0.34;
    else if (/[ ftr()[\]«»/-]/.test(ch)) em += ch === ' ' ? 0.34 : 0.45;
    else if (/[mwMW@%—…]/.test(ch)) em += 1.08;
    else if (/[A-ZÀ-ÖØ-Þ]/.test(ch)) em += 0.8;
    else em += 0.66;
  }
  return em * fontSize;
}

/** Splits a text into lines no wider than `maxWidth` pixels, at spaces (a single long word is cut with a hyphen). */
export function wrapToWidth(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let rest = word;
    while (textWidth(rest, fontSize) > maxWidth) {
      // A word longer than a whole line: cut it rather than let it run out of the chart.
      let cut = rest.length - 1;
      while (cut > 1 && textWidth(`${rest.slice(0, cut)}-`, fontSize) > maxWidth) cut -= 1;
      if (line) lines.push(line);
      lines.push(`${rest.slice(0, cut)}-`);
      line = '';
      rest = rest.slice(cut);
    }
    const candidate = line ? `${line} ${rest}` : rest;
    if (line && textWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = rest;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

/** Splits a note into lines of at most `max` characters, at spaces. */
export function wrap(text: string, max = 110): string[] {
  return wrapToWidth(text, max * 6.6, 11);
}

function textLines(lines: readonly string[], x: number, y: number, attributes: string, lineHeight: number): string {
  return lines.map((line, i) => `<text x='${x}' y='${(y + i * lineHeight).toFixed(1)}' ${attributes}>${escapeXml(line)}</text>`).join('\n');
}

/** "Nice" axis ticks from 0: steps of 1, 2 or 5 × 10ⁿ, whole numbers only for counts. */
export function axisTicks(largest: number, integer: boolean, fixedMax?: number): number[] {
  const top = fixedMax ?? Math.max(largest, integer ? 1 : 0.1);
  const raw = top / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  let step = ([1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  for (let v = 0; v < top + step / 2 && ticks.length < 12; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  if ((ticks.at(-1) ?? 0) < top) ticks.push(Math.round((ticks.length * step) * 1e6) / 1e6);
  return ticks;
}

const valueText = (lng: AnalystLanguage, v: number, percent: boolean) => (percent ? formatPercent(lng, v) : formatNumber(lng, v));

const WIDTH = 760;
const TITLE_SIZE = 16;
const LABEL_SIZE = 12;

function titleSvg(title: string): { svg: string; height: number } {
  const lines = wrapToWidth(title, WIDTH - 20, TITLE_SIZE);
  return { svg: textLines(lines, 10, 24, `font-size='${TITLE_SIZE}' font-weight='bold' fill='#111'`, 20), height: 10 + lines.length * 20 };
}

/** One legend entry per line, wrapped: long series names never overlap their neighbours. */
function legendSvg(series: readonly BarSeries[], y: number): { svg: string; height: number } {
  const parts: string[] = [];
  let ly = y;
  series.forEach((serie, j) => {
    const lines = wrapToWidth(serie.label, WIDTH - 40, LABEL_SIZE);
    parts.push(`<rect x='10' y='${ly - 10}' width='12' height='12' fill='${COLOURS[j % COLOURS.length]}'/>`);
    parts.push(textLines(lines, 26, ly, `font-size='${LABEL_SIZE}' fill='#111'`, 15));
    ly += 15 * lines.length + 4;
  });
  return { svg: parts.join('\n'), height: ly - y };
}

/** A horizontal bar chart (long labels read best on the left, wrapped to fit, never cut). */
export function barChartSvg(chart: BarChart): string {
  const lng = chart.lng ?? 'fr';
  const percent = chart.percent ?? false;
  const stacked = chart.stacked ?? false;
  // Labels take what they need, up to 40 % of the width, and wrap beyond it.
  const maxLabel = Math.round(WIDTH * 0.4);
  const wrapped = chart.categories.map((c) => wrapToWidth(c, maxLabel, LABEL_SIZE));
  const labelWidth = Math.ceil(Math.min(maxLabel, Math.max(60, ...wrapped.flat().map((l) => textWidth(l, LABEL_SIZE))))) + 16;
  const plotWidth = WIDTH - labelWidth - 40;
  const perCategory = stacked ? 1 : Math.max(1, chart.series.length);
  const barHeight = stacked ? 18 : Math.max(8, 18 - 3 * (perCategory - 1));
  const groupHeights = wrapped.map((lines) => Math.max(perCategory * barHeight, lines.length * 14) + 10);
  const groupTops = groupHeights.map((_, i) => groupHeights.slice(0, i).reduce((a, b) => a + b, 0));
  const title = titleSvg(chart.title);
  const top = title.height + 16;
  const plotHeight = groupHeights.reduce((a, b) => a + b, 0);
  const totals = chart.categories.map((_, i) => chart.series.reduce((s, serie) => s + (serie.values[i] ?? 0), 0));
  const largest = stacked ? Math.max(0, ...totals) : Math.max(0, ...chart.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const ticks = axisTicks(largest, !percent, chart.max);
  const max = ticks.at(-1) ?? 1;
  const x = (v: number) => labelWidth + (v / max) * plotWidth;
  const body: string[] = [];
  for (const v of ticks) {
    const tx = x(v).toFixed(1);
    body.push(`<line x1='${tx}' y1='${top - 4}' x2='${tx}' y2='${top + plotHeight}' stroke='#ddd'/>`);
    body.push(`<text x='${tx}' y='${top + plotHeight + 14}' font-size='11' text-anchor='middle' fill='#333'>${escapeXml(valueText(lng, v, percent))}</text>`);
  }
  chart.categories.forEach((category, i) => {
    const y0 = top + (groupTops[i] ?? 0);
    const lines = wrapped[i] ?? [];
    const blockHeight = Math.max(perCategory * barHeight, lines.length * 14);
    body.push(textLines(lines, labelWidth - 6, y0 + (blockHeight - lines.length * 14) / 2 + 11, `font-size='${LABEL_SIZE}' text-anchor='end' fill='#111'`, 14));
    let offset = 0;
    chart.series.forEach((serie, j) => {
      const value = serie.values[i];
      const y = stacked ? y0 : y0 + j * barHeight;
      // A hidden figure is marked "s" (secret), the same whatever its value; a figure that
      // does not exist (no visit in the denominator) "nd".
      const mark = serie.unavailable?.[i] ? (chart.marks?.unavailable ?? 'nd') : (chart.marks?.secret ?? 's');
      if (value === null && !stacked) body.push(`<text x='${labelWidth + 4}' y='${y + barHeight - 5}' font-size='10' fill='#555'>${escapeXml(mark)}</text>`);
      if (value === null || value === undefined || value === 0) return;
      const colour = COLOURS[j % COLOURS.length] as string;
      const from = stacked ? offset : 0;
      body.push(`<rect x='${x(from).toFixed(1)}' y='${y}' width='${Math.max(0.5, x(from + value) - x(from)).toFixed(1)}' height='${barHeight - 2}' fill='${colour}'><title>${escapeXml(`${category} — ${serie.label} : ${valueText(lng, value, percent)}`)}</title></rect>`);
      if (stacked) offset += value;
    });
  });
  let y = top + plotHeight + 34;
  if (chart.series.length > 1) {
    const legend = legendSvg(chart.series, y);
    body.push(legend.svg);
    y += legend.height + 8;
  }
  return chartSvg(chart.title, title.svg, body, chart.note, y);
}

export interface LineChart {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** Shares in percent; otherwise counts, with whole-number ticks. */
  percent?: boolean;
  max?: number;
  note?: string;
  lng?: AnalystLanguage;
}

/** A line chart over months; a hidden or missing point breaks the line. */
export function lineChartSvg(chart: LineChart): string {
  const lng = chart.lng ?? 'fr';
  const percent = chart.percent ?? false;
  const title = titleSvg(chart.title);
  const top = title.height + 16;
  const plotHeight = 230;
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const ticks = axisTicks(Math.max(0, ...values), !percent, chart.max);
  const max = ticks.at(-1) ?? 1;
  const left = Math.ceil(Math.max(...ticks.map((t) => textWidth(valueText(lng, t, percent), 11)))) + 14;
  const right = 20;
  const n = Math.max(1, chart.categories.length - 1);
  const x = (i: number) => left + (i / n) * (WIDTH - left - right);
  const y = (v: number) => top + (1 - v / max) * plotHeight;
  const body: string[] = [];
  for (const v of ticks) {
    const ty = y(v).toFixed(1);
    body.push(`<line x1='${left}' y1='${ty}' x2='${WIDTH - right}' y2='${ty}' stroke='#ddd'/>`);
    body.push(`<text x='${left - 6}' y='${ty}' font-size='11' text-anchor='end' fill='#333'>${escapeXml(valueText(lng, v, percent))}</text>`);
  }
  const every = Math.max(1, Math.ceil(chart.categories.length / 12));
  chart.categories.forEach((c, i) => {
    if (i % every === 0) body.push(`<text x='${x(i).toFixed(1)}' y='${top + plotHeight + 16}' font-size='11' text-anchor='middle' fill='#333'>${escapeXml(c)}</text>`);
  });
  chart.series.forEach((serie, j) => {
    const colour = COLOURS[j % COLOURS.length] as string;
    let d = '';
    let pen = false;
    serie.values.forEach((v, i) => {
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
      body.push(`<circle cx='${x(i).toFixed(1)}' cy='${y(v).toFixed(1)}' r='3' fill='${colour}'><title>${escapeXml(`${chart.categories[i]} — ${serie.label} : ${valueText(lng, v, percent)}`)}</title></circle>`);
    });
    if (d) body.push(`<path d='${d}' fill='none' stroke='${colour}' stroke-width='2'/>`);
  });
  let ly = top + plotHeight + 40;
  const legend = legendSvg(chart.series, ly);
  body.push(legend.svg);
  ly += legend.height + 8;
  return chartSvg(chart.title, title.svg, body, chart.note, ly);
}

export interface MapChart {
  title: string;
  legend: string;
  hiddenLabel: string;
  attribution: string;
  map: CommuneMap;
  /** Rate per commune code (INSEE code without prefix); null = hidden or none. */
  rates: ReadonlyMap<string, number | null>;
  /** Legend label of a class: "{{from}} à moins de {{to}}", and of the last one "{{from}} à {{to}}". */
  classLabel: (range: { from: string; to: string; last: boolean }) => string;
  lng?: AnalystLanguage;
}

/** A choropleth of the communes, drawn from the outlines only (no tiles). */
export function mapSvg(chart: MapChart): string {
  const published = [...chart.rates.values()].filter((v): v is number => v !== null);
  const breaks = classBreaks(published);
  const lng = chart.lng ?? 'fr';
  const fmt = (n: number) => formatNumber(lng, n);
  const top = 36;
  const legendHeight = 150;
  const width = chart.map.width + 300;
  const height = Math.max(chart.map.height + top + 30, top + legendHeight);
  const parts: string[] = [
    `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}' role='img' aria-label='${escapeXml(chart.title)}' ${FONT}>`,
    `<rect width='${width}' height='${height}' fill='#ffffff'/>`,
    `<text x='10' y='24' font-size='16' font-weight='bold' fill='#111'>${escapeXml(chart.title)}</text>`,
    `<g transform='translate(0 ${top})'>`,
  ];
  for (const shape of chart.map.shapes) {
    const rate = chart.rates.get(shape.code) ?? null;
    const fill = fillOf(rate, breaks);
    parts.push(`<path d='${shape.path}' fill='${fill}' stroke='#555' stroke-width='0.6' data-code='${shape.code}'><title>${escapeXml(`${shape.name} (${shape.code}) : ${rate === null ? chart.hiddenLabel : fmt(rate)}`)}</title></path>`);
  }
  parts.push('</g>');
  const lx = chart.map.width + 20;
  parts.push(`<text x='${lx}' y='${top + 10}' font-size='12' font-weight='bold' fill='#111'>${escapeXml(chart.legend)}</text>`);
  classRanges(breaks, published).forEach((range, i) => {
    // Half-open classes [from, to): a bound belongs to one class only.
    const y = top + 24 + i * 20;
    parts.push(`<rect x='${lx}' y='${y}' width='16' height='14' fill='${MAP_CLASS_COLOURS[i]}' stroke='#555' stroke-width='0.5'/>`);
    parts.push(`<text x='${lx + 22}' y='${y + 11}' font-size='12' fill='#111' data-class='${i}'>${escapeXml(chart.classLabel({ from: fmt(range.from), to: fmt(range.to), last: range.last }))}</text>`);
  });
  const zy = top + 24 + breaks.length * 20;
  parts.push(`<rect x='${lx}' y='${zy}' width='16' height='14' fill='${MAP_ZERO_COLOUR}' stroke='#555' stroke-width='0.5'/>`);
  parts.push(`<text x='${lx + 22}' y='${zy + 11}' font-size='12' fill='#111'>0</text>`);
  const hy = zy + 20;
  parts.push(`<rect x='${lx}' y='${hy}' width='16' height='14' fill='${MAP_HIDDEN_COLOUR}' stroke='#555' stroke-width='0.5'/>`);
  parts.push(`<text x='${lx + 22}' y='${hy + 11}' font-size='12' fill='#111'>${escapeXml(chart.hiddenLabel)}</text>`);
  parts.push(`<text x='10' y='${height - 8}' font-size='10' fill='#333'>${escapeXml(chart.attribution)}</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** A chart's frame: its note wrapped under the plot from `y` on, then the SVG document around it. */
function chartSvg(chartTitle: string, titleSvg: string, body: string[], note: string | undefined, y: number): string {
  let bottom = y;
  if (note) {
    const lines = wrap(note);
    body.push(textLines(lines, 10, bottom, `font-size='11' fill='#333'`, 14));
    bottom += lines.length * 14;
  }
  const height = Math.ceil(bottom + 6);
  return `${[
    `<svg xmlns='http://www.w3.org/2000/svg' width='${WIDTH}' height='${height}' viewBox='0 0 ${WIDTH} ${height}' role='img' aria-label='${escapeXml(chartTitle)}' ${FONT}>`,
    `<rect width='${WIDTH}' height='${height}' fill='#ffffff'/>`,
    titleSvg,
    ...body,
    '</svg>',
  ].join('\n')}\n`;
}
