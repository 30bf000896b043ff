/**
 * Tables of two questionnaire versions (issue 12): version-1 bundles stay readable, and the
 * analyst side never sums a table across versions unless its declaration says it counts the
 * same thing (`comparableWith`, shared/export/tables.ts).
 *
 * - `combineVersions`, the one rule, on hand-made tables;
 * - end to end: a kiosk upgraded from version 1 with version-1 visits not yet exported writes
 *   a version-1 bundle (its own tables, which verify) then a version-2 one; the analyst
 *   imports both, and the dashboard sums participation across them but shows DSI figures of
 *   version 2 only, saying that version 1 was left out; with a period holding only version-1
 *   exports, the version-1 figures are read as they are.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runExport } from '../../electron/cli/export-command';
import { simulate } from '../../electron/cli/simulate';
import { createAnalystServices } from '../../electron/services/analyst/index';
import { importSources } from '../../electron/services/analyst/importer';
import { openDatabase } from '../../electron/services/database';
import { MIGRATIONS } from '../../electron/services/migrations';
import { verifyBundleText } from '../../electron/services/export/verify-bundle';
import { panelById } from '../../shared/analyst/dashboard';
import { NO_FILTERS } from '../../shared/analyst/types';
import { TABLES, tableById, tabulate, type Tables } from '../../shared/export/tables';
import { V1_TABLES } from '../../shared/export/tables-v1';
import { combineVersions, tableSetFor } from '../../shared/export/table-sets';
import { readBundle } from '../harness/analyst-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'reperes-versions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const table = (id: string, cells: Record<string, string | number>[]): Tables => {
  const d = tableById(id) ?? V1_TABLES.find((t) => t.id === id);
  if (!d) throw new Error(id);
  return { [id]: { population: d.population, unit: d.unit, dimensions: [...d.dimensions], cells: cells as Tables[string]['cells'] } };
};

describe('combineVersions', () => {
  const v1 = {
    ...table('month_status', [{ month: '2026-01', status: 'completed', count: 10 }]),
    ...table('month_ageBand_dsiCategory', [{ month: '2026-01', ageBand: 'A60_74', dsiCategory: 'noSkills', count: 4 }]),
    ...table('ageBand_illectronisme', [{ ageBand: 'A60_74', illectronisme: 'YES', count: 4 }]),
  };
  // A version-2 part holds every table of its set, most of them empty here.
  const v2 = {
    ...tabulate([]),
    ...table('month_status', [{ month: '2026-03', status: 'completed', count: 7 }]),
    ...table('month_ageBand_dsiCategory', [{ month: '2026-03', ageBand: 'A60_74', dsiCategory: 'notDetermined', count: 2 }]),
  };

  it('sums a table declared comparable across versions', () => {
    expect(tableById('month_status')?.comparableWith).toEqual(['1']);
    const c = combineVersions([
      { version: '1.0.0', tables: v1 },
      { version: '2.0.0', tables: v2 },
    ]);
    expect(c.tables['month_status']?.cells.map((x) => x.count)).toEqual([10, 7]);
    expect(c.versions['month_status']).toEqual(['2', '1']);
    expect(c.leftOut['month_status']).toBeUndefined();
  });

  it('keeps the newest version alone where the table is not comparable, and reports the other', () => {
    expect(tableById('month_ageBand_dsiCategory')?.comparableWith).toEqual([]);
    const c = combineVersions([
      { version: '1.0.0', tables: v1 },
      { version: '2.0.0', tables: v2 },
    ]);
    expect(c.tables['month_ageBand_dsiCategory']?.cells).toEqual([{ month: '2026-03', ageBand: 'A60_74', dsiCategory: 'notDetermined', count: 2 }]);
    expect(c.leftOut['month_ageBand_dsiCategory']).toEqual(['1']);
    expect(c.leftOut['ageBand_completion_illectronisme']).toEqual(['1']);
  });

  it('reads version 1 alone as it is, in this build’s shapes (its visits are completed ones)', () => {
    const c = combineVersions([{ version: '1.0.0', tables: v1 }]);
    expect(c.tables['ageBand_completion_illectronisme']?.cells).toEqual([{ ageBand: 'A60_74', completion: 'completed', illectronisme: 'YES', count: 4 }]);
    expect(c.tables['ageBand_completion_dsiCategory']?.cells).toEqual([{ ageBand: 'A60_74', completion: 'completed', dsiCategory: 'noSkills', count: 4 }]);
    expect(c.leftOut).toEqual({});
    // What version 1 cannot give stays empty: it is never made up.
    expect(c.tables['item_response_status']?.cells).toEqual([]);
  });

  it('never sums a version this build does not know', () => {
    const c = combineVersions([
      { version: '2.0.0', tables: v2 },
      { version: '9.0.0', tables: v2 },
    ]);
    expect(c.tables['month_status']?.cells.map((x) => x.count)).toEqual([7]);
    expect(c.leftOut['month_status']).toEqual(['9']);
    expect(tableSetFor('9.0.0')).toBeUndefined();
  });

  it('declares every table of this build with its comparability, and version 1 keeps its fifteen tables', () => {
    for (const t of TABLES) expect(Array.isArray(t.comparableWith), t.id).toBe(true);
    expect(V1_TABLES).toHaveLength(15);
    expect(tableSetFor('1.0.0')).toBe(V1_TABLES);
    expect(tableSetFor('2.3.1')).toBe(TABLES);
  });
});

describe('a kiosk upgraded with version-1 visits not yet exported', () => {
  const kiosk = join(dir, 'kiosk.db');
  const usb = join(dir, 'usb');

  it('exports them in a version-1 bundle of their own, which verifies, then the version-2 visits', async () => {
    // Version-1 rows as Repères 0.1 stored them (tick-all answers, boolean illectronisme), in a
    // database of schema 4 (a row per visit); migration 5 folds them into counts at the next open.
    const db = openDatabase(kiosk, MIGRATIONS.filter((m) => m.version <= 4));
    const insert = db.prepare(`INSERT INTO sessions (day, questionnaire_id, questionnaire_version, questionnaire_hash, language, status,
      last_step, accompanied, duration_s, answers, exercises, scores, recommendations) VALUES (?, 'reperes-diagnostic', '1.0.0', ?, 'fr', ?, ?, 0, 300, ?, '{}', ?, ?)`);
    const v1Scores = (category: string, ill: boolean) =>
      JSON.stringify({ dsi: { areas: null, category }, illectronisme: ill, autonomy: { tasks: {}, profile: 'unknown' }, observed: { attempted: 0, succeeded: 0, level: 'notObserved' }, mismatch: 'unknown' });
    for (let i = 0; i < 6; i++) {
      insert.run('2025-11-0' + (i + 1), 'a'.repeat(64), 'completed', 'result', JSON.stringify({ ageBand: 'A75_PLUS', internetUse: 'NOT_IN_3_MONTHS', barriers: ['EQUIPMENT'] }), v1Scores('notAssessed', true), '[{"need":"learn","placeId":"labo"}]');
    }
    insert.run('2025-11-09', 'a'.repeat(64), 'abandoned', 'actContent', JSON.stringify({ ageBand: 'A60_74' }), v1Scores('notAssessed', true), '[]');
    db.close();
    await simulate({ db: kiosk, sessions: 30, seed: 3, until: new Date(2026, 5, 30, 12), months: 2 });

    const result = await runExport(kiosk, usb);
    expect(result.ok, result.lines.join('\n')).toBe(true);
    const files = ['000001', '000002'].map((n) => result.lines.join('\n').match(new RegExp(`reperes-K-[0-9A-Z]{5}-[0-9A-Z]{5}-${n}\\.json`))?.[0]);
    const [first, second] = files.map((f) => readBundle(join(usb, f as string)));
    expect(first?.questionnaire.version).toBe('1.0.0');
    expect(Object.keys(first?.tables ?? {}).sort()).toEqual(V1_TABLES.map((t) => t.id).sort());
    expect(first?.export.sessions).toBe(7);
    expect(first?.tables['ageBand_illectronisme']?.cells).toEqual([{ ageBand: 'A75_PLUS', illectronisme: 'YES', count: 6 }]);
    expect(verifyBundleText(readFileSync(join(usb, files[0] as string), 'utf8')).ok).toBe(true);
    expect(second?.questionnaire.version).toBe('2.0.0');
    expect(Object.keys(second?.tables ?? {}).sort()).toEqual(TABLES.map((t) => t.id).sort());
  }, 60_000);

  it('the analyst imports both; participation is summed, DSI figures are version 2 only and say so', async () => {
    const services = createAnalystServices({ userDataDir: join(dir, 'analyst') });
    try {
      const files = ['000001', '000002'].map((n) => join(usb, (readdirSync(usb).filter((f) => f.endsWith('.json')).find((f) => f.endsWith(`-${n}.json`)) as string)));
      const report = importSources(services.store, files.map((f) => ({ name: f, read: { ok: true, bytes: readFileSync(f) } })), { trust: () => 'trust' });
      expect(report.accepted).toBe(2);
      const d = await services.handlers['analyst:dashboard']({ filters: NO_FILTERS, k: 1 });
      expect(panelById(d, 'participation').table?.total).toBe(37);
      expect(panelById(d, 'participation').leftOutVersions).toBeUndefined();
      const dsi = panelById(d, 'dsi');
      expect(dsi.leftOutVersions).toEqual(['1']);
      expect(dsi.table?.total).toBeLessThanOrEqual(30);
      expect(panelById(d, 'illectronisme').leftOutVersions).toEqual(['1']);
      // Needs are comparable: the six version-1 mentions are in.
      expect(panelById(d, 'barriers').leftOutVersions).toBeUndefined();
      // A period that holds the version-1 export only: its own figures, read as they are.
      const old = await services.handlers['analyst:dashboard']({ filters: { ...NO_FILTERS, from: '2025-11', to: '2025-11' }, k: 1 });
      expect(panelById(old, 'illectronisme').table?.columnTotals[0]).toBe(6);
      expect(panelById(old, 'illectronisme').leftOutVersions).toBeUndefined();
    } finally {
      services.close();
    }
  }, 60_000);
});
