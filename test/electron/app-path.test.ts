/**
 * The `app://` path-traversal guard: only files inside the built renderer folder can ever be
 * named, whatever the URL encodes, and responses are typed and carry the CSP.
 */
import { join, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, contentTypeFor, resolveAppPath } from '../../electron/app-path';

vi.mock('electron', () => {
  throw new Error('app-path must not import electron');
});

const root = resolve('/srv/kiosk/out/renderer');

describe('resolveAppPath: files of the kiosk', () => {
  it.each([
    ['app://reperes/', 'index.html'],
    ['app://reperes/index.html', 'index.html'],
    ['app://reperes/assets/index-BdNjqGFG.js', 'assets/index-BdNjqGFG.js'],
    ['app://reperes/assets/index.css?v=2#top', 'assets/index.css'],
    ['app://reperes/fonts/Luciole%20Regular.woff2', 'fonts/Luciole Regular.woff2'],
    ['app://reperes/audio/fr/q%C3%A9.opus', 'audio/fr/qé.opus'],
    ['app://reperes/help/', 'help/index.html'],
    ['app://reperes/pictograms/1F4F1.svg', 'pictograms/1F4F1.svg'],
  ])('%s → <root>/%s', (url, file) => {
    expect(resolveAppPath(root, url)).toBe(join(root, ...file.split('/')));
  });

  it('resolves the entry URL to index.html', () => {
    expect(APP_ENTRY_URL).toBe('app://reperes/index.html');
    expect(resolveAppPath(root, APP_ENTRY_URL)).toBe(join(root, 'index.html'));
  });

  it('works with a relative root by resolving it first', () => {
    expect(resolveAppPath('out/renderer', 'app://reperes/index.html')).toBe(resolve('out/renderer', 'index.html'));
  });
});

describe('resolveAppPath: refused', () => {
  it.each([
    // plain dot segments
    'app://reperes/../../../etc/passwd',
    'app://reperes/..',
    'app://reperes/assets/../../etc/passwd',
    'app://reperes/assets/../index.html',
    'app://reperes/./index.html',
    // percent-encoded dots and slashes, any case
    'app://reperes/%2e%2e/%2e%2e/etc/passwd',
    'app://reperes/%2E%2E/%2E%2E/etc/passwd',
    'app://reperes/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://reperes/..%2f..%2fetc%2fpasswd',
    'app://reperes/.%2e/etc/passwd',
    'app://reperes/assets%2f..%2f..%2fsecret',
    // double encoding
    'app://reperes/%252e%252e/%252e%252e/etc/passwd',
    'app://reperes/%25%32%65%25%32%65/x',
    // backslashes, raw and encoded
    'app://reperes/..\\..\\windows\\win.ini',
    'app://reperes/assets\\..\\..\\x',
    'app://reperes/%5c..%5c..%5cwindows',
    'app://reperes/..%5C..%5Cwindows',
    // NUL bytes
    'app://reperes/index.html%00.png',
    'app://reperes/index.html\0.png',
    // absolute paths and drive letters
    'app://reperes//etc/passwd',
    'app://reperes/%2fetc/passwd',
    'app://reperes/C:/Windows/win.ini',
    'app://reperes/c%3a%5cwindows%5cwin.ini',
    'app://reperes/assets//x.js',
    // malformed escapes
    'app://reperes/%E0%A4%A',
    'app://reperes/%',
    // not the kiosk's origin
    'app://evil/index.html',
    'app://reperes.evil.example/index.html',
    'app://reperes@evil/index.html',
    'app://user:pw@reperes/index.html',
    'app://reperes:8080/index.html',
    'app:///etc/passwd',
    'app://reperes',
    'APP://REPERES/index.html',
    'file:///etc/passwd',
    'https://reperes/index.html',
    'http://localhost:5173/index.html',
    '/index.html',
    '',
  ])('%j', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('never names anything outside the root, whatever the path (property)', () => {
    const token = fc.constantFrom('..', '.', '/', '\\', '%2e', '%2E', '%2f', '%5c', '%00', '%25', 'a', 'index.html', ':', '%3a', '?', '#', ' ');
    const path = fc.oneof(fc.string(), fc.array(token, { maxLength: 12 }).map((t) => t.join('')));
    fc.assert(
      fc.property(path, (p) => {
        const file = resolveAppPath(root, `app://reperes/${p}`);
        return file === null || file.startsWith(root + sep);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['p.svg', 'image/svg+xml'],
    ['p.png', 'image/png'],
    ['Luciole.woff2', 'font/woff2'],
    ['q.ogg', 'audio/ogg'],
    ['q.opus', 'audio/ogg'],
    ['q.mp3', 'audio/mpeg'],
    ['communes.json', 'application/json'],
    ['sql.wasm', 'application/wasm'],
    ['UPPER.HTML', 'text/html; charset=utf-8'],
  ])('%s → %s', (file, type) => {
    expect(contentTypeFor(join(root, file))).toBe(type);
  });

  it('serves unknown extensions as inert bytes', () => {
    expect(contentTypeFor('x.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('README')).toBe('application/octet-stream');
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the strict policy of the issue, verbatim', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('allows no inline or remote script', () => {
    const script = CONTENT_SECURITY_POLICY.split(';').find((d) => d.trim().startsWith('script-src'));
    expect(script?.trim()).toBe("script-src 'self'");
  });
});
