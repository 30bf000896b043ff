/**
 * Bringing the kiosk back when its page crashes or hangs, without a technician. Reloads are
 * spaced out (1 s, 2 s, 4 s … at most 60 s) so a page that crashes on load does not spin
 * the CPU, and the spacing starts again from 1 s once the page has stayed alive a while.
 */
import type { BrowserWindow } from 'electron';

export interface BackoffOptions {
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** Time alive after a reload from which the next failure counts as the first again. */
  stableAfterMs?: number;
}

/** The reload schedule; pure, driven by the times it is given. */
export class ReloadBackoff {
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly stableAfterMs: number;
  private attempts = 0;
  /** When the last scheduled reload happens (failure time + delay). */
  private lastReloadAt = Number.NEGATIVE_INFINITY;

  constructor(options: BackoffOptions = {}) {
    this.initialDelayMs = options.initialDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 60_000;
    this.stableAfterMs = options.stableAfterMs ?? 120_000;
  }

  /** Records a failure at `now` and returns how long to wait before reloading. */
  nextDelay(now: number): number {
    if (now - this.lastReloadAt >= this.stableAfterMs) this.attempts = 0;
    const delay = Math.min(this.initialDelayMs * 2 ** this.attempts, this.maxDelayMs);
    // Stop growing the exponent once capped, so it never overflows to Infinity.
    if (delay < this.maxDelayMs) this.attempts += 1;
    this.lastReloadAt = now + delay;
    return delay;
  }
}

type RecoverableWindow = Pick<BrowserWindow, 'on' | 'isDestroyed'> & {
  webContents: Pick<BrowserWindow['webContents'], 'on' | 'forcefullyCrashRenderer'>;
};

/**
 * How long after `forcefullyCrashRenderer()` a 'render-process-gone' is taken for the kill
 * itself. Electron reports the death later, when the browser process notices it; if it never
 * does (no renderer was left to kill), a real crash after this time still counts.
 */
export const FORCED_CRASH_GRACE_MS = 10_000;

/**
 * Reloads `win` (through `reload`, which loads the start page: a visitor's half-finished
 * session must not come back) after a renderer crash, or after the page has hung and did
 * not become responsive again before the delay ran out. One reload pending at a time.
 * `onRecovered` is told of each such reload: the kiosk counts them for its health report
 * (electron/services/kiosk-health.ts), so the agglomeration sees a kiosk that keeps crashing.
 */
export function attachCrashRecovery(win: RecoverableWindow, reload: () => void, backoff = new ReloadBackoff(), onRecovered?: () => void): void {
  let pending: ReturnType<typeof setTimeout> | null = null;
  let pendingBecauseHung = false;
  /** Until when a 'render-process-gone' is the kill asked for below, not a new failure. */
  let ownKillUntil = Number.NEGATIVE_INFINITY;

  const schedule = (hung: boolean): void => {
    if (pending !== null) {
      // A crash while a hang is pending must not be cancelled by a late 'responsive'.
      if (!hung) pendingBecauseHung = false;
      return;
    }
    pendingBecauseHung = hung;
    pending = setTimeout(() => {
      pending = null;
      if (win.isDestroyed()) return;
      // A hung renderer ignores a reload; killing it first makes the reload start fresh.
      // Electron then emits 'render-process-gone' ('crashed' on Linux, 'killed' elsewhere):
      // that one is this kill, already being dealt with, so it must not schedule a second
      // reload and count the hang twice (docs/electron-behaviours.md).
      if (pendingBecauseHung) {
        ownKillUntil = Date.now() + FORCED_CRASH_GRACE_MS;
        win.webContents.forcefullyCrashRenderer();
      }
      reload();
      onRecovered?.();
    }, backoff.nextDelay(Date.now()));
  };

  win.webContents.on('render-process-gone', (_event, details) => {
    if (Date.now() <= ownKillUntil) {
      ownKillUntil = Number.NEGATIVE_INFINITY;
      return;
    }
    // 'clean-exit' is the renderer closing normally, e.g. while the app quits.
    if (details.reason !== 'clean-exit') schedule(false);
  });
  win.on('unresponsive', () => schedule(true));
  win.on('responsive', () => {
    if (pending !== null && pendingBecauseHung) {
      clearTimeout(pending);
      pending = null;
    }
  });
}
