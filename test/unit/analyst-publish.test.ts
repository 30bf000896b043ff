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
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import { parquetReadObjects } from 'hyparquet';
import { PDFDocument, PDFName } from 'pdf-lib';
import Papa from 'papaparse';
import highsLoader from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/reperes';
import { createAnalystServices, type AnalystServices } from '../../electron/services/analyst/index';
import { publicationDashboard, writePublication, type PublicationRenderer } from '../../electron/services/analyst/publish';
import { panelById } from '../../shared/analyst/dashboard';
import { INDICATORS_SCHEMA, type TableSchemaField } from '../../shared/analyst/datapackage';
import { LICENCE, PUBLICATION_FILES, TIDY_COLUMNS } from '../../shared/analyst/publication';
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
      // "s" is secret and nothing else: a commune without population is "nd", not "s".
      if (r.indicator !== 'illectronisme_age_standardised') expect(r.suppressed).toBe(r.numerator === '' || (r.denominator === '' && r.unavailable === '0') ? '1' : '0');
      if (r.suppressed === '1') expect(r.value).toBe('');
      expect(r.suppressed === '1' && r.unavailable === '1').toBe(false);
      if (r.unavailable === '1') expect(r.value).toBe('');
      // Every share carries its 95 % interval around the value.
      if (r.unit === 'percent' && r.value !== '') expect(Number(r.ci_low) <= Number(r.value) && Number(r.value) <= Number(r.ci_high)).toBe(true);
    }
    expect(rows.some((r) => r.suppressed === '1')).toBe(true);
    // Beside the crude share, the age-standardised share (secret or computed, never a guess).
    const standardised = rows.filter((r) => r.indicator === 'illectronisme_age_standardised');
    expect(standardised).toHaveLength(1);
    expect(standardised[0]?.value === '' ? standardised[0]?.suppressed === '1' || standardised[0]?.unavailable === '1' : Number(standardised[0]?.ci_low) <= Number(standardised[0]?.value)).toBe(true);
  });

  it('writes a Data Package that the official Data Package 2.0 JSON Schema accepts, and every row fits its Table Schema', () => {
    const descriptor = JSON.parse(readFileSync(join(out, PUBLICATION_FILES.datapackage), 'utf8')) as { licenses: { name: string }[]; resources: { path: string; encoding?: string; schema: typeof INDICATORS_SCHEMA }[] };
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    // "textarea" is a display hint of the Frictionless profiles, not a constraint.
    ajv.addFormat('textarea', true);
    const profile = JSON.parse(readFileSync(join(__dirname, '../fixtures/frictionless/datapackage.json'), 'utf8')) as Record<string, unknown>;
    const tableSchema = JSON.parse(readFileSync(join(__dirname, '../fixtures/frictionless/tableschema.json'), 'utf8')) as Record<string, unknown>;
    // draft-07 profiles: their $schema is dropped so one validator reads both.
    delete profile['$schema'];
    delete tableSchema['$schema'];
    const validPackage = ajv.compile(profile);
    expect(validPackage(descriptor), JSON.stringify(validPackage.errors?.slice(0, 3))).toBe(true);
    const validSchema = ajv.compile(tableSchema);
    expect(validSchema(descriptor.resources[0]?.schema), JSON.stringify(validSchema.errors?.slice(0, 3))).toBe(true);
    // A broken descriptor fails (the check can fail).
    expect(validSchema({ fields: [{ name: 'x', type: 'no-such-type' }] })).toBe(false);
    expect(descriptor.licenses[0]?.name).toBe('etalab-2.0');
    expect(descriptor.resources.map((r) => r.path)).toEqual([PUBLICATION_FILES.csv, PUBLICATION_FILES.parquet]);
    expect(descriptor.resources[0]?.encoding).toBe('utf-8');
    // File names as data.gouv.fr expects: lower case, no accent or space.
    for (const r of descriptor.resources) expect(r.path).toMatch(/^[a-z0-9-]+\.[a-z]+$/);

    // Every row against the Table Schema: types, enumerations, patterns, missing values, primary key.
    const schema = descriptor.resources[0]?.schema as typeof INDICATORS_SCHEMA;
    const rows = csvRows();
    const keys = new Set<string>();
    for (const row of rows) {
      for (const field of schema.fields as TableSchemaField[]) {
        const text = row[field.name];
        const c = field.constraints ?? {};
        if (schema.missingValues.includes(text)) {
          expect(c.required ?? false, `${field.name} is required`).toBe(false);
          continue;
        }
        if (field.type === 'integer') expect(text, field.name).toMatch(/^-?\d+$/);
        if (field.type === 'number') expect(Number.isFinite(Number(text)), field.name).toBe(true);
        if (field.type === 'yearmonth') expect(text, field.name).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        if (field.type === 'boolean') expect([...(field.trueValues ?? []), ...(field.falseValues ?? [])]).toContain(text);
        if (c.enum) expect(c.enum, field.name).toContain(text);
        if (c.pattern) expect(text, field.name).toMatch(new RegExp(c.pattern));
        if (c.minimum !== undefined) expect(Number(text)).toBeGreaterThanOrEqual(c.minimum);
        if (c.maximum !== undefined) expect(Number(text)).toBeLessThanOrEqual(c.maximum);
      }
      const key = schema.primaryKey.map((c) => row[c]).join('\u0000');
      expect(keys.has(key), `duplicate primary key ${key}`).toBe(false);
      keys.add(key);
    }
  });

  it('writes a Parquet copy that reads back to the CSV rows, typed', async () => {
    const rows = csvRows();
    const bytes = readFileSync(join(out, PUBLICATION_FILES.parquet));
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const records = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
    expect(records).toHaveLength(rows.length);
    records.forEach((record, i) => {
      const row = rows[i] as Row;
      for (const c of TIDY_COLUMNS) {
        const v = record[c];
        if (c === 'suppressed' || c === 'unavailable') expect(v).toBe(row[c] === '1');
        else if (['numerator', 'denominator', 'value', 'ci_low', 'ci_high'].includes(c)) expect(v === null || v === undefined ? '' : String(v)).toBe(row[c]);
        else expect(v ?? '').toBe(row[c]);
      }
    });
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
    // 40–59 was not found in the source: said so, not left blank.
    expect(refs?.getRow(5).getCell(4).value).toBe('non trouvé');
    // The method sheet: headings, one paragraph per cell, wrapped; the licence named.
    const method = workbook.getWorksheet('methode');
    const cells: string[] = [];
    method?.eachRow((r) => cells.push(String(r.getCell(1).value ?? '')));
    expect(cells).toContain('Licence');
    expect(cells.some((c) => c.includes(LICENCE.title) && c.includes(LICENCE.url))).toBe(true);
    expect(cells.some((c) => c.startsWith('#') || c.startsWith('|'))).toBe(false);
    const paragraph = method?.getRow(cells.findIndex((c) => c.startsWith('Les personnes venues aux bornes')) + 1);
    expect(paragraph?.getCell(1).alignment?.wrapText).toBe(true);
    expect(workbook.description).toContain(LICENCE.title);
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
    const readme = readFileSync(join(out, PUBLICATION_FILES.readme), 'utf8');
    for (const promise of [LICENCE.title, 'ne sont pas un échantillon aléatoire', '« s »', '« nd »', 'illectronisme_age_standardised']) expect(readme).toContain(promise);
    expect(html).toContain('ne sont pas un échantillon aléatoire des habitants');
    expect(html).toContain(LICENCE.title);
    expect(html).toContain('non trouvé');
    // French number formatting: a decimal comma and a narrow no-break space before « % ».
    expect(html).not.toMatch(/\d\.\d\s?%/);
    expect(html).toMatch(/\d,\d\u202F%/);
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('pdftotext', ['-layout', join(out, PUBLICATION_FILES.pdf), '-'], { encoding: 'utf8' });
      for (const heading of ['Participation par mois', 'Illectronisme, comparé à la France', 'Autonomie par tâche', 'Participation par commune', 'Méthode et secret statistique']) expect(text).toContain(heading);
      expect(text).toContain('15,4 %'.replace(',', '.'));
    }
  });

  it('the PDF is tagged, has an outline and the title and metadata of the publication itself', async () => {
    const doc = await PDFDocument.load(readFileSync(join(out, PUBLICATION_FILES.pdf)), { updateMetadata: false });
    expect(doc.getTitle()).toMatch(/^Repères — compétences numériques et illectronisme, Communauté d'Agglomération de Cambrai, \d{4}-\d{2} à \d{4}-\d{2}$/);
    expect(doc.getAuthor()).toBe("Communauté d'Agglomération de Cambrai");
    expect(doc.getSubject()).toContain(LICENCE.title);
    expect(doc.getKeywords()).toContain('illectronisme');
    const catalog = doc.catalog;
    expect(catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
    expect(catalog.get(PDFName.of('Outlines'))).toBeDefined();
    expect(String(catalog.get(PDFName.of('MarkInfo')))).toContain('/Marked true');
    expect(String(catalog.get(PDFName.of('Lang')))).toContain('fr');
  });

  it('the browser prints the PDF while it draws the PNGs, and a failed drawing keeps the other files and reports the renderer', async () => {
    // A recording renderer in place of Chromium (this is about the order of the work; the
    // files Chromium really draws are checked above): each PNG waits until the PDF has been
    // asked for, which a publication drawing them one after the other would never do.
    const blank = await (await PDFDocument.create()).save();
    let pdfAsked!: () => void;
    const pdfRequested = new Promise<void>((resolve) => (pdfAsked = resolve));
    const calls: string[] = [];
    const overlapping: PublicationRenderer = {
      svgToPng: async () => {
        calls.push('png');
        await pdfRequested;
        return new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
      },
      htmlToPdf: async () => {
        calls.push('pdf');
        pdfAsked();
        return blank;
      },
    };
    const done = await writePublication({ store: services.store, k: K, folder: join(dir, 'overlap'), renderer: overlapping });
    expect(done.ok).toBe(true);
    expect(calls.slice(0, 2)).toEqual(['png', 'pdf']);
    expect(calls.filter((c) => c === 'png')).toHaveLength(9);
    // Same files in the same order as when drawn one after the other: data, charts, report, then what the browser drew.
    const paths = done.files.map((f) => f.path);
    expect(paths.slice(0, 4)).toEqual([PUBLICATION_FILES.csv, PUBLICATION_FILES.xlsx, PUBLICATION_FILES.parquet, PUBLICATION_FILES.datapackage]);
    expect(paths.indexOf(PUBLICATION_FILES.readme)).toBeLessThan(paths.findIndex((p) => p.endsWith('.png')));
    expect(paths.at(-1)).toBe(PUBLICATION_FILES.pdf);

    const failing: PublicationRenderer = {
      svgToPng: async () => Promise.reject(new Error('the chart did not render')),
      htmlToPdf: async () => blank,
    };
    const failed = await writePublication({ store: services.store, k: K, folder: join(dir, 'failed'), renderer: failing });
    expect(failed).toMatchObject({ ok: false, reason: 'renderFailed', detail: 'the chart did not render' });
    expect(failed.files.map((f) => f.path)).toContain(PUBLICATION_FILES.xlsx);
    expect(failed.files.some((f) => f.path.endsWith('.png') || f.path === PUBLICATION_FILES.pdf)).toBe(false);
  });

  it('reperes publish refuses a bad k and a missing database', async () => {
    const quiet = { out: () => undefined, err: () => undefined };
    expect(await main(['publish', '--db', dbFile, '--out', out, '--k', '2'], quiet)).toBe(2);
    expect(await main(['publish', '--db', join(dir, 'none.db'), '--out', out], quiet)).toBe(2);
  });
});
