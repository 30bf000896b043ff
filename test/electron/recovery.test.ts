/**
 * Crash and hang recovery: reloads spaced 1 s, 2 s, 4 s … at most 60 s, back to 1 s once the
 * page has stayed alive, one reload at a time, a hung renderer killed before its reload.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReloadBackoff, attachCrashRecovery } from '../../electron/recovery';
import { FakeBrowserWindow, resetFakes, simulate } from './electron-behaviour';

vi.mock('electron', () => {
  throw new Error('recovery must not import electron at run time');
});

describe('ReloadBackoff', () => {
  it('doubles from 1 s and caps at 60 s for failures in quick succession', () => {
    const backoff = new ReloadBackoff();
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < 10; i++) {
      const delay = backoff.nextDelay(now);
      delays.push(delay);
      now += delay + 100; // the page dies again 100 ms after each reload
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000]);
  });

  it('starts again from 1 s once the page stayed alive for the stable period after a reload', () => {
    const backoff = new ReloadBackoff({ stableAfterMs: 120_000 });
    expect(backoff.nextDelay(0)).toBe(1_000);
    expect(backoff.nextDelay(1_500)).toBe(2_000);
    expect(backoff.nextDelay(4_000)).toBe(4_000);
    // reload at 8 000 ms; alive for 119.999 s: still counts as the same streak
    expect(backoff.nextDelay(8_000 + 119_999)).toBe(8_000);
    // reload at 135 999 ms; alive for 120 s: a fresh start
    expect(backoff.nextDelay(135_999 + 120_000)).toBe(1_000);
    expect(backoff.nextDelay(135_999 + 120_000 + 1_100)).toBe(2_000);
  });

  it('honours custom delays', () => {
    const backoff = new ReloadBackoff({ initialDelayMs: 10, maxDelayMs: 35, stableAfterMs: 1_000 });
    expect([0, 1, 2, 3].map((i) => backoff.nextDelay(i))).toEqual([10, 20, 35, 35]);
  });

  it('stays at the cap for ever without overflowing', () => {
    const backoff = new ReloadBackoff();
    let delay = 0;
    for (let i = 0; i < 5_000; i++) delay = backoff.nextDelay(i);
    expect(delay).toBe(60_000);
  });
});

describe('attachCrashRecovery', () => {
  let win: FakeBrowserWindow;
  let reload: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    vi.useFakeTimers();
    win = new FakeBrowserWindow({});
    reload = vi.fn();
    // The fake window implements what recovery uses; BrowserWindow's full type is larger.
    attachCrashRecovery(win as unknown as Parameters<typeof attachCrashRecovery>[0], reload as () => void);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const crash = (reason = 'crashed'): void => win.webContents.emit('render-process-gone', {}, { reason, exitCode: 1 });

  it('reloads 1 s after a crash, not before', () => {
    crash();
    vi.advanceTimersByTime(999);
    expect(reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });

  it('waits longer after each crash in a row', () => {
    crash();
    vi.advanceTimersByTime(1_000);
    crash('oom');
    vi.advanceTimersByTime(1_999);
    expect(reload).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(reload).toHaveBeenCalledTimes(2);
    crash('killed');
    vi.advanceTimersByTime(4_000);
    expect(reload).toHaveBeenCalledTimes(3);
  });

  it('schedules one reload for several failures while one is pending', () => {
    crash();
    crash();
    win.emit('unresponsive');
    vi.advanceTimersByTime(10_000);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('ignores a clean exit (the app quitting)', () => {
    crash('clean-exit');
    vi.advanceTimersByTime(120_000);
    expect(reload).not.toHaveBeenCalled();
  });

  it('kills then reloads a page that stays hung', () => {
    win.emit('unresponsive');
    vi.advanceTimersByTime(1_000);
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('leaves a page alone that becomes responsive again in time', () => {
    win.emit('unresponsive');
    vi.advanceTimersByTime(500);
    win.emit('responsive');
    vi.advanceTimersByTime(120_000);
    expect(reload).not.toHaveBeenCalled();
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });

  it('still reloads after a crash even if a hang had been reported first', () => {
    win.emit('unresponsive');
    crash();
    win.emit('responsive');
    vi.advanceTimersByTime(1_000);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('tells its caller of each reload it made, and of nothing else', () => {
    const other = new FakeBrowserWindow({});
    const recovered = vi.fn();
    const otherReload = vi.fn(() => expect(recovered).not.toHaveBeenCalled());
    attachCrashRecovery(other as unknown as Parameters<typeof attachCrashRecovery>[0], otherReload, new ReloadBackoff(), recovered);
    other.emit('unresponsive');
    vi.advanceTimersByTime(500);
    other.emit('responsive');
    vi.advanceTimersByTime(10_000);
    expect(recovered).not.toHaveBeenCalled();
    other.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    // The second failure in a row waits 2 s (the hang above counted as the first).
    vi.advanceTimersByTime(2_000);
    expect(otherReload).toHaveBeenCalledTimes(1);
    expect(recovered).toHaveBeenCalledTimes(1);
  });

  it('does nothing once the window is gone', () => {
    crash();
    win.destroyed = true;
    vi.advanceTimersByTime(1_000);
    expect(reload).not.toHaveBeenCalled();
  });
});

describe('attachCrashRecovery, with a renderer that dies the way Electron makes it die', () => {
  const ENTRY = 'app://reperes/index.html';
  let win: FakeBrowserWindow;
  let reload: ReturnType<typeof vi.fn>;

  beforeEach(async () => {
    vi.useFakeTimers();
    resetFakes();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  async function openPage(): Promise<void> {
    win = new FakeBrowserWindow({ show: false });
    reload = vi.fn(() => void win.loadURL(ENTRY));
    attachCrashRecovery(win as unknown as Parameters<typeof attachCrashRecovery>[0], reload as () => void);
    void win.loadURL(ENTRY);
    await vi.advanceTimersByTimeAsync(10);
    expect(win.webContents.rendererAlive).toBe(true);
  }

  // forcefullyCrashRenderer() is followed, later, by 'render-process-gone' ('crashed' on
  // Linux, 'killed' elsewhere): that is the kill the recovery asked for, not a new failure.
  it.each(['linux', 'win32'] as const)('%s: a hang ends in one kill and one reload, and counts as one failure', async (platform) => {
    simulate({ platform });
    await openPage();
    win.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reload).toHaveBeenCalledTimes(1);
    // The next real crash is the second failure in a row: 2 s, not 4 s.
    win.webContents.rendererCrashes();
    await vi.advanceTimersByTimeAsync(1_999);
    expect(reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(reload).toHaveBeenCalledTimes(2);
  });

  it('still counts a real crash that comes long after a kill that Electron never reported', async () => {
    await openPage();
    // The renderer is already gone when the hang is acted on: Electron kills nothing, so no
    // 'render-process-gone' follows (electron_api_web_contents.cc:3237-3246).
    win.webContents.rendererAlive = false;
    win.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reload).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    win.webContents.rendererCrashes();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reload).toHaveBeenCalledTimes(2);
  });
});
