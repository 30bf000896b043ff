/**
 * Writing the open-data publication into a folder: the tidy CSV, the XLSX workbook
 * (exceljs), the charts as SVG and PNG, the report as HTML and PDF, and a LISEZMOI.md.
 * Everything comes from the protected dashboard (no filter), so the disclosure control
 * holds for every file. PNG and PDF need a browser engine, injected as a `PublicationRenderer`
 * (Electron's capturePage/printToPDF in the app, Chromium through playwright-core on the
 * command line and in tests).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Highs } from 'highs';
import { dataPackage } from '../../../shared/analyst/datapackage';
import { parseCommuneCollection, projectCommunes, type CommuneMap } from '../../../shared/analyst/map';
import { EPCI, LICENCE, PUBLICATION_FILES, TIDY_COLUMNS, publicationCharts, publicationReadme, publicationTitle, reportHtml, tidyCsv, tidyRows, type TidyRow } from '../../../shared/analyst/publication';
import { FRANCE_15_PLUS_2021, INSEE_ILLECTRONISME_2021 } from '../../../shared/analyst/references';
import { codeName } from '../../../shared/analyst/texts';
import { protectPublication } from '../../../shared/analyst/sdc/publication-protection';
import { NO_FILTERS, type AnalystDashboard, type PublishedFile, type PublishOutcome } from '../../../shared/analyst/types';
import { coarseDay } from '../../../shared/session/day';
import type { AnalystStore } from './store';

/**
 * The browser engine behind the PNG charts and the PDF. `writePublication` calls `svgToPng`
 * one chart at a time, and `htmlToPdf` alongside them (the report prints while the charts
 * are captured): an implementation keeps the two apart (own page or window each).
 */
export interface PublicationRenderer {
  svgToPng(svg: string, size: { width: number; height: number }): Promise<Uint8Array>;
  htmlToPdf(html: string): Promise<Uint8Array>;
}

export const OUTLINES_FILE = 'ca-cambrai-communes.geojson';

/** The commune outlines shipped in assets/geo (source tree) or out/renderer/geo (built app). */
export async function loadCommuneMap(candidates: readonly string[] = defaultOutlinePaths()): Promise<CommuneMap> {
  const file = candidates.find((p) => existsSync(p));
  if (!file) throw new Error(`commune outlines not found (looked in ${candidates.join(', ')})`);
  return projectCommunes(parseCommuneCollection(JSON.parse(await readFile(file, 'utf8'))));
}

function defaultOutlinePaths(): string[] {
  return [
    resolve(__dirname, '../../../assets/geo', OUTLINES_FILE),
    resolve(__dirname, '../renderer/geo', OUTLINES_FILE),
    resolve(process.cwd(), 'assets/geo', OUTLINES_FILE),
  ];
}

/**
 * The whole-territory dashboard the publication is made of, protected as one whole: every
 * published table together, each hidden figure's interval checked by HiGHS
 * (shared/analyst/sdc/).
 */
export async function publicationDashboard(store: AnalystStore, k: number): Promise<AnalystDashboard> {
  const all = store.sumTables(NO_FILTERS, false);
  const input = { byMonth: all.tables, wholeExports: all.tables, bundles: all.bundles, kiosks: all.kiosks, straddling: 0, leftOut: all.leftOut };
  highs ??= import('highs').then((m) => m.default());
  return protectPublication(input, k, await highs).dashboard;
}
/**
 * HiGHS compiled to WebAssembly, loaded once per process, on first use. Like exceljs and
 * pdf-lib below, it is imported where it is used rather than at the top: loading the three
 * takes about a second, which `reperes publish` then spends while Chromium starts instead
 * of before it launches it.
 */
let highs: Promise<Highs> | undefined;

function svgSize(svg: string): { width: number; height: number } {
  const width = Number(/width='(\d+)'/.exec(svg)?.[1] ?? 800);
  const height = Number(/height='(\d+)'/.exec(svg)?.[1] ?? 600);
  return { width, height };
}

const INTEGER: ReadonlySet<string> = new Set(['numerator', 'denominator']);
const DECIMAL: ReadonlySet<string> = new Set(['value', 'ci_low', 'ci_high']);
const FLAG: ReadonlySet<string> = new Set(['suppressed', 'unavailable']);

/** A cell of the workbook: numbers as numbers, flags as 0/1, empty as empty. */
const workbookCell = (column: string, text: string): string | number | null => (text === '' ? null : INTEGER.has(column) || DECIMAL.has(column) || FLAG.has(column) ? Number(text) : text);

/**
 * The method sheet: the package README laid out for a spreadsheet reader — a heading per
 * section (bold), one paragraph or list item per cell, wrapped in a wide column, and the
 * column table as a real two-column table.
 */
