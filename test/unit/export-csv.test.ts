/**
 * The CSV views for Excel and LibreOffice, parsed back with papaparse: UTF-8 with a BOM, ";"
 * separator, French headers, each code followed by its French words, the same counts as the
 * JSON bundle, and no cell a spreadsheet would run as a formula.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/export/bundle';
import { csvFolderName, CSV_BOM } from '../../shared/export/csv';
import { TABLES } from '../../shared/export/tables';
import { cleanupKiosks, testKiosk, unlockedKiosk } from './export-fixtures';

let folder: string;
let bundle: Bundle;
let files: Map<string, Buffer>;

beforeAll(async () => {
  const kiosk = await testKiosk();
  kiosk.addQuickVisits(80);
  await unlockedKiosk(kiosk);
  await kiosk.services.handlers['staff:update-settings']({ siteCode: 'CS-AMERIQUE', siteName: '=HYPERLINK("http://x";\n"Cliquez ici")' });
  const outcome = await kiosk.services.handlers['staff:export'](undefined);
  if (!outcome.ok) throw new Error(outcome.reason);
  const name = outcome.bundles[0]?.fileName as string;
  bundle = JSON.parse(readFileSync(join(kiosk.folder.path as string, name), 'utf8')) as Bundle;
  folder = join(kiosk.folder.path as string, csvFolderName(name));
  files = new Map(readdirSync(folder).map((f) => [f, readFileSync(join(folder, f))]));
});
afterAll(cleanupKiosks);

function parse(file: string): string[][] {
  const bytes = files.get(file);
  if (!bytes) throw new Error(`missing ${file}`);
  const text = bytes.toString('utf8');
  const result = Papa.parse<string[]>(text.slice(1), { delimiter: ';', skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe('CSV views', () => {
  it('one file per declared table plus a description of the export', () => {
    expect([...files.keys()].sort()).toEqual(['00-export.csv', ...TABLES.map((t, i) => `${String(i + 1).padStart(2, '0')}-${t.id}.csv`)].sort());
  });

  it('are UTF-8 with a BOM, CRLF line ends, ";" separated', () => {
    for (const [name, bytes] of files) {
      expect([...bytes.subarray(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.startsWith(CSV_BOM)).toBe(true);
      expect(text).toMatch(/\r\n$/);
      // Line ends are CRLF; a line break inside a quoted cell (the site name below) is data.
      expect(text.replace(/"(?:[^"]|"")*"/g, '').replace(/\r\n/g, '')).not.toMatch(/\n/);
      const guessed = Papa.parse(text.slice(1), { skipEmptyLines: true });
      expect(guessed.meta.delimiter, name).toBe(';');
    }
  });

  it('have French headers, codes with their French words, and the counts of the bundle', () => {
    const rows = parse('05-month_ageBand_dsiCategory.csv');
    expect(rows[0]).toEqual(['Mois', "Tranche d'âge (code)", "Tranche d'âge", 'Catégorie DSI (code)', 'Catégorie DSI', 'Effectif']);
    const body = rows.slice(1);
    const cells = bundle.tables['month_ageBand_dsiCategory']?.cells ?? [];
    expect(body).toHaveLength(cells.length);
    expect(body.map((r) => Number(r[5]))).toEqual(cells.map((c) => c.count));
    const labels = new Map(body.map((r) => [r[1], r[2]]));
    expect(labels.get('A60_74')).toBe('60 à 74 ans');
    const dsi = new Map(body.map((r) => [r[3], r[4]]));
    expect([...dsi.values()].every((v) => v !== undefined && !/^[a-z]+[A-Z]/.test(v))).toBe(true);

    const communes = parse(`${String(TABLES.findIndex((t) => t.id === 'commune_completion_dsiCategory') + 1).padStart(2, '0')}-commune_completion_dsiCategory.csv`);
    expect(communes[0]?.slice(0, 4)).toEqual(['Commune (code)', 'Commune', 'Fin de la visite (code)', 'Fin de la visite']);
    expect(new Set(communes.slice(1).map((r) => r[3]))).toEqual(new Set(['Visite terminée', 'Visite partielle (catégorie déjà connue)']));
    // INSEE commune codes (59122), never the export's internal C59122.
    expect(communes.slice(1).some((r) => /^C\d/.test(r[0] ?? ''))).toBe(false);
    expect(communes.slice(1).filter((r) => /^\d/.test(r[0] ?? '')).every((r) => /^59\d{3}$/.test(r[0] ?? ''))).toBe(true);
    expect(communes.find((r) => r[0] === '59122')?.[1] ?? 'Cambrai').toBe('Cambrai');
    expect(communes.slice(1).every((r) => r[1] !== r[0])).toBe(true);
  });

  it('every table: header arity, and its counts sum like the JSON', () => {
    TABLES.forEach((t, i) => {
      const rows = parse(`${String(i + 1).padStart(2, '0')}-${t.id}.csv`);
      const width = rows[0]?.length ?? 0;
      expect(rows.every((r) => r.length === width), t.id).toBe(true);
      const sum = rows.slice(1).reduce((s, r) => s + Number(r.at(-1)), 0);
      expect(sum, t.id).toBe((bundle.tables[t.id]?.cells ?? []).reduce((s, c) => s + c.count, 0));
      expect(rows[0]?.at(-1)).toBe('Effectif');
    });
  });

  it('describe the export, and defuse a site name that looks like a formula, even over two lines', () => {
    const about = new Map(parse('00-export.csv').map(([k, v]) => [k, v]));
    expect(about.get('Numéro d\'export')).toBe('1');
    expect(about.get('Empreinte SHA-256')).toBe(bundle.integrity.sha256);
    expect(about.get('Code du site')).toBe('CS-AMERIQUE');
    // The territory by the EPCI's SIREN, as national open data names it.
    expect(about.get('EPCI (SIREN)')).toBe("200068500 Communauté d'Agglomération de Cambrai");
    // papaparse's own escapeFormulae misses this one (its pattern has no `s` flag).
    expect(about.get('Nom du site')).toBe(`'=HYPERLINK("http://x";\n"Cliquez ici")`);
  });
});
