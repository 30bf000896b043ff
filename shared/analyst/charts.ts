/**
 * Charts of the publication as standalone SVG text, drawn from the protected panels (hidden
 * figures draw nothing and are named in the data table beside them). Pure string building:
 * the command line and the app write the same bytes; PNG versions are these SVGs rendered by
 * a browser engine. Okabe–Ito colours, told apart by most colour-blind readers.
 */
import { MAP_CLASS_COLOURS, MAP_HIDDEN_COLOUR, MAP_ZERO_COLOUR, classBreaks, fillOf, type CommuneMap } from './map';

export const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999'];
const FONT = "font-family='Luciole, Noto Sans, DejaVu Sans, Arial, sans-serif'";

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

export interface BarSeries {
  label: string;
  values: (number | null)[];
}

export interface BarChart {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** Bars of one category side by side (false) or stacked (true). */
  stacked?: boolean;
  /** Axis unit: "%" for shares. */
  unit?: string;
  /** Fixed axis maximum (100 for shares). */
  max?: number;
  note?: string;
}

/** Splits a note into lines of at most `max` characters, at spaces. */
export function wrap(text: string, max = 110): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function noteSvg(note: string, x: number, y: number): string {
  return wrap(note).map((line, i) => `<text x='${x}' y='${y + i * 14}' font-size='11' fill='#333'>${escapeXml(line)}</text>`).join('\n');
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** A horizontal bar chart (long French labels read best on the left). */
export function barChartSvg(chart: BarChart): string {
  const width = 760;
  const labelWidth = 250;
  const plotWidth = width - labelWidth - 40;
  const stacked = chart.stacked ?? false;
  const perCategory = stacked ? 1 : Math.max(1, chart.series.length);
  const barHeight = stacked ? 18 : Math.max(8, 18 - 3 * (perCategory - 1));
  const groupHeight = perCategory * barHeight + 10;
  const legendHeight = chart.series.length > 1 ? 18 * Math.ceil(chart.series.length / 3) + 8 : 0;
  const top = 40;
  const height = top + chart.categories.length * groupHeight + 30 + legendHeight + (chart.note ? 14 * wrap(chart.note).length + 6 : 0);
  const totals = chart.categories.map((_, i) => chart.series.reduce((s, serie) => s + (serie.values[i] ?? 0), 0));
  const largest = stacked ? Math.max(0, ...totals) : Math.max(0, ...chart.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const max = chart.max ?? (largest > 0 ? largest : 1);
  const x = (v: number) => labelWidth + (v / max) * plotWidth;
  const parts: string[] = [
    `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}' role='img' aria-label='${escapeXml(chart.title)}' ${FONT}>`,
    `<rect width='${width}' height='${height}' fill='#ffffff'/>`,
    `<text x='10' y='24' font-size='16' font-weight='bold' fill='#111'>${escapeXml(chart.title)}</text>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const v = max * tick;
    const tx = x(v).toFixed(1);
    parts.push(`<line x1='${tx}' y1='${top - 4}' x2='${tx}' y2='${top + chart.categories.length * groupHeight}' stroke='#ddd'/>`);
    parts.push(`<text x='${tx}' y='${top + chart.categories.length * groupHeight + 14}' font-size='11' text-anchor='middle' fill='#333'>${fmt(Math.round(v * 10) / 10)}${chart.unit ?? ''}</text>`);
  }
  chart.categories.forEach((category, i) => {
    const y0 = top + i * groupHeight;
    parts.push(`<text x='${labelWidth - 6}' y='${(y0 + (perCategory * barHeight) / 2 + 4).toFixed(1)}' font-size='12' text-anchor='end' fill='#111'>${escapeXml(category.length > 40 ? `${category.slice(0, 39)}…` : category)}</text>`);
    let offset = 0;
    chart.series.forEach((serie, j) => {
      const value = serie.values[i];
      const y = stacked ? y0 : y0 + j * barHeight;
      // A hidden figure is marked "s" (secret), the same whatever its value.
      if (value === null && !stacked) parts.push(`<text x='${labelWidth + 4}' y='${y + barHeight - 5}' font-size='10' fill='#555'>s</text>`);
      if (value === null || value === undefined || value === 0) return;
      const colour = COLOURS[j % COLOURS.length] as string;
      const from = stacked ? offset : 0;
      parts.push(`<rect x='${x(from).toFixed(1)}' y='${y}' width='${Math.max(0.5, x(from + value) - x(from)).toFixed(1)}' height='${barHeight - 2}' fill='${colour}'><title>${escapeXml(`${category} — ${serie.label} : ${fmt(value)}${chart.unit ?? ''}`)}</title></rect>`);
      if (stacked) offset += value;
    });
  });
  let ly = top + chart.categories.length * groupHeight + 34;
  if (chart.series.length > 1) {
    chart.series.forEach((serie, j) => {
      const lx = 10 + (j % 3) * 250;
      if (j > 0 && j % 3 === 0) ly += 18;
      parts.push(`<rect x='${lx}' y='${ly - 10}' width='12' height='12' fill='${COLOURS[j % COLOURS.length]}'/>`);
      parts.push(`<text x='${lx + 16}' y='${ly}' font-size='12' fill='#111'>${escapeXml(serie.label)}</text>`);
    });
    ly += 22;
  }
  if (chart.note) parts.push(noteSvg(chart.note, 10, ly));
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

export interface LineChart {
  title: string;
  categories: string[];
  series: BarSeries[];
  unit?: string;
  max?: number;
  note?: string;
}

/** A line chart over months; a hidden or missing point breaks the line. */
export function lineChartSvg(chart: LineChart): string {
  const width = 760;
  const height = 320 + (chart.note ? 14 * (wrap(chart.note).length - 1) : 0);
  const left = 50;
  const right = 20;
  const top = 40;
  const bottom = 70 + (chart.note ? 14 * (wrap(chart.note).length - 1) : 0);
  const values = chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = chart.max ?? Math.max(1, ...values);
  const n = Math.max(1, chart.categories.length - 1);
  const x = (i: number) => left + (i / n) * (width - left - right);
  const y = (v: number) => top + (1 - v / max) * (height - top - bottom);
  const parts: string[] = [
    `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height}' viewBox='0 0 ${width} ${height}' role='img' aria-label='${escapeXml(chart.title)}' ${FONT}>`,
    `<rect width='${width}' height='${height}' fill='#ffffff'/>`,
    `<text x='10' y='24' font-size='16' font-weight='bold' fill='#111'>${escapeXml(chart.title)}</text>`,
  ];
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const ty = y(max * tick).toFixed(1);
    parts.push(`<line x1='${left}' y1='${ty}' x2='${width - right}' y2='${ty}' stroke='#ddd'/>`);
    parts.push(`<text x='${left - 6}' y='${ty}' font-size='11' text-anchor='end' fill='#333'>${fmt(Math.round(max * tick * 10) / 10)}${chart.unit ?? ''}</text>`);
  }
  const every = Math.max(1, Math.ceil(chart.categories.length / 12));
  chart.categories.forEach((c, i) => {
    if (i % every === 0) parts.push(`<text x='${x(i).toFixed(1)}' y='${height - bottom + 16}' font-size='11' text-anchor='middle' fill='#333'>${escapeXml(c)}</text>`);
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
      parts.push(`<circle cx='${x(i).toFixed(1)}' cy='${y(v).toFixed(1)}' r='3' fill='${colour}'><title>${escapeXml(`${chart.categories[i]} — ${serie.label} : ${fmt(v)}${chart.unit ?? ''}`)}</title></circle>`);
    });
    if (d) parts.push(`<path d='${d}' fill='none' stroke='${colour}' stroke-width='2'/>`);
    parts.push(`<rect x='${10 + j * 250}' y='${height - bottom + 26}' width='12' height='12' fill='${colour}'/>`);
    parts.push(`<text x='${26 + j * 250}' y='${height - bottom + 36}' font-size='12' fill='#111'>${escapeXml(serie.label)}</text>`);
  });
  if (chart.note) parts.push(noteSvg(chart.note, 10, height - bottom + 56));
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

export interface MapChart {
  title: string;
  legend: string;
  hiddenLabel: string;
  attribution: string;
  map: CommuneMap;
  /** Rate per commune code (INSEE code without prefix); null = hidden or none. */
  rates: ReadonlyMap<string, number | null>;
}

/** A choropleth of the communes, drawn from the outlines only (no tiles). */
export function mapSvg(chart: MapChart): string {
  const published = [...chart.rates.values()].filter((v): v is number => v !== null);
  const breaks = classBreaks(published);
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
  let previous = 0;
  breaks.forEach((b, i) => {
    // Classes read "more than the previous bound, up to this one".
    const y = top + 24 + i * 20;
    parts.push(`<rect x='${lx}' y='${y}' width='16' height='14' fill='${MAP_CLASS_COLOURS[i]}' stroke='#555' stroke-width='0.5'/>`);
    parts.push(`<text x='${lx + 22}' y='${y + 11}' font-size='12' fill='#111'>${fmt(previous)} – ${fmt(b)}</text>`);
    previous = b;
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
