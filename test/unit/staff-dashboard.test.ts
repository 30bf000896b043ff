/**
 * The site dashboard: figures are right, and any figure computed on fewer than k sessions
 * leaves the main process without its value ("< k" on screen), whatever k staff chose.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { computeDashboard, figure, weekStart } from '../../shared/staff/dashboard';
import type { DashboardData, Figure } from '../../shared/staff/types';
import { cleanupKiosks, testKiosk, unlockedKiosk } from './export-fixtures';

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
  it('counts what the sessions say', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(120);
    const sessions = kiosk.services.sessions.list();
    const data = computeDashboard(sessions, 1, '2026-11-20');
    const completed = sessions.filter((s) => s.status === 'completed').length;
    const completion = matrix(data, 'completion').values.map((r) => r[0]);
    expect(completion).toEqual([{ n: completed }, { n: sessions.length - completed }]);
    expect(data.sessions).toEqual({ n: sessions.length });
    // Each completed session is in exactly one DSI category and one age column.
    const dsiTotal = matrix(data, 'dsiByAge').values.flat().reduce((s, f) => s + ('n' in f ? f.n : 0), 0);
    expect(dsiTotal).toBe(completed);
    // Every autonomy task counts every completed session once.
    for (const row of matrix(data, 'autonomyTasks').values) expect(row.reduce((s, f) => s + ('n' in f ? f.n : 0), 0)).toBe(completed);
    // Abandoned sessions by section sum to the abandoned count.
    expect(matrix(data, 'abandonSection').values.reduce((s, [f]) => s + (f && 'n' in f ? f.n : 0), 0)).toBe(sessions.length - completed);
  });

  it('sessions per week: the last 12 weeks, Monday first', () => {
    expect(weekStart('2026-11-20')).toBe('2026-11-16');
    expect(weekStart('2026-11-16')).toBe('2026-11-16');
    expect(weekStart('2026-11-15')).toBe('2026-11-09');
    const data = computeDashboard([], 5, '2026-11-20');
    const weeks = matrix(data, 'sessionsPerWeek').rows.codes;
    expect(weeks).toHaveLength(12);
    expect(weeks.at(-1)).toBe('2026-11-16');
    expect(weeks[0]).toBe('2026-08-31');
    expect(data.period).toBeNull();
  });
});
