/**
 * The daily restart's decisions (electron/daily-restart.ts): the next restart time, waiting
 * for a visit in progress (not forever), never right after a start, with a fake clock. Its
 * wiring in main.ts, with Electron mocked: test/electron/daily-restart.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_WAIT_FOR_VISIT_MS, MIN_UPTIME_MS, msUntilNext, restartDecision, scheduleDailyRestart, VISIT_RECHECK_MS } from '../../electron/daily-restart';


const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute);
const MINUTE = 60_000;

afterEach(() => {
  vi.useRealTimers();
});

describe('when to restart', () => {
  it('the next local HH:MM strictly after now; never for an empty or bad value', () => {
    expect(msUntilNext(at(7, 3), '04:00')).toBe(60 * MINUTE);
    expect(msUntilNext(at(7, 4), '04:00')).toBe(24 * 60 * MINUTE);
    expect(msUntilNext(at(7, 23, 30), '00:15')).toBe(45 * MINUTE);
    for (const bad of ['', '24:00', '4:00', 'never']) expect(msUntilNext(at(7, 3), bad)).toBeNull();
  });

  it('restarts between visits, waits for a visit in progress (not forever), and never right after a start', () => {
    const startedAt = at(6, 10).getTime();
    const now = at(7, 4).getTime();
    expect(restartDecision({ now, startedAt, visitSince: null })).toEqual({ action: 'restart' });
    expect(restartDecision({ now, startedAt, visitSince: now - 5 * MINUTE })).toEqual({ action: 'wait', ms: VISIT_RECHECK_MS });
    expect(restartDecision({ now, startedAt, visitSince: now - MAX_WAIT_FOR_VISIT_MS })).toEqual({ action: 'restart' });
    expect(restartDecision({ now, startedAt: now - MIN_UPTIME_MS + 1, visitSince: null })).toEqual({ action: 'skip' });
  });

  it('with a fake clock: waits for the visit to end, then restarts once', () => {
    vi.useFakeTimers();
    vi.setSystemTime(at(7, 2));
    let visitSince: number | null = null;
    const restart = vi.fn();
    const stop = scheduleDailyRestart({ time: () => '04:00', visitSince: () => visitSince, restart });
    vi.advanceTimersByTime(119 * MINUTE);
    visitSince = Date.now();
    vi.advanceTimersByTime(MINUTE);
    expect(restart).not.toHaveBeenCalled();
    vi.advanceTimersByTime(3 * MINUTE);
    expect(restart).not.toHaveBeenCalled();
    visitSince = null;
    vi.advanceTimersByTime(VISIT_RECHECK_MS);
    expect(restart).toHaveBeenCalledTimes(1);
    stop();
  });

  it('set to never, it never restarts; a time set later is picked up within the hour', () => {
    vi.useFakeTimers();
    vi.setSystemTime(at(7, 1));
    let time = '';
    const restart = vi.fn();
    const stop = scheduleDailyRestart({ time: () => time, visitSince: () => null, restart });
    vi.advanceTimersByTime(48 * 60 * MINUTE);
    expect(restart).not.toHaveBeenCalled();
    time = '04:00';
    vi.advanceTimersByTime(25 * 60 * MINUTE);
    expect(restart).toHaveBeenCalledTimes(1);
    stop();
  });
});

