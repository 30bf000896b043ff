/**
 * Migration 5 on a database made by the schema-4 write path (test/fixtures/schema4-kiosk.ts):
 * every `sessions` row is folded into the counts and deleted in ONE transaction, then the
 * file is rewritten (VACUUM), so that nothing of a visit stays readable in it. Rows an export
 * already covered are counted for the dashboard and never exported again; the others go to
 * the first open period and are exported once. A failing fold changes nothing.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../electron/services/database';
import { createCountStore, EXPORTED_BEFORE_COUNTS } from '../../electron/services/counts';
import { visitFacts } from '../../electron/services/sessions';
import { KIOSK_DATABASE_FILE } from '../../electron/services/kiosk';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';
import { questionnaireStamp } from '../../shared/questionnaire/current';
import { questionnaire } from '../../shared/questionnaire/definition';
import { tabulate } from '../../shared/export/tables';
import { insertSchema4Export, insertSchema4Session, openSchema4 } from '../fixtures/schema4-kiosk';
import { allCounts, cleanupKiosks, drawnRecords, FAST_TMP, testKiosk, unlockedKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

const NOW = new Date(2026, 10, 20, 12);

/** A schema-4 kiosk database: 40 visits, the first 25 covered by a verified export. */
function schema4Kiosk(file: string) {
  const visits = drawnRecords(40, 4242, NOW);
  const db = openSchema4(file);
  const ids = visits.map(({ record, when }) => insertSchema4Session(db, questionnaire, DEFAULT_DIRECTORY, record, when));
  const bundle = Buffer.from('{"an":"old bundle, kept byte for byte"}\n', 'utf8');
  insertSchema4Export(db, { sequence: 1, first: ids[0] as number, last: ids[24] as number, bundle, fileName: 'reperes-K-AAAAA-BBBBB-000001.json', day: '2026-10-01' });
  db.close();
  const facts = visits.map(({ record, when }) => visitFacts(record, questionnaire, DEFAULT_DIRECTORY, when));
  const days = [...new Set(facts.map((f) => f.day))].filter((d) => d !== '2026-10-01');
  return { exported: facts.slice(0, 25), notExported: facts.slice(25), bundle, days };
}

describe('migration 5: sessions folded into counts', () => {
  it('counts every row, deletes them all, keeps the export log, and leaves no answer in the file', () => {
    const dir = mkdtempSync(join(FAST_TMP, 'reperes-fold-'));
    try {
      const file = join(dir, KIOSK_DATABASE_FILE);
      const { exported, notExported, bundle, days } = schema4Kiosk(file);
      const db = openDatabase(file);
      expect(schemaVersion(db)).toBe(5);
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'sessions'").get()).toBeUndefined();
      const counts = createCountStore(db);
      const q = questionnaireStamp();
      expect(counts.tablesOf({ period: EXPORTED_BEFORE_COUNTS, questionnaire: q })).toEqual(tabulate(exported));
      expect(counts.tablesOf({ period: 1, questionnaire: q })).toEqual(tabulate(notExported));
      expect(counts.openPeriod()).toBe(1);
      expect(db.prepare('SELECT epoch, sequence, period, session_count, bundle FROM export_log').all()).toEqual([{ epoch: '', sequence: 1, period: null, session_count: 25, bundle }]);
      db.close();
      // VACUUM rewrote the file: the answers' JSON and the days of the deleted rows are nowhere in it.
      const bytes = Buffer.concat(readdirSync(dir).filter((f) => f.startsWith(KIOSK_DATABASE_FILE)).map((f) => readFileSync(join(dir, f))));
      expect(days.length).toBeGreaterThan(10);
      for (const trace of ['"ageBand":', '"wantsToLearn":', '"placeId":', ...days]) expect(bytes.includes(trace), trace).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a kiosk opened on it exports the visits not yet exported, once, as sequence 2', async () => {
    const kiosk = await testKiosk({ now: NOW });
    kiosk.services.close();
    rmSync(kiosk.dbFile, { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(kiosk.dbFile + suffix, { force: true });
    const { exported, notExported } = schema4Kiosk(kiosk.dbFile);
    kiosk.reopen();
    await unlockedKiosk(kiosk);
    const outcome = await kiosk.services.handlers['staff:export'](undefined);
    expect(outcome).toMatchObject({ ok: true, bundles: [{ sequence: 2, sessions: 15 }] });
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: false, reason: 'nothingToExport' });
    // The dashboard still sees all 40.
    expect(allCounts(kiosk.services)).toEqual(tabulate([...exported, ...notExported]));
  });

  it('changes nothing when the fold fails half-way (a row no table set knows)', () => {
    const dir = mkdtempSync(join(FAST_TMP, 'reperes-fold-'));
    try {
      const file = join(dir, KIOSK_DATABASE_FILE);
      schema4Kiosk(file);
      const db4 = openSchema4(file);
      db4.prepare("UPDATE sessions SET questionnaire_version = '9.0.0' WHERE id = 30").run();
      db4.close();
      expect(() => openDatabase(file)).toThrow(/no table set for questionnaire version 9\.0\.0/);
      const again = openSchema4(file);
      expect(schemaVersion(again)).toBe(4);
      expect(again.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(40);
      expect(again.prepare("SELECT name FROM sqlite_master WHERE name IN ('visit_counts', 'cell_counts')").all()).toEqual([]);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
