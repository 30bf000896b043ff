/**
 * Publication files: the CSV parses back to the dashboard's numbers, the XLSX opens with
 * exceljs and holds the same numbers, the charts are SVG and PNG, the PDF renders in
 * Chromium; nothing published shows a count under k; and an attacker with an integer
 * programming solver who reads the CSV pins no hidden figure. Three tiny kiosks (17, 24 and
 * 31 visits over six months, k = 5) made with `reperes simulate`, `export`, `import` and
 * `publish`, as the attacker had them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import highsLoader from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/reperes';
import { createAnalystServices, type AnalystServices } from '../../electron/services/analyst/index';
import { publicationDashboard } from '../../electron/services/analyst/publish';
import { panelById } from '../../shared/analyst/dashboard';
import { PUBLICATION_FILES, TIDY_COLUMNS } from '../../shared/analyst/publication';
import { protectionLevel } from '../../shared/analyst/sdc/intervals';
import { NO_FILTERS, type AnalystDashboard } from '../../shared/analyst/types';
import { monthsAgo } from '../harness/analyst-fixtures';
import { reperes } from '../harness/cli';
import { addDashboardKnowledge, publishedKnowledge } from '../harness/sdc-csv';
import { attack } from '../harness/sdc-attack';

const dir = mkdtempSync(join(tmpdir(), 'reperes-analyst-publish-'));
const out = join(dir, 'open-data');
const K = 5;
let services: AnalystServices;
let dbFile: string;
/** The protected dashboard the publication is made of (the report prints all its tables). */
let published: AnalystDashboard;

const KIOSKS = [
  { site: 'LABO', sessions: 17 },
  { site: 'CS-SUD', sessions: 24 },
  { site: 'MEDIA', sessions: 31 },
];

beforeAll(async () => {
  const until = monthsAgo(0).toISOString().slice(0, 10);
  for (const [i, kiosk] of KIOSKS.entries()) {
    const db = join(dir, `${kiosk.site}.db`);
    const simulated = await reperes(['simulate', '--db', db, '--sessions', String(kiosk.sessions), '--seed', String(140 + i), '--site', kiosk.site, '--until', until, '--months', '6']);
    expect(simulated.code, simulated.err).toBe(0);
    expect((await reperes(['export', '--db', db, '--out', join(dir, 'usb')])).code).toBe(0);
  }
  const userDataDir = join(dir, 'analyst');
  dbFile = join(userDataDir, 'reperes-analyste.db');
  mkdirSync(userDataDir, { recursive: true });
  const imported = await reperes(['import', '--db', dbFile, '--trust-new', join(dir, 'usb')]);
  expect(imported.code, imported.err).toBe(0);
  services = createAnalystServices({ userDataDir });
  const run = await reperes(['publish', '--db', dbFile, '--out', out, '--k', String(K)]);
  expect(run.code, run.err).toBe(0);
  published = await publicationDashboard(services.store, K);
}, 120_000);

afterAll(() => services?.close());

type Row = Record<(typeof TIDY_COLUMNS)[number], string>;

function csvRows(): Row[] {
  const text = readFileSync(join(out, PUBLICATION_FILES.csv), 'utf8');
  expect(text.charCodeAt(0)).not.toBe(0xfeff);
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual([...TIDY_COLUMNS]);
  return parsed.data;
}

