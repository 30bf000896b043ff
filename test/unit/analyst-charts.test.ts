/**
 * The publication's charts as a reader sees them: no label cut or running out of the chart
 * in either language, even the longest one; whole-number ticks on count axes; French
 * numbers with a decimal comma and a narrow no-break space before « % »; a map legend whose
 * classes share no bound.
 */
import { describe, expect, it } from 'vitest';
import { axisTicks, barChartSvg, lineChartSvg, textWidth } from '../../shared/analyst/charts';
import { AUTONOMY_COLUMNS, BARRIER_ROWS, NEED_ROWS, RECOMMENDATION_ROWS, AGE_ROWS } from '../../shared/analyst/dashboard';
import { formatPercent } from '../../shared/analyst/format';
import { classBreaks, classOf, classRanges } from '../../shared/analyst/map';
import { ANALYST_LANGUAGES, codeName } from '../../shared/analyst/texts';
import { AUTONOMY_TASKS } from '../../shared/questionnaire/definition';
import { DSI_CATEGORIES } from '../../shared/scoring/types';

const LABELLED: [string, readonly string[]][] = [
  ['task', AUTONOMY_TASKS],
  ['need', NEED_ROWS],
  ['barrier', BARRIER_ROWS],
  ['recommendation', RECOMMENDATION_ROWS],
  ['ageBand', AGE_ROWS],
  ['dsiCategory', DSI_CATEGORIES],
  ['autonomyLevel', AUTONOMY_COLUMNS],
];

/** Every <text> of an SVG with its position, anchor, size and content. */
function texts(svg: string): { x: number; anchor: string; size: number; text: string }[] {
  return [...svg.matchAll(/<text x='([\d.]+)' y='[\d.-]+' ([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    anchor: /text-anchor='(\w+)'/.exec(m[2] ?? '')?.[1] ?? 'start',
    size: Number(/font-size='(\d+)'/.exec(m[2] ?? '')?.[1] ?? 12),
    text: (m[3] ?? '').replace(/&apos;/g, "'").replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'),
  }));
}

function expectInside(svg: string): void {
  const width = Number(/width='(\d+)'/.exec(svg)?.[1]);
  for (const t of texts(svg)) {
    const w = textWidth(t.text, t.size);
    const [from, to] = t.anchor === 'end' ? [t.x - w, t.x] : t.anchor === 'middle' ? [t.x - w / 2, t.x + w / 2] : [t.x, t.x + w];
    expect(from, `"${t.text}" starts outside the chart`).toBeGreaterThanOrEqual(0);
    expect(to, `"${t.text}" ends outside the chart`).toBeLessThanOrEqual(width);
  }
}

describe('chart labels', () => {
  for (const lng of ANALYST_LANGUAGES) {
    it(`shows every label whole in ${lng}, the longest ones included`, () => {
      for (const [dimension, codes] of LABELLED) {
        const categories = codes.map((c) => codeName(lng, dimension, c));
        const longest = [...categories].sort((a, b) => b.length - a.length)[0] as string;
        const series = [{ label: `${longest} — ${longest}`, values: categories.map((_, i) => i * 7) }, { label: 'Insee, Insee Première n°1953 (2023), données 2021', values: categories.map(() => null) }];
        const svg = barChartSvg({ title: `${longest} ${longest} ${longest}`, categories, series, note: longest.repeat(3), lng });
        expectInside(svg);
        // Nothing is shortened: every word of every label is drawn.
        const drawn = texts(svg).map((t) => t.text).join(' ').replace(/-\s/g, '');
        for (const c of categories) for (const word of c.split(' ')) expect(drawn.includes(word.replace(/-$/, '')) || drawn.replace(/\s/g, '').includes(word), `${word} of "${c}"`).toBe(true);
      }
    });
  }

  it('estimates text widths on the wide side (an estimate shorter than the text would cut it)', () => {
    // DejaVu Sans at 12 px: "m" 11.7 px, "i" 3.3 px, "W" 11.9 px, digits 7.6 px (its advance widths: 1901, 569, 2025 and 1303 of 2048 units).
    expect(textWidth('m', 12)).toBeGreaterThanOrEqual((1901 / 2048) * 12);
    expect(textWidth('i', 12)).toBeGreaterThanOrEqual((569 / 2048) * 12);
    expect(textWidth('W', 12)).toBeGreaterThanOrEqual((2025 / 2048) * 12);
    expect(textWidth('0', 12)).toBeGreaterThanOrEqual((1303 / 2048) * 12);
  });
});

describe('axes and numbers', () => {
  it('gives count axes whole-number ticks that reach the largest value', () => {
    for (const largest of [1, 3, 7, 31, 58, 267, 1234]) {
      const ticks = axisTicks(largest, true);
      expect(ticks.every(Number.isInteger), `${largest}: ${ticks.join()}`).toBe(true);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(largest);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
    const svg = barChartSvg({ title: 'Compétences', categories: ['15-24 ans', '25-39 ans'], series: [{ label: 'a', values: [120, 147] }, { label: 'b', values: [0, 120] }], stacked: true, lng: 'fr' });
    const ticks = texts(svg).filter((t) => t.anchor === 'middle').map((t) => t.text);
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(t.replace(/\u202F/g, ''), t).toMatch(/^\d+$/);
  });

  it('writes French numbers with a decimal comma and a narrow no-break space before %, English ones with a dot', () => {
    expect(formatPercent('fr', 16.1)).toBe('16,1\u202F%');
    expect(formatPercent('en', 16.1)).toBe('16.1%');
    const fr = lineChartSvg({ title: 'Illectronisme par mois', categories: ['2026-01', '2026-02'], series: [{ label: 'Part', values: [2.9, 16.1] }], percent: true, lng: 'fr' });
    const words = texts(fr).map((t) => t.text).join('\n') + [...fr.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]).join('\n');
    expect(words).not.toMatch(/\d\.\d/);
    expect(words).toContain('16,1\u202F%');
    expect(words).not.toMatch(/\d %/);
  });
});

describe('missing bars', () => {
  it('marks a secret bar "s" and an unavailable one "nd", never the other way round', () => {
    const svg = barChartSvg({ title: 'Illectronisme', categories: ['15-24 ans', '40-59 ans'], series: [{ label: 'Local', values: [null, 12] }, { label: 'France', values: [2, null], unavailable: [false, true] }], percent: true, lng: 'fr' });
    const marks = texts(svg).filter((t) => t.size === 10).map((t) => t.text);
    expect(marks).toEqual(['s', 'nd']);
  });
});

describe('map legend', () => {
  it('puts every published rate in exactly one class, bounds included', () => {
    const rates = [0.4, 1.2, 3.5, 10.5, 10.5, 12.25, 20, 31.3, 45.1, 45.1, 60];
    const breaks = classBreaks(rates);
    const ranges = classRanges(breaks, rates);
    for (const rate of rates) {
      const holders = ranges.filter((r) => rate >= r.from && (r.last ? rate <= r.to : rate < r.to));
      expect(holders, String(rate)).toHaveLength(1);
      expect(ranges.indexOf(holders[0] as (typeof ranges)[number])).toBe(classOf(rate, breaks));
    }
    // Each class starts where the previous one stops, and the bound belongs to the later class only.
    ranges.slice(1).forEach((r, i) => expect(r.from).toBe(ranges[i]?.to));
    expect(classOf(breaks[2] as number, breaks)).toBe(2);
  });
});