function addMethodSheet(workbook: ExcelJS.Workbook, readme: string): void {
  const sheet = workbook.addWorksheet('methode');
  sheet.getColumn(1).width = 28;
  sheet.getColumn(2).width = 100;
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  for (const block of readme.split(/\n{2,}/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const first = lines[0] as string;
    if (first.startsWith('#')) {
      const row = sheet.addRow([first.replace(/^#+\s*/, '')]);
      row.font = { bold: true, size: first.startsWith('# ') ? 14 : 12 };
      sheet.mergeCells(row.number, 1, row.number, 2);
      lines.slice(1).forEach((l) => addParagraph(l));
      continue;
    }
    if (first.startsWith('|')) {
      for (const line of lines) {
        if (/^\|[-| ]+\|$/.test(line)) continue;
        const [name = '', content = ''] = line.split('|').slice(1, -1).map((c) => c.trim());
        const row = sheet.addRow([name, content]);
        row.alignment = wrap;
        if (line === first) row.font = { bold: true };
      }
      continue;
    }
    for (const line of first.startsWith('- ') ? lines : [lines.join(' ')]) addParagraph(line);
  }
  function addParagraph(text: string): void {
    const row = sheet.addRow([text.replace(/\\`|`/g, '')]);
    sheet.mergeCells(row.number, 1, row.number, 2);
    row.getCell(1).alignment = wrap;
    // Merged cells do not grow with their text: give the row the height its lines need.
    row.height = Math.max(15, 15 * Math.ceil(text.length / 120));
  }
}

/** The workbook: the indicators (numbers as numbers), the national references, the method, the licence. */
export async function workbookBytes(rows: readonly TidyRow[], k: number, generatedDay: string, title = 'Repères'): Promise<Uint8Array> {
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = EPCI.name;
  workbook.title = title;
  workbook.subject = LICENCE.title;
  workbook.keywords = `illectronisme; ${LICENCE.title}`;
  workbook.description = `${LICENCE.title} (Etalab) : ${LICENCE.url}`;
  workbook.created = new Date(`${generatedDay}T12:00:00Z`);
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('indicateurs', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...TIDY_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(TIDY_COLUMNS.map((c) => workbookCell(c, row[c])));
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(10, (TIDY_COLUMNS[i] ?? '').length + 2));
  });
  const refs = workbook.addWorksheet('references');
  const ref = INSEE_ILLECTRONISME_2021;
  refs.addRow(['indicateur', 'tranche_age', 'libelle', 'pourcentage', 'annee', 'source', 'url']);
  refs.getRow(1).font = { bold: true };
  refs.addRow(['illectronisme', 'ALL', 'Ensemble (15 ans ou plus)', ref.overall.percent, ref.year, `${ref.source.publisher}, ${ref.source.number}`, ref.source.url]);
  for (const [band, figure] of Object.entries(ref.byAgeBand)) {
    refs.addRow(['illectronisme', band, codeName('fr', 'ageBand', band), figure.percent ?? 'non trouvé', ref.year, `${ref.source.publisher}, ${ref.source.number}`, ref.source.url]);
  }
  const std = FRANCE_15_PLUS_2021;
  for (const [band, people] of Object.entries(std.byAgeBand)) {
    refs.addRow(['population_standard', band, codeName('fr', 'ageBand', band), Math.round(people), std.year, `${std.source.publisher}, ${std.source.table}`, std.source.url]);
  }
  refs.columns.forEach((column, i) => {
    column.width = [16, 12, 22, 12, 8, 60, 50][i] ?? 12;
  });
  addMethodSheet(workbook, publicationReadme(k, generatedDay));
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/**
 * The indicators as Apache Parquet (hyparquet-writer, pure JavaScript): the CSV's columns
 * with their types (counts INT32, shares DOUBLE, flags BOOLEAN, text UTF-8), empty cells null.
 */
export async function parquetBytes(rows: readonly TidyRow[]): Promise<Uint8Array> {
  // An ES module: imported where it is used, so the CommonJS main bundle can load it.
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const columnData = TIDY_COLUMNS.map((c) => {
    if (FLAG.has(c)) return { name: c, type: 'BOOLEAN' as const, data: rows.map((r) => r[c] === '1') };
    if (INTEGER.has(c) || DECIMAL.has(c)) return { name: c, type: INTEGER.has(c) ? ('INT32' as const) : ('DOUBLE' as const), data: rows.map((r) => (r[c] === '' ? null : Number(r[c]))) };
    return { name: c, type: 'STRING' as const, data: rows.map((r) => (r[c] === '' && c.startsWith('subcategory') ? null : r[c])) };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}

/**
 * The PDF's own metadata: Chromium writes the page title only (and its user agent as
 * creator); a reader, a search engine or data.gouv.fr's preview shows these fields.
 * pdf-lib rewrites the document with every object kept, so the tags (StructTreeRoot,
 * MarkInfo) and the outline Chromium generated stay.
 */
export async function withPdfMetadata(pdf: Uint8Array, meta: { title: string; subject: string; language: string; day: string }): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(EPCI.name);
  doc.setSubject(meta.subject);
  doc.setKeywords(['illectronisme', 'inclusion numérique', 'DSI 2.0', LICENCE.title]);
  doc.setCreator('Repères');
  doc.setProducer('Repères (Chromium, pdf-lib)');
  doc.setLanguage(meta.language);
  const date = new Date(`${meta.day}T12:00:00Z`);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  return doc.save({ useObjectStreams: false });
}

export interface PublishOptions {
  store: AnalystStore;
  k: number;
  folder: string;
  renderer: PublicationRenderer | null;
  now?: Date;
  map?: CommuneMap;
}

type Rendered = { pngs: Uint8Array[]; pdf: Uint8Array } | { error: unknown };

/**
 * Every chart as PNG (one after the other) and the report as PDF, at the same time: the
 * renderer keeps them apart (see PublicationRenderer). The PDF gets its metadata (`finishPdf`)
 * as soon as it is printed, while the charts are still being drawn. Never rejects: a failure
 * comes back as `{ error }`, so that nothing is left unhandled while the other files are written.
 */
async function render(renderer: PublicationRenderer, charts: readonly { svg: string }[], html: string, finishPdf: (pdf: Uint8Array) => Promise<Uint8Array>): Promise<Rendered> {
  const pngs = (async () => {
    const out: Uint8Array[] = [];
    for (const chart of charts) out.push(await renderer.svgToPng(chart.svg, svgSize(chart.svg)));
    return out;
  })();
  const pdf = renderer.htmlToPdf(html).then(finishPdf);
  try {
    const [p, d] = await Promise.all([pngs, pdf]);
    return { pngs: p, pdf: d };
  } catch (error) {
    // Both settled before the caller may close the browser under them.
    await Promise.allSettled([pngs, pdf]);
    return { error };
  }
}

/** Writes every publication file into `folder`; each file is written whole, then renamed. */
export async function writePublication(options: PublishOptions): Promise<PublishOutcome> {
  const folder = resolve(options.folder);
  const files: PublishedFile[] = [];
  const dashboard = await publicationDashboard(options.store, options.k);
  if (dashboard.coverage.bundles === 0) return { ok: false, reason: 'nothingToPublish', folder, files };
  const day = coarseDay(options.now ?? new Date());
  const write = async (path: string, data: string | Uint8Array) => {
    const target = join(folder, path);
    const temp = `${target}.part`;
    await writeFile(temp, data);
    await rename(temp, target);
    files.push({ path, bytes: typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.length });
  };
  let charts;
  let rows: TidyRow[];
  let rendering: Promise<Rendered> | null = null;
  try {
    await mkdir(join(folder, PUBLICATION_FILES.charts), { recursive: true });
    rows = tidyRows(dashboard, 'fr');
    charts = publicationCharts(dashboard, options.map ?? (await loadCommuneMap()), 'fr');
    const html = reportHtml(dashboard, charts, { generatedDay: day, lng: 'fr' });
    // The browser draws the PNGs and prints the PDF (seconds, in its own processes) while
    // this process builds the CSV, workbook and Parquet copy; the files are still written
    // in the same order, each once its bytes are ready.
    const pdfMetadata = { title: publicationTitle(dashboard), subject: `${LICENCE.title} (Etalab), ${LICENCE.url}`, language: 'fr-FR', day };
    if (options.renderer) rendering = render(options.renderer, charts, html, (pdf) => withPdfMetadata(pdf, pdfMetadata));
    await write(PUBLICATION_FILES.csv, tidyCsv(rows));
    await write(PUBLICATION_FILES.xlsx, await workbookBytes(rows, options.k, day, publicationTitle(dashboard)));
    await write(PUBLICATION_FILES.parquet, await parquetBytes(rows));
    await write(PUBLICATION_FILES.datapackage, `${JSON.stringify(dataPackage({ generatedDay: day, from: dashboard.coverage.from ?? '', to: dashboard.coverage.to ?? '', k: options.k }), null, 2)}\n`);
    for (const chart of charts) await write(`${PUBLICATION_FILES.charts}/${chart.name}.svg`, chart.svg);
    await write(PUBLICATION_FILES.html, html);
    await write(PUBLICATION_FILES.readme, publicationReadme(options.k, day));
  } catch (error) {
    // Whatever the browser was still doing is finished before the caller closes it.
    await rendering;
    return { ok: false, reason: 'writeFailed', detail: error instanceof Error ? error.message : String(error), folder, files };
  }
  if (!rendering) return { ok: false, reason: 'renderFailed', detail: 'no browser engine to render PNG and PDF', folder, files };
  try {
    const rendered = await rendering;
    if ('error' in rendered) throw rendered.error;
    for (const [i, chart] of charts.entries()) await write(`${PUBLICATION_FILES.charts}/${chart.name}.png`, rendered.pngs[i] as Uint8Array);
    await write(PUBLICATION_FILES.pdf, rendered.pdf);
  } catch (error) {
    return { ok: false, reason: 'renderFailed', detail: error instanceof Error ? error.message : String(error), folder, files };
  }
  return { ok: true, folder, files, rows: rows.length, k: options.k };
}
