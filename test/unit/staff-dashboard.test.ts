/**
 * The site dashboard, read from the kiosk's counts: figures are right, and any figure computed on fewer than k sessions
 * leaves the main process without its value ("< k" on screen), whatever k staff chose.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { computeDashboard, figure, lastMonths } from '../../shared/staff/dashboard';
import type { DashboardData, Figure } from '../../shared/staff/types';
import { allCounts, cleanupKiosks, testKiosk, unlockedKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

function figures(data: DashboardData): Figure[] {
  return [data.sessions, ...data.matrices.flatMap((m) => m.values.flat())];
}

function matrix(data: DashboardData, id: string) {
  const m = data.matrices.find((x) => x.id === id);
  if (!m) throw new Error(`no ${id}`);
  return m;
}

describe('small cells', () => {
  it('figure(): below k, the value is not there at all', () => {
    expect(figure(4, 5)).toEqual({ belowK: true });
    expect(figure(0, 5)).toEqual({ belowK: true });
    expect(figure(5, 5)).toEqual({ n: 5 });
    expect(JSON.stringify(figure(3, 5))).not.toMatch(/3/);
  });

  it.each([3, 5, 11])('with k = %i, no figure below k reaches the renderer through staff:dashboard', async (k) => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(90);
    await unlockedKiosk(kiosk);
    await kiosk.services.handlers['staff:update-settings']({ smallCellK: k });
    const data = await kiosk.services.handlers['staff:dashboard'](undefined);
    expect(data.k).toBe(k);
    const all = figures(data);
    expect(all.some((f) => 'belowK' in f)).toBe(true);
    expect(all.some((f) => 'n' in f)).toBe(true);
    for (const f of all) if ('n' in f) expect(f.n).toBeGreaterThanOrEqual(k);
    // Shares only where both terms reach k.
    const ill = matrix(data, 'illectronismeByAge');
    ill.shares?.forEach((share, i) => {
      const [yes, no] = ill.values[i] ?? [];
      if (share !== null) {
        expect(yes && 'n' in yes).toBe(true);
        expect(yes && no && 'n' in yes && 'n' in no ? Math.round((100 * yes.n) / (yes.n + no.n)) : share).toBe(share);
      }
    });
  });
});

describe('figures', () => {
  it('counts what the visits were', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(120);
    const visits = kiosk.quickFacts;
    const data = computeDashboard(allCounts(kiosk.services), 1, '2026-11-20');
    const completed = visits.filter((s) => s.status === 'completed').length;
    const completion = matrix(data, 'completion').values.map((r) => r[0]);
    expect(completion).toEqual([{ n: completed }, { n: visits.length - completed }]);
    expect(data.sessions).toEqual({ n: visits.length });
    // Each completed visit is in exactly one DSI category and one age column.
    const dsiTotal = matrix(data, 'dsiByAge').values.flat().reduce((s, f) => s + ('n' in f ? f.n : 0), 0);
    expect(dsiTotal).toBe(completed);
    // Every autonomy task counts every completed visit once.
    for (const row of matrix(data, 'autonomyTasks').values) expect(row.reduce((s, f) => s + ('n' in f ? f.n : 0), 0)).toBe(completed);
    // Abandoned visits by section sum to the abandoned count.
    expect(matrix(data, 'abandonSection').values.reduce((s, [f]) => s + (f && 'n' in f ? f.n : 0), 0)).toBe(visits.length - completed);
    // Visits per month: each visit in the month it ended, none finer.
    const perMonth = matrix(data, 'sessionsPerMonth');
    const november = perMonth.rows.codes.indexOf('2026-11');
    const inNovember = visits.filter((v) => v.day.startsWith('2026-11'));
    expect(perMonth.values[november]).toEqual(['completed', 'abandoned'].map((st) => figure(inNovember.filter((v) => v.status === st).length, 1)));
    // Still right after exports: closed periods stay on the dashboard.
    await unlockedKiosk(kiosk);
    await kiosk.services.handlers['staff:export'](undefined);
    kiosk.addQuickVisits(5);
    expect(computeDashboard(allCounts(kiosk.services), 1, '2026-11-20').sessions).toEqual({ n: 125 });
  });

  it('visits per month: the last 12 months, the current one last', () => {
    expect(lastMonths('2026-11-20', 12)).toEqual([
      '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    expect(lastMonths('2027-01-03', 2)).toEqual(['2026-12', '2027-01']);
    const data = computeDashboard({}, 5, '2026-11-20');
    const months = matrix(data, 'sessionsPerMonth').rows.codes;
    expect(months).toHaveLength(12);
    expect(months.at(-1)).toBe('2026-11');
    expect(data.period).toBeNull();
  });
});
