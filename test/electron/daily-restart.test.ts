/**
 * The daily restart as main.ts wires it, with Electron mocked: the kiosk's hour and visit
 * state reach the scheduler, and the restart closes the services (the database), then calls
 * app.relaunch() and app.exit(0). The scheduling itself: test/unit/daily-restart.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { restartCommand } from '../../electron/daily-restart';

vi.mock('electron', async () => {
  const { electronFake } = await import('./electron-behaviour');
  // The shared fake app has no relaunch; this file needs one.
  Object.assign(electronFake.app, { relaunch: vi.fn() });
  return electronFake;
});
vi.mock('../../electron/services/kiosk', () => ({ createKioskServices: vi.fn() }));
vi.mock('../../electron/daily-restart', async (importOriginal) => ({ ...(await importOriginal<typeof import('../../electron/daily-restart')>()), scheduleDailyRestart: vi.fn(() => () => undefined) }));

it('chooses Electron’s relaunch, or exit code 75 under a supervisor', () => {
  expect(restartCommand({})).toEqual({ relaunch: true, exitCode: 0 });
  expect(restartCommand({ REPERES_SUPERVISED: '1' })).toEqual({ relaunch: false, exitCode: 75 });
});

describe('main.ts', () => {
  // Real work (imports the whole main process): 5 s is too short on a busy 2-core machine.
  it('schedules the daily restart with the kiosk’s settings; the restart closes the services, relaunches and exits', { timeout: 30_000 }, async () => {
    vi.resetModules();
    const electron = (await import('electron')) as unknown as (typeof import('./electron-behaviour'))['electronFake'] & { app: { relaunch: ReturnType<typeof vi.fn> } };
    electron.testing.resetFakes();
    const order: string[] = [];
    electron.app.relaunch.mockImplementation(() => order.push('relaunch'));
    electron.app.exit.mockImplementation(() => order.push('exit'));
    const kiosk = await import('../../electron/services/kiosk');
    const scheduler = await import('../../electron/daily-restart');
    let state = { time: '04:00', visitSince: null as number | null };
    vi.mocked(kiosk.createKioskServices).mockImplementation(
      () => ({ handlers: {}, close: () => order.push('close'), log: { error: vi.fn() }, dailyRestart: () => state }) as unknown as ReturnType<typeof kiosk.createKioskServices>,
    );
    await import('../../electron/main');
    await new Promise((r) => setTimeout(r, 0));
    expect(scheduler.scheduleDailyRestart).toHaveBeenCalledTimes(1);
    const options = vi.mocked(scheduler.scheduleDailyRestart).mock.calls[0]?.[0];
    if (!options) throw new Error('not scheduled');
    expect(options.time()).toBe('04:00');
    expect(options.visitSince()).toBeNull();
    state = { time: '05:30', visitSince: 123 };
    expect([options.time(), options.visitSince()]).toEqual(['05:30', 123]);
    expect(order).toEqual([]);
    options.restart();
    expect(order).toEqual(['close', 'relaunch', 'exit']);
    expect(electron.app.exit).toHaveBeenCalledWith(0);
  });

  it('under the Linux session script (REPERES_SUPERVISED=1): exits with code 75 and lets the script relaunch', async () => {
    vi.stubEnv('REPERES_SUPERVISED', '1');
    vi.resetModules();
    const electron = (await import('electron')) as unknown as (typeof import('./electron-behaviour'))['electronFake'] & { app: { relaunch: ReturnType<typeof vi.fn> } };
    electron.testing.resetFakes();
    electron.app.relaunch.mockReset();
    electron.app.exit.mockReset();
    const kiosk = await import('../../electron/services/kiosk');
    const scheduler = await import('../../electron/daily-restart');
    vi.mocked(scheduler.scheduleDailyRestart).mockClear();
    const close = vi.fn();
    vi.mocked(kiosk.createKioskServices).mockImplementation(() => ({ handlers: {}, close, log: { error: vi.fn() }, dailyRestart: () => ({ time: '04:00', visitSince: null }) }) as unknown as ReturnType<typeof kiosk.createKioskServices>);
    await import('../../electron/main');
    await new Promise((r) => setTimeout(r, 0));
    vi.mocked(scheduler.scheduleDailyRestart).mock.calls[0]?.[0].restart();
    expect(close).toHaveBeenCalled();
    expect(electron.app.relaunch).not.toHaveBeenCalled();
    expect(electron.app.exit).toHaveBeenCalledWith(scheduler.DAILY_RESTART_EXIT_CODE);
    vi.unstubAllEnvs();
  });
});