describe('analyst publication', () => {
  it('the CSV parses back to the dashboard numbers', async () => {
    const rows = csvRows();
    // The screen protects each table on its own; the publication protects every table together.
    const dashboard = published;
    expect(dashboard.coverage.bundles).toBe(3);
    const ill = panelById(dashboard, 'illectronisme');
    const overall = rows.find((r) => r.indicator === 'illectronisme' && r.territory_level === 'epci' && r.age_band === 'ALL' && r.period_start !== r.period_end);
    const [yes, no] = ill.table?.columnTotals ?? [];
    expect(overall?.numerator).toBe(yes === null ? '' : String(yes));
    // The share is over the visits whose situation is known: YES + NO, "unknown" aside.
    expect(overall?.denominator).toBe(yes === null || no === null || yes === undefined || no === undefined ? '' : String(yes + no));
    if (overall?.value !== '') expect(Number(overall?.value)).toBe(ill.overallShare);
    const participation = panelById(dashboard, 'participation').table;
    const completed = rows.find((r) => r.indicator === 'sessions_by_status' && r.category === 'completed' && r.period_start !== r.period_end);
    expect(completed?.numerator).toBe(participation?.columnTotals[0] === null ? '' : String(participation?.columnTotals[0]));
    expect(completed?.denominator).toBe(participation?.total === null ? '' : String(participation?.total));
    expect([null, 72]).toContain(participation?.total);
    // Every DSI cell of the dashboard is in the CSV, hidden ones hidden.
    const dsi = panelById(dashboard, 'dsi').table;
    dsi?.rows.codes.forEach((age, i) =>
      dsi.columns.codes.forEach((category, j) => {
        const row = rows.find((r) => r.indicator === 'dsi_category' && r.age_band === age && r.category === category);
        expect(row?.numerator).toBe(dsi.cells[i]?.[j] === null ? '' : String(dsi.cells[i]?.[j]));
      }),
    );
    // Communes: INSEE codes, rate per 1,000 inhabitants.
    const commune = rows.filter((r) => r.indicator === 'participation_per_1000');
    expect(commune).toHaveLength(55);
    expect(commune.every((r) => /^59\d{3}$/.test(r.territory_code))).toBe(true);
    // Disclosure control: no published count under k, and hidden rows say so.
    for (const r of rows) {
      for (const v of [r.numerator, r.indicator === 'participation_per_1000' ? '' : r.denominator]) if (v !== '') expect(Number(v) === 0 || Number(v) >= K).toBe(true);
      expect(r.suppressed).toBe(r.numerator === '' || r.denominator === '' ? '1' : '0');
      if (r.suppressed === '1') expect(r.value).toBe('');
    }
    expect(rows.some((r) => r.suppressed === '1')).toBe(true);
  });

  it('an attacker with HiGHS who reads the CSV and every table of the report finds every hidden figure between bounds at least k apart, reaching k', async () => {
    const all = services.store.sumTables(NO_FILTERS, false);
    const { model, known } = publishedKnowledge(csvRows(), { byMonth: all.tables, wholeExports: all.tables, bundles: all.bundles, kiosks: all.kiosks, straddling: 0 });
    addDashboardKnowledge(published, model, known);
    // The report's tables are those of the protected dashboard.
    const html = readFileSync(join(out, PUBLICATION_FILES.html), 'utf8');
    const hiddenCells = (html.match(/<td class="s"/g) ?? []).length;
    expect(hiddenCells).toBeGreaterThan(0);
    const found = attack(await highsLoader(), model, known, K);
    expect(found.length).toBeGreaterThan(10);
    const exposed = found.filter((f) => f.interval.max < K || f.interval.max - f.interval.min < protectionLevel(K));
    expect(exposed).toEqual([]);
  }, 120_000);

  it('the XLSX opens with exceljs and holds the same numbers', async () => {
    const rows = csvRows();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, PUBLICATION_FILES.xlsx));
    const sheet = workbook.getWorksheet('indicateurs');
    expect(sheet).toBeDefined();
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([...TIDY_COLUMNS]);
    expect(sheet?.rowCount).toBe(rows.length + 1);
    rows.forEach((row, i) => {
      const values = (sheet?.getRow(i + 2).values as unknown[]).slice(1);
      TIDY_COLUMNS.forEach((column, j) => {
        const cell = values[j];
        expect(cell === undefined || cell === null ? '' : String(cell)).toBe(row[column]);
      });
    });
    const refs = workbook.getWorksheet('references');
    expect(refs?.getRow(2).getCell(4).value).toBe(15.4);
  });

  it('writes every chart as SVG and PNG, and the report as HTML and a PDF Chromium rendered', () => {
    const names = ['01-participation', '02-illectronisme-age', '03-illectronisme-mois', '04-competences-dsi', '05-autonomie', '06-besoins', '07-freins', '08-orientations', '09-carte-participation'];
    for (const name of names) {
      expect(readFileSync(join(out, PUBLICATION_FILES.charts, `${name}.svg`), 'utf8')).toMatch(/^<svg xmlns='http:\/\/www.w3.org\/2000\/svg'/);
      expect(readFileSync(join(out, PUBLICATION_FILES.charts, `${name}.png`)).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    expect(readFileSync(join(out, PUBLICATION_FILES.charts, '09-carte-participation.svg'), 'utf8').match(/data-code='59\d{3}'/g)).toHaveLength(55);
    const html = readFileSync(join(out, PUBLICATION_FILES.html), 'utf8');
    expect(html).toContain('Insee Première n°1953');
    // The guarantee the report and the LISEZMOI state is the one the attack above checks.
    expect(html).toContain(`ces valeurs atteignent au moins ${K} et s'étendent sur un écart d'au moins ${K}`);
    expect(readFileSync(join(out, PUBLICATION_FILES.readme), 'utf8')).toContain(`des valeurs allant jusqu'à ${K} au moins, sur un écart d'au moins ${K}`);
    const pdf = readFileSync(join(out, PUBLICATION_FILES.pdf));
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('pdftotext', ['-layout', join(out, PUBLICATION_FILES.pdf), '-'], { encoding: 'utf8' });
      for (const heading of ['Participation par mois', 'Illectronisme, comparé à la France', 'Autonomie par tâche', 'Participation par commune', 'Méthode et secret statistique']) expect(text).toContain(heading);
      expect(text).toContain('15,4 %'.replace(',', '.'));
    }
  });

  it('reperes publish refuses a bad k and a missing database', async () => {
    const quiet = { out: () => undefined, err: () => undefined };
    expect(await main(['publish', '--db', dbFile, '--out', out, '--k', '2'], quiet)).toBe(2);
    expect(await main(['publish', '--db', join(dir, 'none.db'), '--out', out], quiet)).toBe(2);
  });
});
