/**
 * The preview's local bridge, attacked the way another program or web page of the machine
 * would (issue 18): raw HTTP requests with forged headers against the real server, wired to
 * the real kiosk services and `dispatch` on a temp SQLite file. A call runs only from the
 * preview's own origin, with the printed address's Host header and its token; everything
 * else is refused before a handler runs, and what is accepted goes through the same gate as
 * Electron's IPC (the answers are `dispatch`'s own, byte for byte).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/app-path';
import { createAnalystServices, dispatchAnalyst, type AnalystServices } from '../../electron/services/analyst/index';
import { dispatch } from '../../electron/services/dispatch';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk';
import { BRIDGE_INVOKE_PATH, BRIDGE_SCRIPT_PATH, TOKEN_HEADER, newToken, tokenMatches, type GatedInvoke } from '../../scripts/preview/bridge';
import { startPreviewServer, withBridgeClient, type PreviewServer } from '../../scripts/preview/server';
import { completedRecord } from '../fixtures/records';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One raw HTTP request: every header is the caller's choice, Host included. */
function send(options: { host?: string; port: number; method?: string; path: string; headers?: OutgoingHttpHeaders; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: options.host ?? '127.0.0.1', port: options.port, method: options.method ?? 'GET', path: options.path, headers: options.headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

// A stand-in for out/renderer: the unit tests need no build.
const rendererDir = mkdtempSync(join(tmpdir(), 'reperes-preview-renderer-'));
const PAGE = '<!doctype html><html><head><meta charset="UTF-8" /><script type="module" src="./assets/app.js"></script></head><body></body></html>';
mkdirSync(join(rendererDir, 'assets'));
writeFileSync(join(rendererDir, 'index.html'), PAGE);
writeFileSync(join(rendererDir, 'analyst.html'), PAGE);
writeFileSync(join(rendererDir, 'assets/app.js'), 'console.log("app")');
writeFileSync(join(tmpdir(), 'reperes-preview-secret.txt'), 'secret');

let services: KioskServices;
let server: PreviewServer;
let port: number;
/** Every call the gate received, with the bridge's verdict on its caller. */
const calls: { trusted: boolean; channel: unknown }[] = [];
const LIMIT = 4096;

beforeAll(async () => {
  services = createKioskServices({ userDataDir: mkdtempSync(join(tmpdir(), 'reperes-preview-kiosk-')), mode: 'kiosk', backups: false });
  const invoke: GatedInvoke = (trusted, channel, payload) => {
    calls.push({ trusted, channel });
    return dispatch(services.handlers, trusted, channel, payload);
  };
  server = await startPreviewServer({ rendererDir, entry: 'index.html', invoke, maxBodyBytes: LIMIT });
  port = Number(new URL(server.origin).port);
});
afterAll(async () => {
  await server?.close();
  services?.close();
});
beforeEach(() => {
  calls.length = 0;
});

/** The headers the preview's own page sends. */
function own(extra: OutgoingHttpHeaders = {}): OutgoingHttpHeaders {
  return { host: `127.0.0.1:${port}`, origin: server.origin, 'content-type': 'application/json', [TOKEN_HEADER]: server.token, 'sec-fetch-site': 'same-origin', ...extra };
}

function call(headers: OutgoingHttpHeaders, body: unknown = { channel: 'session:save', payload: completedRecord() }): Promise<Reply> {
  return send({ port, method: 'POST', path: BRIDGE_INVOKE_PATH, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

function without(headers: OutgoingHttpHeaders, name: string): OutgoingHttpHeaders {
  const copy = { ...headers };
  delete copy[name];
  return copy;
}

/** A refusal: 403 with the gate's own answer, and no handler ran. */
function expectRefused(reply: Reply, label: string): void {
  expect(reply.status, label).toBe(403);
  expect(JSON.parse(reply.text), label).toEqual({ ok: false, error: { code: 'untrustedSender' } });
  expect(calls.filter((c) => c.trusted), label).toEqual([]);
}

describe('the bridge answers its own page', () => {
  it('runs a call from the printed address through the gate, and the visit is stored', async () => {
    const before = services.sessions.count();
    const reply = await call(own());
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ ok: true, value: { saved: true } });
    expect(services.sessions.count()).toBe(before + 1);
    expect(calls).toEqual([{ trusted: true, channel: 'session:save' }]);
    // No CORS header, ever: no other origin may read an answer.
    expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('accepts a page that sends no Sec-Fetch-Site header (older browsers)', async () => {
    expect((await call(without(own(), 'sec-fetch-site'), { channel: 'kiosk:get-setup' })).status).toBe(200);
  });

  it('gives exactly what dispatch gives for hostile payloads, and stores nothing', async () => {
    const before = services.sessions.count();
    const bodies = [
      '{"channel":"no:such-channel"}',
      '{"channel":"analyst:overview"}',
      '{"channel":"session:save"}',
      '{"channel":"session:save","payload":{"__proto__":{"polluted":true}}}',
      `{"channel":"session:save","payload":${JSON.stringify({ ...completedRecord(), name: 'Jeanne Martin' })}}`,
      `{"channel":"session:save","payload":${JSON.stringify({ ...completedRecord(), durationS: -5 })}}`,
      '{"channel":"staff:update-settings","payload":{"siteCode":"X"}}',
      '{"channel":"kiosk:get-setup","payload":{"extra":1}}',
      '{"channel":["session:save"],"payload":{}}',
      '{"payload":{}}',
    ];
    for (const body of bodies) {
      const reply = await call(own(), body);
      const parsed = JSON.parse(body) as { channel?: unknown; payload?: unknown };
      const direct = await dispatch(services.handlers, true, parsed.channel, parsed.payload);
      expect(direct.ok, body).toBe(false);
      expect(reply.status, body).toBe(200);
      expect(JSON.parse(reply.text), body).toEqual(direct);
    }
    expect(services.sessions.count()).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('the bridge refuses every other caller before any handler runs', () => {
  it('without the token, with a wrong one, or with the token elsewhere than its header', async () => {
    const wrong = server.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    expectRefused(await call(without(own(), TOKEN_HEADER)), 'no token');
    expectRefused(await call(own({ [TOKEN_HEADER]: wrong })), 'one character off');
    expectRefused(await call(own({ [TOKEN_HEADER]: server.token.slice(0, 32) })), 'a prefix');
    expectRefused(await call(own({ [TOKEN_HEADER]: `${server.token}0` })), 'longer');
    expectRefused(await call(own({ [TOKEN_HEADER]: '' })), 'empty');
    expectRefused(await send({ port, method: 'POST', path: `${BRIDGE_INVOKE_PATH}?token=${server.token}`, headers: without(own(), TOKEN_HEADER), body: '{"channel":"kiosk:get-setup"}' }), 'in the query');
    expectRefused(await call(without(own({ cookie: `token=${server.token}` }), TOKEN_HEADER)), 'in a cookie');
  });

  it('from any other origin, even with the token (a page elsewhere that learnt it)', async () => {
    const origins = ['http://evil.example', `http://127.0.0.1:${port + 1}`, `http://localhost:${port}`, `https://127.0.0.1:${port}`, `${server.origin}/`, 'null', `http://127.0.0.1.evil.example:${port}`];
    for (const origin of origins) expectRefused(await call(own({ origin })), origin);
    expectRefused(await call(without(own(), 'origin')), 'no Origin (a program, not the page)');
    for (const site of ['cross-site', 'same-site', 'none']) expectRefused(await call(own({ 'sec-fetch-site': site })), `Sec-Fetch-Site: ${site}`);
  });

  it('with another Host header: a DNS name rebound to 127.0.0.1, or "localhost"', async () => {
    // After DNS rebinding the attacker's page is same-origin with itself: Host and Origin agree, but they are its own name.
    const rebound = own({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` });
    expectRefused(await call(rebound), 'rebound name');
    expectRefused(await call(own({ host: `localhost:${port}` })), 'localhost');
    expectRefused(await call(own({ host: '127.0.0.1' })), 'no port');
    const page = await send({ port, path: `/?token=${server.token}`, headers: { host: `evil.example:${port}` } });
    expect(page.status).toBe(403);
    expect(page.text).not.toContain('<script');
    // No Host at all: refused by Node itself (HTTP/1.1 requires one).
    expect((await call(without(own(), 'host'))).status).toBe(400);
    expect(calls.filter((c) => c.trusted)).toEqual([]);
  });

  it('grants no CORS preflight and answers only POST', async () => {
    const preflight = await send({
      port,
      method: 'OPTIONS',
      path: BRIDGE_INVOKE_PATH,
      headers: { host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': `content-type,${TOKEN_HEADER}` },
    });
    expect(preflight.status).toBe(405);
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect((await send({ port, path: BRIDGE_INVOKE_PATH, headers: own() })).status).toBe(405);
    expect(calls).toEqual([]);
  });

  it('refuses a form-style body (no JSON type), a body that is not JSON, and an oversized one', async () => {
    // What an HTML form or a no-cors fetch can send without a preflight.
    const form = await call(own({ 'content-type': 'text/plain' }));
    expect(form.status).toBe(415);
    expect((await call(own({ 'content-type': 'application/x-www-form-urlencoded' }))).status).toBe(415);
    expect((await call(own(), '{"channel": "session:save", ')).status).toBe(400);
    expect((await call(own(), '[]')).status).toBe(400);
    const big = await call(own(), JSON.stringify({ channel: 'kiosk:get-setup', payload: 'x'.repeat(LIMIT) }));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text)).toMatchObject({ ok: false, error: { code: 'invalidPayload' } });
    expect(calls).toEqual([]);
  });

  it('listens on 127.0.0.1 only: not reachable on IPv6 loopback or the machine\'s network addresses', async () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const others = ['::1', ...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => a.address))];
    for (const host of others) {
      await expect(send({ host, port, path: '/', headers: { host: `127.0.0.1:${port}` } }), host).rejects.toThrow();
    }
  });
});

describe('the pages the preview serves', () => {
  it('serves the entry page only with the token, with the bridge client added before its scripts', async () => {
    for (const path of ['/', '/index.html', `/?token=${'0'.repeat(64)}`]) {
      const refused = await send({ port, path, headers: { host: `127.0.0.1:${port}` } });
      expect(refused.status, path).toBe(403);
      expect(refused.text, path).toContain('npm run preview');
    }
    const page = await send({ port, path: `/?token=${server.token}`, headers: { host: `127.0.0.1:${port}` } });
    expect(page.status).toBe(200);
    expect(page.text).toBe(withBridgeClient(PAGE));
    expect(page.text.indexOf(BRIDGE_SCRIPT_PATH)).toBeLessThan(page.text.indexOf('./assets/app.js'));
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    // The built file itself is untouched.
    expect(readFileSync(join(rendererDir, 'index.html'), 'utf8')).toBe(PAGE);
    const client = await send({ port, path: BRIDGE_SCRIPT_PATH, headers: { host: `127.0.0.1:${port}` } });
    expect(client.headers['content-type']).toMatch(/^text\/javascript/);
    expect(client.text).toContain("Object.defineProperty(window, 'reperes'");
  });

  it('serves the built files as app:// does, and nothing outside them', async () => {
    const asset = await send({ port, path: '/assets/app.js', headers: { host: `127.0.0.1:${port}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    for (const path of ['/analyst.html', '/../reperes-preview-secret.txt', '/assets/../../reperes-preview-secret.txt', '/%2e%2e/reperes-preview-secret.txt', '/assets/%2e%2e%2f%2e%2e%2freperes-preview-secret.txt', '//etc/passwd', '/assets\\..\\..\\reperes-preview-secret.txt']) {
      const reply = await send({ port, path, headers: { host: `127.0.0.1:${port}` } });
      expect(reply.status, path).toBe(404);
      expect(reply.text, path).not.toContain('secret');
    }
  });
});

describe('the analyst preview', () => {
  let analyst: AnalystServices;
  let analystServer: PreviewServer;
  beforeAll(async () => {
    analyst = createAnalystServices({ userDataDir: mkdtempSync(join(tmpdir(), 'reperes-preview-analyst-')) });
    analystServer = await startPreviewServer({ rendererDir, entry: 'analyst.html', invoke: (trusted, channel, payload) => dispatchAnalyst(analyst.handlers, trusted, channel, payload) });
  });
  afterAll(async () => {
    await analystServer?.close();
    analyst?.close();
  });

  it('prints the analyst page, serves the analyst channels only, and refuses a foreign origin', async () => {
    expect(analystServer.address).toBe(`${analystServer.origin}/analyst.html?token=${analystServer.token}`);
    const p = Number(new URL(analystServer.origin).port);
    const headers = { host: `127.0.0.1:${p}`, origin: analystServer.origin, 'content-type': 'application/json', [TOKEN_HEADER]: analystServer.token };
    const post = (body: string, h: OutgoingHttpHeaders = headers) => send({ port: p, method: 'POST', path: BRIDGE_INVOKE_PATH, headers: h, body });
    expect(JSON.parse((await post('{"channel":"analyst:overview"}')).text)).toMatchObject({ ok: true, value: { bundles: 0 } });
    expect(JSON.parse((await post('{"channel":"kiosk:get-setup"}')).text)).toEqual({ ok: false, error: { code: 'unknownChannel' } });
    const foreign = await post('{"channel":"analyst:overview"}', { ...headers, origin: server.origin });
    expect(foreign.status).toBe(403);
    // Each preview has its own token: the kiosk preview's does not open the analyst's.
    expect((await post('{"channel":"analyst:overview"}', { ...headers, [TOKEN_HEADER]: server.token })).status).toBe(403);
    expect((await send({ port: p, path: '/index.html', headers: { host: `127.0.0.1:${p}` } })).status).toBe(404);
  });
});

describe('tokens', () => {
  it('are 256 random bits, compared whole', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newToken()));
    expect(tokens.size).toBe(50);
    for (const t of tokens) expect(t).toMatch(/^[0-9a-f]{64}$/);
    const t = newToken();
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t, undefined)).toBe(false);
    expect(tokenMatches(t, [t])).toBe(false);
  });
});
