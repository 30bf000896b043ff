/**
 * The app:// protocol: registered as a privileged standard scheme before ready, served from
 * the renderer folder with the CSP, the right types, and 404 for anything outside it.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, createAppRequestHandler, registerAppScheme, serveApp } from '../../electron/protocol';
import { protocol } from './electron-behaviour';

vi.mock('electron', async () => (await import('./electron-behaviour')).electronFake);

let root: string;
let outside: string;
/** 1000 bytes, each its own position modulo 251, so any slice is recognisable. */
const LONG = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'reperes-protocol-'));
  root = join(base, 'renderer');
  outside = join(base, 'secret.txt');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Repères</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'q1.opus'), Buffer.from([0x4f, 0x67, 0x67, 0x53]));
  writeFileSync(join(root, 'assets', 'long.opus'), LONG);
  writeFileSync(outside, 'do not serve');
});

afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

describe('registerAppScheme', () => {
  it('makes app: a standard, secure, fetchable scheme', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    const [schemes] = protocol.registerSchemesAsPrivileged.mock.calls[0] as unknown as [{ scheme: string; privileges: Record<string, boolean> }[]];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]?.scheme).toBe('app');
    expect(schemes[0]?.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    // Nothing that would weaken the origin, e.g. bypassing the page's CSP.
    expect(schemes[0]?.privileges).not.toHaveProperty('bypassCSP', true);
  });
});

describe('serveApp', () => {
  it('handles the app scheme with a handler serving the given folder', async () => {
    serveApp(root);
    expect(protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = protocol.handle.mock.calls[0] as unknown as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const response = await handler(new Request('app://reperes/'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Repères</title>');
  });
});

describe('createAppRequestHandler', () => {
  const get = (url: string, init?: RequestInit): Promise<Response> => createAppRequestHandler(root)(new Request(url, init));

  it('serves index.html for / with the CSP and its type', async () => {
    const response = await get('app://reperes/');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('serves scripts and audio with their types and the CSP', async () => {
    const script = await get('app://reperes/assets/index.js');
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const audio = await get('app://reperes/assets/q1.opus');
    expect(audio.headers.get('Content-Type')).toBe('audio/ogg');
    expect(audio.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(new Uint8Array(await audio.arrayBuffer())).toEqual(new Uint8Array([0x4f, 0x67, 0x67, 0x53]));
  });

  it('answers 404 to a missing file or a folder', async () => {
    expect((await get('app://reperes/nope.js')).status).toBe(404);
    expect((await get('app://reperes/assets')).status).toBe(404);
  });

  it('answers 404 to traversal attempts without reading the file system', async () => {
    const read = vi.fn(async () => new Uint8Array());
    const handler = createAppRequestHandler(root, read);
    // Request normalises plain dots itself, so the raw forms are given through a fake request.
    for (const url of ['app://reperes/../secret.txt', 'app://reperes/%2e%2e/secret.txt', 'app://reperes/..%5csecret.txt', 'app://evil/index.html']) {
      const response = await handler({ method: 'GET', url } as Request);
      expect(response.status, url).toBe(404);
    }
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://reperes/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get('app://reperes/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

/**
 * Byte ranges (RFC 9110 §14): a media element asks for `Range: bytes=N-` to play and to seek;
 * a server that ignores it makes the audio unseekable (seeking outside what is buffered jumps
 * back to 0). test/e2e/app-protocol-media.test.ts checks the consequence in real Chromium.
 */
describe('createAppRequestHandler: byte ranges', () => {
  const get = (url: string, range?: string, method = 'GET'): Promise<Response> =>
    createAppRequestHandler(root)(new Request(url, { method, headers: range === undefined ? {} : { Range: range } }));
  const LONG_URL = 'app://reperes/assets/long.opus';

  it('says it accepts byte ranges', async () => {
    const response = await get(LONG_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('Accept-Ranges')).toBe('bytes');
    expect(response.headers.get('Content-Length')).toBe('1000');
  });

  it.each([
    ['bytes=0-3', 0, 3],
    ['bytes=996-', 996, 999],
    ['bytes=0-', 0, 999],
    ['bytes=-4', 996, 999],
    ['bytes=-5000', 0, 999],
    ['bytes=990-5000', 990, 999],
    ['bytes=500-500', 500, 500],
    ['Bytes=10-12', 10, 12],
  ])('%s → 206 with bytes %i-%i', async (range, first, last) => {
    const response = await get(LONG_URL, range);
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Range')).toBe(`bytes ${first}-${last}/1000`);
    expect(response.headers.get('Content-Length')).toBe(String(last - first + 1));
    expect(response.headers.get('Content-Type')).toBe('audio/ogg');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('Accept-Ranges')).toBe('bytes');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(LONG.subarray(first, last + 1));
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])('%s → 416 with the size, and no body', async (range) => {
    const response = await get(LONG_URL, range);
    expect(response.status).toBe(416);
    expect(response.headers.get('Content-Range')).toBe('bytes */1000');
    expect(await response.text()).toBe('');
  });

  // A Range header that is not one valid byte range is ignored: the whole file (RFC 9110 §14.2).
  it.each(['bytes=abc', 'items=0-3', 'bytes=5-2', 'bytes=', 'bytes=0-1,4-5', 'bytes=--1', 'bytes=1.5-3'])('%j → 200 with the whole file', async (range) => {
    const response = await get(LONG_URL, range);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(LONG);
  });

  it('answers a HEAD with a range with the range’s headers and no body', async () => {
    const response = await get(LONG_URL, 'bytes=0-99', 'HEAD');
    expect(response.status).toBe(206);
    expect(response.headers.get('Content-Range')).toBe('bytes 0-99/1000');
    expect(await response.text()).toBe('');
  });

  it('still answers 404 to a missing file or a traversal, range or not', async () => {
    expect((await get('app://reperes/assets/none.opus', 'bytes=0-1')).status).toBe(404);
    const handler = createAppRequestHandler(root);
    const response = await handler({ method: 'GET', url: 'app://reperes/%2e%2e/secret.txt', headers: new Headers({ Range: 'bytes=0-1' }) } as Request);
    expect(response.status).toBe(404);
  });
});
