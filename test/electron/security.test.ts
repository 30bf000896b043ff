/**
 * The kiosk's security decisions, asserted on fakes of the webContents and session they are
 * attached to: navigation and new windows denied, every permission denied, only
 * `app://reperes/` reachable, IPC senders checked, escape shortcuts swallowed.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { PRODUCTION_MODE, type RuntimeMode } from '../../electron/runtime-mode';
import {
  blockKioskShortcuts,
  denyNavigation,
  denyPermissions,
  hardenSession,
  hardenWebContents,
  isAllowedRequestUrl,
  isTrustedSenderUrl,
  restrictRequestsToApp,
  shouldBlockInput,
  type KeyInput,
} from '../../electron/security';
import { FakeSession, FakeWebContents, fakeEvent } from './electron-behaviour';

vi.mock('electron', () => {
  throw new Error('security must not import electron at run time');
});

const DEV: RuntimeMode = { dev: true, analyst: false };
// The fakes implement only what the kiosk calls; Electron's full types are far larger.
const asContents = (fake: FakeWebContents): WebContents => fake as unknown as WebContents;
const asSession = (fake: FakeSession): Session => fake as unknown as Session;

describe('denyNavigation', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview'])('%s is prevented', (name) => {
    const contents = new FakeWebContents();
    denyNavigation(asContents(contents));
    expect(contents.count(name)).toBeGreaterThan(0);
    const event = fakeEvent();
    contents.emit(name, event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('also prevents navigation to the kiosk itself (a dropped file or link must not reload it)', () => {
    const contents = new FakeWebContents();
    denyNavigation(asContents(contents));
    for (const url of ['app://reperes/index.html', 'file:///home/user/Desktop/photo.png']) {
      const event = fakeEvent();
      contents.emit('will-navigate', event, url);
      expect(event.defaultPrevented()).toBe(true);
    }
  });

  // What the page can do, as Electron's throttle passes it on (electron-behaviour.ts).
  it('cancels the page reloading itself (location.reload() is a navigation the page starts)', () => {
    const contents = new FakeWebContents();
    denyNavigation(asContents(contents));
    void contents.loadURL('app://reperes/index.html');
    expect(contents.pageReloads()).toBe('cancelled');
    expect(contents.pageStartsNavigation('app://reperes/index.html?x=1')).toBe('cancelled');
    expect(contents.pageStartsNavigation('https://evil.example/', { isMainFrame: false })).toBe('cancelled');
    expect(contents.getURL()).toBe('app://reperes/index.html');
  });

  it('leaves the shell’s own loads and in-page (hash) navigations alone', () => {
    const contents = new FakeWebContents();
    denyNavigation(asContents(contents));
    void contents.loadURL('app://reperes/index.html');
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    expect(contents.pageStartsNavigation('app://reperes/index.html#result', { isSameDocument: true })).toBe('committed');
  });

  it('denies every new window', () => {
    const contents = new FakeWebContents();
    denyNavigation(asContents(contents));
    for (const url of ['https://evil.example/', 'app://reperes/index.html', 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });
});

describe('denyPermissions', () => {
  const PERMISSIONS = ['camera', 'microphone', 'media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'usb', 'hid', 'serial', 'midi', 'fullscreen', 'openExternal', 'display-capture', 'unknown'];

  it.each(PERMISSIONS)('refuses a request for %s', (permission) => {
    const session = new FakeSession();
    denyPermissions(asSession(session));
    const callback = vi.fn();
    session.permissionRequestHandler?.({}, permission, callback, { requestingUrl: 'app://reperes/index.html' });
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it.each(PERMISSIONS)('answers false to a check for %s, even from the kiosk', (permission) => {
    const session = new FakeSession();
    denyPermissions(asSession(session));
    expect(session.permissionCheckHandler?.({}, permission, 'app://reperes', {})).toBe(false);
  });

  it('refuses devices and downloads', () => {
    const session = new FakeSession();
    denyPermissions(asSession(session));
    expect(session.devicePermissionHandler?.({ deviceType: 'usb', origin: 'app://reperes' })).toBe(false);
    const event = fakeEvent();
    session.emit('will-download', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('restrictRequestsToApp', () => {
  const FOREIGN = [
    'https://evil.example/track.js',
    'http://127.0.0.1:8080/',
    'http://localhost:5173/src/main.tsx',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'blob:app://reperes/1234',
    'ws://evil.example/',
    'ftp://evil.example/',
    'chrome://gpu',
    'app://evil/index.html',
    'app://reperes.evil.example/x.js',
  ];

  it.each(FOREIGN)('cancels %s in production', (url) => {
    const session = new FakeSession();
    restrictRequestsToApp(asSession(session), PRODUCTION_MODE);
    expect(session.decide(url)).toEqual({ cancel: true });
  });

  it.each(FOREIGN)('cancels %s in dev mode too', (url) => {
    const session = new FakeSession();
    restrictRequestsToApp(asSession(session), DEV);
    expect(session.decide(url)).toEqual({ cancel: true });
  });

  it.each(['app://reperes/', 'app://reperes/index.html', 'app://reperes/assets/index.js', 'app://reperes/audio/fr/q1.opus'])('lets %s through', (url) => {
    const session = new FakeSession();
    restrictRequestsToApp(asSession(session), PRODUCTION_MODE);
    expect(session.decide(url)).toEqual({ cancel: false });
  });

  it('lets devtools load only in dev mode', () => {
    const url = 'devtools://devtools/bundled/devtools_app.html';
    expect(isAllowedRequestUrl(url, PRODUCTION_MODE)).toBe(false);
    expect(isAllowedRequestUrl(url, DEV)).toBe(true);
  });
});

describe('isTrustedSenderUrl', () => {
  it.each(['app://reperes/', 'app://reperes/index.html', 'app://reperes/index.html#/result'])('trusts %s', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(true);
  });

  it.each([
    '',
    'https://evil.example/',
    'http://localhost/',
    'file:///work/main/out/renderer/index.html',
    'about:blank',
    'data:text/html,hi',
    'app://reperes',
    'app://reperes.evil.example/',
    'app://reperes@evil/',
    'app://evil/',
    'APP://REPERES/',
    'devtools://devtools/',
  ])('does not trust %j', (url) => {
    expect(isTrustedSenderUrl(url)).toBe(false);
  });

  it('does not trust a missing url', () => {
    expect(isTrustedSenderUrl(undefined as unknown as string)).toBe(false);
  });
});

function key(key: string, code: string, modifiers: Partial<Pick<KeyInput, 'control' | 'meta' | 'alt' | 'shift'>> = {}): KeyInput {
  return { key, code, control: false, meta: false, alt: false, shift: false, ...modifiers };
}

const ctrl = { control: true };
const cmd = { meta: true };
const ctrlShift = { control: true, shift: true };

const ESCAPE_SHORTCUTS: [string, KeyInput][] = [
  ['F5', key('F5', 'F5')],
  ['Shift+F5', key('F5', 'F5', { shift: true })],
  ['Ctrl+R', key('r', 'KeyR', ctrl)],
  ['Cmd+R', key('r', 'KeyR', cmd)],
  ['Ctrl+Shift+R', key('R', 'KeyR', ctrlShift)],
  ['BrowserRefresh', key('BrowserRefresh', 'BrowserRefresh')],
  ['F12', key('F12', 'F12')],
  ['Ctrl+Shift+I', key('I', 'KeyI', ctrlShift)],
  ['Ctrl+Shift+J', key('J', 'KeyJ', ctrlShift)],
  ['Ctrl+Shift+C', key('C', 'KeyC', ctrlShift)],
  ['Cmd+Alt+I', key('i', 'KeyI', { meta: true, alt: true })],
  ['Ctrl+W', key('w', 'KeyW', ctrl)],
  ['Cmd+W', key('w', 'KeyW', cmd)],
  ['Ctrl+W on AZERTY (W key is at physical KeyZ)', key('w', 'KeyZ', ctrl)],
  ['Alt+F4', key('F4', 'F4', { alt: true })],
  ['Ctrl+F4', key('F4', 'F4', ctrl)],
  ['Ctrl+Q', key('q', 'KeyQ', ctrl)],
  ['Cmd+Q', key('q', 'KeyQ', cmd)],
  ['Ctrl+P', key('p', 'KeyP', ctrl)],
  ['Ctrl+0', key('0', 'Digit0', ctrl)],
  ['Ctrl+0 on AZERTY (unshifted key is à)', key('à', 'Digit0', ctrl)],
  ['Ctrl+Numpad0', key('0', 'Numpad0', ctrl)],
  ['Ctrl+plus', key('+', 'Equal', ctrlShift)],
  ['Ctrl+=', key('=', 'Equal', ctrl)],
  ['Ctrl+NumpadAdd', key('+', 'NumpadAdd', ctrl)],
  ['Ctrl+minus', key('-', 'Minus', ctrl)],
  ['Ctrl+NumpadSubtract', key('-', 'NumpadSubtract', ctrl)],
  ['Ctrl+N', key('n', 'KeyN', ctrl)],
  ['Ctrl+Shift+N', key('N', 'KeyN', ctrlShift)],
  ['Ctrl+T', key('t', 'KeyT', ctrl)],
  ['Cmd+T', key('t', 'KeyT', cmd)],
];

const ORDINARY_KEYS: [string, KeyInput][] = [
  ['a', key('a', 'KeyQ')],
  ['r', key('r', 'KeyR')],
  ['Shift+R', key('R', 'KeyR', { shift: true })],
  ['w', key('w', 'KeyW')],
  ['q', key('q', 'KeyA')],
  ['p', key('p', 'KeyP')],
  ['0', key('0', 'Digit0')],
  ['+', key('+', 'NumpadAdd')],
  ['-', key('-', 'Minus')],
  ['é', key('é', 'Digit2')],
  ['Enter', key('Enter', 'Enter')],
  ['Space', key(' ', 'Space')],
  ['Backspace', key('Backspace', 'Backspace')],
  ['Tab', key('Tab', 'Tab')],
  ['Shift+Tab', key('Tab', 'Tab', { shift: true })],
  ['ArrowLeft', key('ArrowLeft', 'ArrowLeft')],
  ['Escape', key('Escape', 'Escape')],
  ['F1', key('F1', 'F1')],
  ['F4', key('F4', 'F4')],
  ['Ctrl+C', key('c', 'KeyC', ctrl)],
  ['Ctrl+V', key('v', 'KeyV', ctrl)],
  ['Shift+I', key('I', 'KeyI', { shift: true })],
];

describe('shouldBlockInput', () => {
  it.each(ESCAPE_SHORTCUTS)('blocks %s in production', (_name, input) => {
    expect(shouldBlockInput(input, PRODUCTION_MODE)).toBe(true);
  });

  it.each(ORDINARY_KEYS)('lets %s through in production', (_name, input) => {
    expect(shouldBlockInput(input, PRODUCTION_MODE)).toBe(false);
  });

  it.each(ESCAPE_SHORTCUTS)('lets %s through in dev mode', (_name, input) => {
    expect(shouldBlockInput(input, DEV)).toBe(false);
  });
});

describe('blockKioskShortcuts', () => {
  it('prevents a blocked shortcut and lets a letter reach the page', () => {
    const contents = new FakeWebContents();
    blockKioskShortcuts(asContents(contents), PRODUCTION_MODE);
    const reload = fakeEvent();
    contents.emit('before-input-event', reload, { type: 'keyDown', ...key('r', 'KeyR', ctrl) });
    expect(reload.preventDefault).toHaveBeenCalled();
    const letter = fakeEvent();
    contents.emit('before-input-event', letter, { type: 'keyDown', ...key('a', 'KeyQ') });
    expect(letter.preventDefault).not.toHaveBeenCalled();
  });
});

describe('hardenWebContents / hardenSession', () => {
  it('installs navigation, window-open and shortcut guards on the contents', () => {
    const contents = new FakeWebContents();
    hardenWebContents(asContents(contents), PRODUCTION_MODE);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview', 'before-input-event']) {
      expect(contents.count(name), name).toBe(1);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://x.example' })).toEqual({ action: 'deny' });
  });

  it('installs permission and request guards on the session', () => {
    const session = new FakeSession();
    hardenSession(asSession(session), PRODUCTION_MODE);
    expect(session.permissionRequestHandler).not.toBeNull();
    expect(session.permissionCheckHandler?.({}, 'camera', 'app://reperes', {})).toBe(false);
    expect(session.decide('https://evil.example/')).toEqual({ cancel: true });
    expect(session.decide('app://reperes/index.html')).toEqual({ cancel: false });
  });
});
