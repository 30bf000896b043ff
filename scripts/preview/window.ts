/**
 * The window `npm run preview` opens when the machine has a display: the system's Chromium or
 * Chrome as an app window (no tabs, no address bar) on the printed address, with a profile of
 * its own in the preview folder so it never touches the user's browser profile. It is an
 * ordinary browser: the page reaches the preview through the bridge, exactly as any other
 * browser opened on the address would. Without a display nothing is opened; the address is
 * printed for whatever browser the user has.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** Windows and macOS always have one; Linux has one when X11 or Wayland is there. */
export function hasDisplay(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform): boolean {
  if (platform !== 'linux') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}

/** Whether `npm run preview` opens a window, and the line it prints about it. */
export type WindowDecision = { open: true; browser: string; line: string } | { open: false; line: string };

export function decideWindow(options: { noWindow: boolean; env: Readonly<Record<string, string | undefined>>; platform: NodeJS.Platform; browser: string | null }): WindowDecision {
  if (options.noWindow) return { open: false, line: 'not opened (--no-window)' };
  if (!hasDisplay(options.env, options.platform)) return { open: false, line: 'not opened: no display on this machine (open the address in any browser)' };
  if (!options.browser) return { open: false, line: 'not opened: no Chromium or Chrome found (open the address in any browser)' };
  return { open: true, browser: options.browser, line: `opened in ${options.browser}` };
}

export interface WindowCommand {
  command: string;
  args: string[];
}

/**
 * `--no-sandbox` only for root, where Chromium refuses to start with its sandbox (containers,
 * live systems); a normal user keeps the sandbox.
 */
export function windowCommand(browser: string, address: string, profileDir: string, options: { isRoot: boolean }): WindowCommand {
  return {
    command: browser,
    args: [
      `--app=${address}`,
      `--user-data-dir=${profileDir}`,
      '--window-size=1280,800',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      ...(options.isRoot ? ['--no-sandbox'] : []),
    ],
  };
}

/** Starts the browser; `onGone` is called once, when the window closes or could not open (`error`). */
export function openWindow(command: WindowCommand, onGone: (error?: Error) => void): ChildProcess {
  const child = spawn(command.command, command.args, { stdio: 'ignore' });
  let gone = false;
  const once = (error?: Error) => {
    if (gone) return;
    gone = true;
    onGone(error);
  };
  child.on('error', (error) => once(error));
  child.on('exit', () => once());
  return child;
}
