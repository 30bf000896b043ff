/**
 * `reperes export` reads the site's code and name without the settings schema (issue 13:
 * no zod on the export's path). Whatever a settings row holds, written by the staff area,
 * edited by hand or damaged, that reader must give what the settings store gives, or a
 * bundle would carry another site than the staff area shows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/database';
import { createSettingsStore } from '../../electron/services/settings';
import { readSite } from '../../electron/services/site-settings';

const dir = mkdtempSync(join(tmpdir(), 'reperes-site-'));
const db = openDatabase(join(dir, 'kiosk.db'));
// What is read is under test here, not durability: without an fsync per row, the property's
// runs take milliseconds each even on a busy disk.
db.pragma('synchronous = OFF');
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
const clear = db.prepare("DELETE FROM settings WHERE key IN ('siteCode', 'siteName')");
const store = createSettingsStore(db);

function storeSite(): { siteCode: string; siteName: string } {
  const { siteCode, siteName } = store.get();
  return { siteCode, siteName };
}

/** What a row may hold (the table keeps it JSON): any value, near misses of each rule. */
const storedText = fc.oneof(
  fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('LABO', 'CS-NORD-2', 'labo', 'A'.repeat(16), 'A'.repeat(17), 'LA BO', '', ' LABO').map((v) => JSON.stringify(v)),
  fc.constantFrom('Le Labo', '  Le Labo  ', 'x'.repeat(80), 'x'.repeat(81), ` ${'x'.repeat(80)} `, '\u00a0Centre\u2003', '').map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 90 }).map((v) => JSON.stringify(v)),
);

describe("the export's reading of the site, against the settings store", () => {
  it('gives the defaults when staff have set nothing', () => {
    clear.run();
    expect(readSite(db)).toEqual({ siteCode: '', siteName: '' });
    expect(readSite(db)).toEqual(storeSite());
  });

  it('gives what the staff area saved', () => {
    store.update({ siteCode: 'LABO', siteName: '  Le Labo — Cambrai ' });
    expect(readSite(db)).toEqual({ siteCode: 'LABO', siteName: 'Le Labo — Cambrai' });
    expect(readSite(db)).toEqual(storeSite());
  });

  it('agrees with the store on any row, hand-edited or damaged', () => {
    fc.assert(
      fc.property(fc.option(storedText, { nil: null }), fc.option(storedText, { nil: null }), (code, name) => {
        clear.run();
        if (code !== null) put.run('siteCode', code);
        if (name !== null) put.run('siteName', name);
        expect(readSite(db)).toEqual(storeSite());
      }),
      { numRuns: 600, seed: 13 },
    );
  });
});
