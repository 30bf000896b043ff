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
import ExcelJS from 'exceljs';
import highsLoader from 'highs';
import { parseCommuneCollection, projectCommunes, type CommuneMap } from '../../../shared/analyst/map';
import { PUBLICATION_FILES, TIDY_COLUMNS, publicationCharts, publicationReadme, reportHtml, tidyCsv, tidyRows, type TidyRow } from '../../../shared/analyst/publication';
import { INSEE_ILLECTRONISME_2021 } from '../../../shared/analyst/references';
import { codeName } from '../../../shared/analyst/texts';
import { protectPublication } from '../../../shared/analyst/sdc/publication-protection';
import { NO_FILTERS, type AnalystDashboard, type PublishedFile, type PublishOutcome } from '../../../shared/analyst/types';
import { coarseDay } from '../../../shared/session/record';
import type { AnalystStore } from './store';

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
  highs ??= highsLoader();
  return protectPublication(input, k, await highs).dashboard;
}
/** HiGHS compiled to WebAssembly, loaded once per process. */
let highs: ReturnType<typeof highsLoader> | undefined;

function svgSize(svg: string): { width: number; height: number } {
  const width = Number(/width='(\d+)'/.exec(svg)?.[1] ?? 800);
  const height = Number(/height='(\d+)'/.exec(svg)?.[1] ?? 600);
  return { width, height };
}

const NUMERIC: ReadonlySet<string> = new Set(['numerator', 'denominator', 'value', 'suppressed']);

/** The workbook: the indicators (numbers as numbers), the national references, the method. */
export async function workbookBytes(rows: readonly TidyRow[], k: number, generatedDay: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Repères';
  workbook.created = new Date(`${generatedDay}T12:00:00Z`);
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('indicateurs', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...TIDY_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(TIDY_COLUMNS.map((c) => (NUMERIC.has(c) && row[c] !== '' ? Number(row[c]) : row[c] === '' ? null : row[c])));
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(10, (TIDY_COLUMNS[i] ?? '').length + 2));
  });
  const refs = workbook.addWorksheet('references');
  const ref = INSEE_ILLECTRONISME_2021;
  refs.addRow(['indicateur', 'tranche_age', 'libelle', 'pourcentage', 'annee', 'source', 'url']);
  refs.getRow(1).font = { bold: true };
  refs.addRow(['illectronisme', 'ALL', 'Ensemble (15 ans ou plus)', ref.overall.percent, ref.year, `${ref.source.publisher}, ${ref.source.number}`, ref.source.url]);
  for (const [band, figure] of Object.entries(ref.byAgeBand)) {
    refs.addRow(['illectronisme', band, codeName('fr', 'ageBand', band), figure.percent, ref.year, `${ref.source.publisher}, ${ref.source.number}${figure.percent === null ? ' (non publié dans la source)' : ''}`, ref.source.url]);
  }
  const method = workbook.addWorksheet('methode');
  for (const line of publicationReadme(k, generatedDay).split('\n')) method.addRow([line]);
  method.getColumn(1).width = 120;
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export interface PublishOptions {
  store: AnalystStore;
  k: number;
  folder: string;
  renderer: PublicationRenderer | null;
  now?: Date;
  map?: CommuneMap;
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
  let html: string;
  let rows: TidyRow[];
  try {
    await mkdir(join(folder, PUBLICATION_FILES.charts), { recursive: true });
    rows = tidyRows(dashboard, 'fr');
    await write(PUBLICATION_FILES.csv, tidyCsv(rows));
    await write(PUBLICATION_FILES.xlsx, await workbookBytes(rows, options.k, day));
    charts = publicationCharts(dashboard, options.map ?? (await loadCommuneMap()), 'fr');
    for (const chart of charts) await write(`${PUBLICATION_FILES.charts}/${chart.name}.svg`, chart.svg);
    html = reportHtml(dashboard, charts, { generatedDay: day, lng: 'fr' });
    await write(PUBLICATION_FILES.html, html);
    await write(PUBLICATION_FILES.readme, publicationReadme(options.k, day));
  } catch (error) {
    return { ok: false, reason: 'writeFailed', detail: error instanceof Error ? error.message : String(error), folder, files };
  }
  if (!options.renderer) return { ok: false, reason: 'renderFailed', detail: 'no browser engine to render PNG and PDF', folder, files };
  try {
    for (const chart of charts) await write(`${PUBLICATION_FILES.charts}/${chart.name}.png`, await options.renderer.svgToPng(chart.svg, svgSize(chart.svg)));
    await write(PUBLICATION_FILES.pdf, await options.renderer.htmlToPdf(html));
  } catch (error) {
    return { ok: false, reason: 'renderFailed', detail: error instanceof Error ? error.message : String(error), folder, files };
  }
  return { ok: true, folder, files, rows: rows.length, k: options.k };
}
