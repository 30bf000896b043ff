/**
 * The kiosk's security decisions, each a small function over the webContents or session it
 * protects. Only Electron *types* are imported, so the decisions are unit-tested with fakes.
 * Background: Electron's security checklist, plus what a public unattended kiosk needs
 * (no way out of the UI, no way to reach the network or the file system).
 */
import type { Input, Session, WebContents } from 'electron';
import { APP_ORIGIN_PREFIX } from './app-path';
import type { RuntimeMode } from './runtime-mode';

/** IPC is answered only for frames showing the kiosk's own pages. */
export function isTrustedSenderUrl(url: string): boolean {
  return typeof url === 'string' && url.startsWith(APP_ORIGIN_PREFIX);
}

/**
 * The UI is one single-page app that never changes document: any navigation, redirect or
 * embedded webview is either an attack or a stray link/file dropped on the window, so all
 * are refused, as are new windows. Programmatic loads (`loadURL`) do not emit these events.
 */
export function denyNavigation(contents: WebContents): void {
  const prevent = (event: { preventDefault(): void }): void => event.preventDefault();
  contents.on('will-navigate', prevent);
  contents.on('will-frame-navigate', prevent);
  contents.on('will-redirect', prevent);
  contents.on('will-attach-webview', prevent);
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * The kiosk needs no camera, microphone, location, notifications, clipboard or devices.
 * Both handlers are set: the request handler answers prompts, the check handler answers
 * silent queries (e.g. `navigator.permissions.query`) that would otherwise be granted.
 */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // A page could start a download (e.g. `<a download>`); nothing may be written to disk.
  session.on('will-download', (event) => event.preventDefault());
}

/** Only the kiosk's own files may be loaded; devtools' own pages are allowed in dev mode. */
export function isAllowedRequestUrl(url: string, mode: RuntimeMode): boolean {
  if (url.startsWith(APP_ORIGIN_PREFIX)) return true;
  return mode.dev && url.startsWith('devtools:');
}

/** The kiosk works offline by design: every request outside `app://reperes/` is cancelled. */
export function restrictRequestsToApp(session: Session, mode: RuntimeMode): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, mode) });
  });
}

export type KeyInput = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>;

/** Letter of a key press, from the typed character and from the physical key, so that a
 * shortcut is caught whatever the keyboard layout (the kiosks have French AZERTY keyboards). */
function letters(input: KeyInput): Set<string> {
  const found = new Set<string>();
  if (input.key.length === 1) found.add(input.key.toLowerCase());
  const physical = /^Key([A-Z])$/.exec(input.code);
  if (physical?.[1]) found.add(physical[1].toLowerCase());
  return found;
}

const FUNCTION_KEYS_ALWAYS_BLOCKED = new Set(['F5', 'F12', 'BrowserRefresh']);
// Ctrl/Cmd + letter: reload (r), close (w, q), print (p), new window/tab (n, t).
const COMMAND_LETTERS = ['r', 'w', 'q', 'p', 'n', 't'];
// Ctrl/Cmd+Shift + letter (or Cmd+Alt on macOS): devtools, inspector, console.
const DEVTOOLS_LETTERS = ['i', 'j', 'c'];
const ZOOM_KEYS = new Set(['0', '+', '-', '=', '_']);
const ZOOM_CODES = new Set(['Digit0', 'Numpad0', 'Equal', 'Minus', 'NumpadAdd', 'NumpadSubtract']);

/**
 * Whether a key press must be swallowed so a visitor cannot reload, open devtools, close,
 * print, zoom or open a window. Everything is allowed in dev mode. Over-blocking is
 * acceptable: the kiosk is used by touch and has no text-editing shortcuts to keep.
 */
export function shouldBlockInput(input: KeyInput, mode: RuntimeMode): boolean {
  if (mode.dev) return false;
  if (FUNCTION_KEYS_ALWAYS_BLOCKED.has(input.key)) return true;
  if ((input.alt || input.control) && input.key === 'F4') return true;

  const command = input.control || input.meta;
  if (!command) return false;
  const pressed = letters(input);
  if (COMMAND_LETTERS.some((l) => pressed.has(l))) return true;
  if ((input.shift || input.alt) && DEVTOOLS_LETTERS.some((l) => pressed.has(l))) return true;
  return ZOOM_KEYS.has(input.key) || ZOOM_CODES.has(input.code);
}

export function blockKioskShortcuts(contents: WebContents, mode: RuntimeMode): void {
  contents.on('before-input-event', (event, input) => {
    if (shouldBlockInput(input, mode)) event.preventDefault();
  });
}

/** Everything a kiosk page's webContents needs, in one call used by the window. */
export function hardenWebContents(contents: WebContents, mode: RuntimeMode): void {
  denyNavigation(contents);
  blockKioskShortcuts(contents, mode);
}

/** Everything the session needs; once, when the app is ready, before the window loads. */
export function hardenSession(session: Session, mode: RuntimeMode): void {
  denyPermissions(session);
  restrictRequestsToApp(session, mode);
}
