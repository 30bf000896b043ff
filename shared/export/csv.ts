/**
 * CSV views of a bundle for people who open files in Excel or LibreOffice: UTF-8 with a byte
 * order mark (without it Excel reads UTF-8 as ANSI and mangles "Âge"), ";" as separator (what
 * French-locale Excel expects), CRLF line ends, French headers, and each code followed by
 * its French words. Written with papaparse's `unparse`, which quotes what needs quoting and
 * defuses cells that a spreadsheet would run as a formula (a site name starting with "=", even
 * over several lines: shared/spreadsheet-safety.ts).
 * The JSON bundle stays the reference: these views are derived from it, byte for byte the
 * same each time.
 */
import Papa from 'papaparse';
import { FRENCH_TEXTS } from '../i18n/french';
import { flattenTexts } from '../i18n/text-tree';
import { FORMULA_TRIGGER } from '../spreadsheet-safety';
import type { Bundle } from './bundle';
import { codeLabel, codeLabelKey, dimensionLabel, type TextLookup } from './labels';
import { TABLES } from './tables';
import { tableSetFor } from './table-sets';
import { EPCI, inseeCommuneCode } from '../territory';

export const CSV_BOM = '\uFEFF';
export const CSV_DELIMITER = ';';

let frenchTexts: Record<string, string> | null = null;
export function frenchLookup(): TextLookup {
  frenchTexts ??= flattenTexts(FRENCH_TEXTS);
  const texts = frenchTexts;
  return (key) => texts[key];
}

function toCsv(rows: (string | number)[][]): string {
  return CSV_BOM + Papa.unparse(rows, { delimiter: CSV_DELIMITER, newline: '\r\n', quotes: false, header: false, escapeFormulae: FORMULA_TRIGGER }) + '\r\n';
}

export interface CsvView {
  /** File name inside the bundle's CSV folder. */
  fileName: string;
  content: string;
}

/** Folder beside the JSON that holds its CSV views: `<bundle name without .json>-tableaux`. */
export function csvFolderName(bundleFileName: string): string {
  return `${bundleFileName.replace(/\.json$/, '')}-tableaux`;
}

/** `keyFingerprint`: the fingerprint of bundle.kiosk.publicKey (electron/services/key-fingerprint.ts). */
export function csvViews(bundle: Bundle, keyFingerprint: string, lookup: TextLookup = frenchLookup()): CsvView[] {
  const t = (key: string) => lookup(key) ?? key;
  const about: CsvView = {
    fileName: '00-export.csv',
    content: toCsv([
      [t('staff.csv.field'), t('staff.csv.value')],
      [t('staff.csv.pseudonym'), bundle.kiosk.pseudonym],
      // What the analyst compares at the kiosk's first import (shared/key-fingerprint.ts).
      [t('staff.csv.keyFingerprint'), keyFingerprint],
      [t('staff.csv.siteCode'), bundle.kiosk.siteCode],
      [t('staff.csv.siteName'), bundle.kiosk.siteName],
      // The territory as national open data names it (SIREN of the EPCI).
      [t('staff.csv.epci'), `${EPCI.code} ${EPCI.name}`],
      [t('staff.csv.sequence'), bundle.export.sequence],
      ...(bundle.export.epoch === undefined ? [] : [[t('staff.csv.epoch'), bundle.export.epoch]]),
      [t('staff.csv.exportId'), bundle.export.id],
      [t('staff.csv.created'), bundle.export.created],
      [t('staff.csv.from'), bundle.export.from],
      [t('staff.csv.to'), bundle.export.to],
      [t('staff.csv.sessions'), bundle.export.sessions],
      [t('staff.csv.questionnaire'), `${bundle.questionnaire.id} ${bundle.questionnaire.version}`],
      [t('staff.csv.sha256'), bundle.integrity.sha256],
    ]),
  };
  // A bundle of an older questionnaire version keeps its own tables (shared/export/table-sets.ts).
  const set = tableSetFor(bundle.questionnaire.version) ?? TABLES;
  const tables = set.map((declaration, index): CsvView => {
    const table = bundle.tables[declaration.id];
    const header: string[] = [];
    // A dimension whose codes name themselves (a month) gets one column, the others two.
    const labelled = declaration.dimensions.map((d) => d === 'language' || codeLabelKey(d, 'x') !== null);
    declaration.dimensions.forEach((d, i) => {
      const name = dimensionLabel(d, lookup);
      if (labelled[i]) header.push(`${name} (${t('staff.csv.code')})`, name);
      else header.push(name);
    });
    header.push(t('staff.csv.count'));
    const rows = (table?.cells ?? []).map((cell) => {
      const row: (string | number)[] = [];
      declaration.dimensions.forEach((d, i) => {
        // Communes by their INSEE code (59122), as every national file writes them.
        const code = d === 'commune' ? inseeCommuneCode(String(cell[d])) : String(cell[d]);
        if (labelled[i]) row.push(code, codeLabel(d, String(cell[d]), lookup));
        else row.push(code);
      });
      row.push(cell['count'] as number);
      return row;
    });
    return { fileName: `${String(index + 1).padStart(2, '0')}-${declaration.id}.csv`, content: toCsv([header, ...rows]) };
  });
  return [about, ...tables];
}
