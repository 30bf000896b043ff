/**
 * The window `npm run preview` opens (issue 18): only with a display and a browser, never
 * with --no-window; an app window on the printed address with a profile of its own, the
 * browser's sandbox kept unless running as root; closed with the preview.
 * test/e2e/preview.test.ts checks the same through the real command.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideWindow, hasDisplay, openWindow, windowCommand } from '../../scripts/preview/window';

describe('whether the preview opens a window', () => {
  it('needs a display on Linux (X11 or Wayland); Windows and macOS always have one', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: '' }, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
  });

  it('opens one only with a display, a browser, and no --no-window; and says why not', () => {
    const base = { noWindow: false, env: { DISPLAY: ':0' }, platform: 'linux' as const, browser: '/usr/bin/chromium' };
    expect(decideWindow(base)).toEqual({ open: true, browser: '/usr/bin/chromium', line: 'opened in /usr/bin/chromium' });
    expect(decideWindow({ ...base, noWindow: true })).toEqual({ open: false, line: 'not opened (--no-window)' });
    expect(decideWindow({ ...base, env: {} })).toMatchObject({ open: false, line: expect.stringMatching(/^not opened: no display/) });
    expect(decideWindow({ ...base, browser: null })).toMatchObject({ open: false, line: expect.stringMatching(/^not opened: no Chromium or Chrome found/) });
  });

  it('asks for an app window on the address, with its own profile, and keeps the sandbox unless root', () => {
    const user = windowCommand('/usr/bin/chromium', 'http://127.0.0.1:5000/?token=ab', '/p/profile', { isRoot: false });
    expect(user.command).toBe('/usr/bin/chromium');
    expect(user.args).toContain('--app=http://127.0.0.1:5000/?token=ab');
    expect(user.args).toContain('--user-data-dir=/p/profile');
    expect(user.args).not.toContain('--no-sandbox');
    expect(windowCommand('/usr/bin/chromium', 'http://x', '/p', { isRoot: true }).args).toContain('--no-sandbox');
  });

  it('starts the browser with those arguments and hears when the window goes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reperes-preview-window-'));
    const stub = join(dir, 'browser.sh');
    const argsFile = join(dir, 'args.txt');
    writeFileSync(stub, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexec sleep 60\n`);
    chmodSync(stub, 0o755);
    let closed = false;
    const child = openWindow(windowCommand(stub, 'http://127.0.0.1:5000/?token=ab', join(dir, 'profile'), { isRoot: false }), (error) => (closed = error === undefined));
    await expect.poll(() => (existsSync(argsFile) ? readFileSync(argsFile, 'utf8') : ''), { timeout: 10_000 }).toContain('--app=http://127.0.0.1:5000/?token=ab\n');
    expect(closed).toBe(false);
    child.kill();
    await expect.poll(() => closed, { timeout: 10_000 }).toBe(true);
  });

  it('reports a browser that cannot start, once, instead of crashing', async () => {
    const calls: (Error | undefined)[] = [];
    openWindow(windowCommand('/nonexistent/chromium', 'http://x', '/tmp/p', { isRoot: false }), (error) => calls.push(error));
    await expect.poll(() => calls.length, { timeout: 10_000 }).toBe(1);
    expect(calls[0]?.message).toMatch(/ENOENT/);
    // Any late 'exit' after the 'error' is not reported again.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toHaveLength(1);
  });
});
