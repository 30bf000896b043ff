/**
 * Getting the kiosk's page on screen, and noticing when it never gets there.
 *
 * The window is created hidden so that it appears already painted. Electron's `ready-to-show`
 * (the page's first visually non-empty layout) is the usual cue to show it, but it cannot be
 * the only one: under Wayland a hidden window is never given a frame, so it never lays
 * anything out and `ready-to-show` never comes (electron/electron#48859). The window is
 * therefore shown on the first of: `ready-to-show`, `did-finish-load`, or SHOW_AFTER_MS.
 * Background and sources: docs/electron-behaviours.md.
 *
 * A page that still has not painted PAINT_DEADLINE_MS after the shell loaded it (a dead GPU,
 * a compositor that never maps the window, a load that never ends) leaves a black screen and
 * a process that looks alive. The watchdog turns that into something a supervisor can act on:
 * `onNeverPainted` (main.ts exits with a non-zero code; the session loop and systemd restart
 * Repères, docs/deploiement.md).
 *
 * Only Electron *types* are imported: the decisions are tested with the behaviour-faithful
 * fake (test/electron/electron-behaviour.ts).
 */
import type { BrowserWindow } from 'electron';

/** Longest time the window stays hidden waiting for its page. */
export const SHOW_AFTER_MS = 3_000;
/** A page that has not painted this long after it was loaded never will. */
export const PAINT_DEADLINE_MS = 60_000;

type ShowableWindow = Pick<BrowserWindow, 'once' | 'show' | 'isDestroyed' | 'isVisible'> & {
  webContents: Pick<BrowserWindow['webContents'], 'once'>;
};

/** Shows `win` once, on the first sign that its page is there or after `showAfterMs`. */
export function showWhenReady(win: ShowableWindow, showAfterMs = SHOW_AFTER_MS): void {
  let shown = false;
  const show = (): void => {
    if (shown) return;
    shown = true;
    clearTimeout(timer);
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  };
  const timer = setTimeout(show, showAfterMs);
  win.once('ready-to-show', show);
  win.webContents.once('did-finish-load', show);
}

type WatchedWindow = Pick<BrowserWindow, 'on' | 'isDestroyed'>;

export interface FirstPaintWatchdog {
  /** Call when the shell (re)loads the page: it has `deadlineMs` from now to paint. */
  loading(): void;
}

/**
 * Calls `onNeverPainted` (once) when a page the shell loaded has not painted within
 * `deadlineMs`. Painting is Electron's `ready-to-show`, emitted for every document's first
 * visually non-empty layout. Each load restarts the count, so crash recovery's reloads
 * (1 s, 2 s, 4 s … apart) each get their own deadline; a page that crashes before painting
 * every time ends, after about two minutes of reloads, with `onNeverPainted` too.
 */
export function watchFirstPaint(win: WatchedWindow, onNeverPainted: () => void, deadlineMs = PAINT_DEADLINE_MS): FirstPaintWatchdog {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let fired = false;
  const disarm = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  win.on('ready-to-show', disarm);
  return {
    loading() {
      disarm();
      if (fired) return;
      timer = setTimeout(() => {
        timer = null;
        if (fired || win.isDestroyed()) return;
        fired = true;
        onNeverPainted();
      }, deadlineMs);
    },
  };
}
