/**
 * The daily restart: once a day, at the hour staff set (`dailyRestart`, "04:00" by default,
 * when centres sociaux are closed), the kiosk relaunches itself so that memory starts clean —
 * a kiosk PC in a centre social may run for months. The decisions are small pure functions;
 * main.ts gives them Electron's `app.relaunch()` + `app.exit()`. Never in the middle of a visit:
 * while one is in progress the restart waits (at most MAX_WAIT_FOR_VISIT_MS: a visitor who
 * walked away is reset by the idle timer long before). No Electron import here.
 */

/**
 * Exit code of a daily restart under a supervisor that relaunches Repères itself (the Linux
 * session script of docs/deploiement.md § 3.3 sets REPERES_SUPERVISED=1): there, a process
 * relaunched by Electron would die with the session when the script ends on exit code 0.
 */
export const DAILY_RESTART_EXIT_CODE = 75;

/** How the restart is done: Electron's relaunch, or an exit code the supervisor relaunches on. */
export function restartCommand(env: Record<string, string | undefined>): { relaunch: boolean; exitCode: number } {
  return env['REPERES_SUPERVISED'] === '1' ? { relaunch: false, exitCode: DAILY_RESTART_EXIT_CODE } : { relaunch: true, exitCode: 0 };
}

/** How long a restart waits for a visit to end before checking again. */
export const VISIT_RECHECK_MS = 60_000;
/** A visit "in progress" for longer than this was abandoned without the renderer saying so. */
export const MAX_WAIT_FOR_VISIT_MS = 30 * 60_000;
/** A kiosk that started less than this ago does not restart (a clock that jumped could loop). */
export const MIN_UPTIME_MS = 60 * 60_000;

/** Milliseconds from `now` to the next local `HH:MM` strictly after it; null for "" (never) or a bad value. */
export function msUntilNext(now: Date, time: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) return null;
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate(), Number(match[1]), Number(match[2]), 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}

export type RestartDecision = { action: 'restart' } | { action: 'wait'; ms: number } | { action: 'skip' };

/** At the restart hour: restart, wait for the visit in progress, or skip (started too recently). */
export function restartDecision(input: { now: number; startedAt: number; visitSince: number | null }): RestartDecision {
  if (input.now - input.startedAt < MIN_UPTIME_MS) return { action: 'skip' };
  if (input.visitSince !== null && input.now - input.visitSince < MAX_WAIT_FOR_VISIT_MS) return { action: 'wait', ms: VISIT_RECHECK_MS };
  return { action: 'restart' };
}

export interface DailyRestartOptions {
  /** The configured time ("04:00", or "" for never), read each time (staff may change it). */
  time(): string;
  /** When the visit in progress started (ms), or null on the waiting screen. */
  visitSince(): number | null;
  restart(): void;
  now?: () => number;
}

/** Schedules the next restart and keeps rescheduling; returns a function that stops it. */
export function scheduleDailyRestart(options: DailyRestartOptions): () => void {
  const now = options.now ?? (() => Date.now());
  const startedAt = now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const later = (ms: number, run: () => void) => {
    if (stopped) return;
    timer = setTimeout(run, ms);
    timer.unref?.();
  };
  const planNext = () => {
    let time: string;
    try {
      time = options.time();
    } catch {
      // Settings unreadable (a damaged database being recovered): try again in an hour.
      later(MIN_UPTIME_MS, planNext);
      return;
    }
    const ms = msUntilNext(new Date(now()), time);
    // Never configured: look again in an hour, in case staff set it meanwhile.
    if (ms === null) later(MIN_UPTIME_MS, planNext);
    else later(ms, atRestartHour);
  };
  const atRestartHour = () => {
    const decision = restartDecision({ now: now(), startedAt, visitSince: options.visitSince() });
    if (decision.action === 'restart') options.restart();
    else if (decision.action === 'wait') later(decision.ms, atRestartHour);
    else planNext();
  };
  planNext();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
