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

export function openWindow(command: WindowCommand, onExit: () => void): ChildProcess {
  const child = spawn(command.command, command.args, { stdio: 'ignore' });
  child.on('error', onExit);
  child.on('exit', onExit);
  return child;
}
