/**
 * Nothing per person on disk (issue 13): after 1,000 visits, every table of the kiosk
 * database is scanned, every column of every row. No value holds a day (YYYY-MM-DD), and no
 * table has a row per visit: the same visits counted a second time add no row at all
 * (only counts change), and no table (no declared table within cell_counts) has as many rows
 * as there were visits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../electron/services/database';
import { cleanupKiosks, saveDrawnVisits, testKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

const DAY = /\d{4}-\d{2}-\d{2}/;

function rowCounts(db: Db): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

function valuesWithADay(db: Db): string[] {
  const found: string[] = [];
  for (const table of Object.keys(rowCounts(db))) {
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw(true).iterate() as IterableIterator<unknown[]>) {
      for (const value of row) {
        const text = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
        if (DAY.test(text)) found.push(`${table}: ${text.slice(0, 80)}`);
      }
    }
  }
  return found;
}

describe('the kiosk database after 1,000 visits', () => {
  it('has no row per visit and no day-level date in any table', async () => {
    const kiosk = await testKiosk();
    const { db } = kiosk.services;
    // The scan itself must see a day where there is one.
    db.prepare("INSERT INTO settings (key, value) VALUES ('probe', '\"2026-11-20\"')").run();
    expect(valuesWithADay(db)).toEqual(['settings: "2026-11-20"']);
    db.prepare("DELETE FROM settings WHERE key = 'probe'").run();

    saveDrawnVisits(kiosk.services, 1000, 31, kiosk.clock.now);
    expect(kiosk.services.sessions.count()).toBe(1000);
    const after1000 = rowCounts(db);
    expect(valuesWithADay(db)).toEqual([]);
    for (const [table, rows] of Object.entries(after1000)) if (table !== 'cell_counts') expect(rows, table).toBeLessThan(1000);
    // cell_counts holds every declared table: each of them has fewer cells than visits.
    const cells = db.prepare('SELECT table_id, count(*) AS n FROM cell_counts GROUP BY table_id').all() as { table_id: string; n: number }[];
    expect(cells.length).toBeGreaterThan(15);
    for (const { table_id, n } of cells) expect(n, table_id).toBeLessThan(1000);

    // The first 200 of the same visits again: counts grow, rows stay exactly as they were.
    const cellsBefore = db.prepare('SELECT sum(count) FROM cell_counts').pluck().get() as number;
    saveDrawnVisits(kiosk.services, 200, 31, kiosk.clock.now);
    expect(kiosk.services.sessions.count()).toBe(1200);
    expect(rowCounts(db)).toEqual(after1000);
    expect(db.prepare('SELECT sum(count) FROM cell_counts').pluck().get()).toBeGreaterThan(cellsBefore);
    expect(valuesWithADay(db)).toEqual([]);
  }, 60_000);
});
