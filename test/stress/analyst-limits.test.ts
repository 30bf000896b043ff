/**
 * No overflow is reachable (issue 15): the analyst database is filled to its cap with bundles
 * signed by a trusted kiosk key — 100 consistent bundles of 10,000,000 visits each, the most a
 * bundle may declare, 10^9 visits in all, the most a database may hold — then one more is
 * refused (`databaseLimit`, nothing written), and the dashboard and `reperes publish` (CSV,
 * XLSX, charts, PDF) run over the full database with exact sums. Before the caps, 1,025 bundles
 * of 2^53 − 1 visits made SQLite raise "integer overflow" on every later import and publish.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../electron/services/analyst/guards';
import { createAnalystServices } from '../../electron/services/analyst/index';
import { ANALYST_DATABASE_FILE } from '../../electron/services/analyst/migrations';
import { panelById } from '../../shared/analyst/dashboard';
import { NO_FILTERS } from '../../shared/analyst/types';
import { monthsAgo, readBundle, simulateAndExport } from '../harness/analyst-fixtures';
import { databaseBytes, reperes } from '../harness/cli';
import { forge, inEpoch, put, scale } from '../harness/hostile-bundles';

const dir = mkdtempSync(join(tmpdir(), 'reperes-analyst-limits-'));
const kiosk = join(dir, 'kiosk.db');
const userDataDir = join(dir, 'analyst');
const analystDb = join(userDataDir, ANALYST_DATABASE_FILE);
const full = join(dir, 'full');
let base = '';

beforeAll(async () => {
  [base = ''] = await simulateAndExport(kiosk, join(dir, 'usb'), { sessions: 50, seed: 81, site: 'LABO', until: monthsAgo(0), months: 2 });
  mkdirSync(userDataDir);
  mkdirSync(full);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the visit caps keep every sum exact', () => {
  it('fills the database to 10^9 visits, refuses one more, and the dashboard and publication stay exact', async () => {
    const sessions = readBundle(base).export.sessions;
    const factor = DEFAULT_LIMITS.sessionsPerBundle / sessions;
    expect(Number.isInteger(factor)).toBe(true);
    const count = DEFAULT_LIMITS.sessionsInDatabase / DEFAULT_LIMITS.sessionsPerBundle;
    const epoch = randomUUID();
    for (let i = 1; i <= count + 1; i++) {
      put(
        full,
        `reperes-full-${String(i).padStart(3, '0')}.json`,
        forge(kiosk, base, (b) => {
          scale(b, factor);
          inEpoch(b, epoch, i);
        }),
      );
    }
    const last = join(full, `reperes-full-${String(count + 1).padStart(3, '0')}.json`);
    const imported = await reperes(['import', '--db', analystDb, '--trust-new', ...Array.from({ length: count }, (_, i) => join(full, `reperes-full-${String(i + 1).padStart(3, '0')}.json`))]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain(`${count} accepted, 0 duplicate(s), 0 rejected`);

    const before = databaseBytes(analystDb);
    const over = await reperes(['import', '--db', analystDb, last]);
    expect(over.code).toBe(1);
    expect(over.err).toContain('REJECTED (databaseLimit)');
    expect(over.err).toContain('import the rest into a new database');
    expect(databaseBytes(analystDb)).toBe(before);

    const services = createAnalystServices({ userDataDir });
    try {
      const overview = services.store.overview();
      expect(overview.sessions).toBe(DEFAULT_LIMITS.sessionsInDatabase);
      const sums = services.db.prepare('SELECT sum(count) AS n, max(count) AS m FROM cells').get() as { n: number; m: number };
      expect(Number.isSafeInteger(sums.n)).toBe(true);
      const dashboard = await services.handlers['analyst:dashboard']({ filters: NO_FILTERS, k: 5 });
      expect(panelById(dashboard, 'participation').table?.total).toBe(DEFAULT_LIMITS.sessionsInDatabase);
      const completed = (readBundle(base).tables['month_status']?.cells ?? []).filter((c) => c['status'] === 'completed').reduce((n, c) => n + c.count, 0);
      expect(panelById(dashboard, 'dsi').table?.total).toBe(completed * factor * count);
    } finally {
      services.close();
    }

    const out = join(dir, 'publication');
    const published = await reperes(['publish', '--db', analystDb, '--out', out]);
    expect(published.code, published.err).toBe(0);
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, 'reperes-indicateurs.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data;
    const denominators = rows.filter((r) => r['indicator'] === 'sessions_by_status' && r['territory_level'] === 'epci').map((r) => Number(r['denominator']));
    expect(Math.max(...denominators)).toBe(DEFAULT_LIMITS.sessionsInDatabase);
    expect(readFileSync(join(out, 'reperes-rapport.pdf')).subarray(0, 4).toString('latin1')).toBe('%PDF');
  }, 600_000);
});
