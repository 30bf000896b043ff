/**
 * The preview's local bridge: the page's `window.reperes.invoke(channel, payload)` arrives as
 * an HTTP POST instead of an Electron IPC message, and goes through the same gate
 * (`dispatch` / `dispatchAnalyst`: sender, channel, `__proto__`, the contract's zod schema,
 * typed errors). What Electron knows from `event.senderFrame.url`, the bridge learns from
 * the request itself, and a call is trusted only when all of these hold:
 *
 * - it reached 127.0.0.1 (the server listens nowhere else) with the Host header of the
 *   printed address — a page whose DNS name was rebound to 127.0.0.1 sends its own name;
 * - it comes from the preview's own origin: the browser's `Origin` header, which a page
 *   cannot forge, is exactly the printed address's origin (and `Sec-Fetch-Site`, when sent,
 *   says same-origin);
 * - it carries the random token of the printed address in a custom header, which no other
 *   origin can add without a CORS preflight the bridge never grants, and which another
 *   program of the machine cannot guess.
 *
 * A development tool only: nothing under electron/ or renderer/ imports it, so it is never
 * built into out/ nor packaged (test/unit/preview-not-shipped.test.ts).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IpcResponse } from '../../shared/ipc/contract';

/** Where the page finds its stand-in for the preload, and where its calls go. */
export const BRIDGE_SCRIPT_PATH = '/__reperes-preview/bridge.js';
export const BRIDGE_INVOKE_PATH = '/__reperes-preview/invoke';
/** The request header that carries the token (a custom header: cross-origin pages need a preflight). */
export const TOKEN_HEADER = 'x-reperes-preview-token';
/** The query parameter of the printed address that carries the token to the page. */
export const TOKEN_PARAM = 'token';
/**
 * Largest request body. Electron's IPC has no such bound; the bridge needs one so that a
 * local program cannot make it buffer without end. The largest real payload is an analyst
 * dropping bundle files (5 MB each, base64): 64 MB holds about nine of them at once.
 */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * One call through the process's gate: `dispatch` (kiosk) or `dispatchAnalyst` (analyst),
 * with the bridge's verdict on the caller as `trustedSender`.
 */
export type GatedInvoke = (trustedSender: boolean, channel: unknown, payload: unknown) => Promise<IpcResponse<unknown>>;

/** What a trusted request must show: the printed address's host and origin, and its token. */
export interface BridgeIdentity {
  /** `127.0.0.1:<port>`, the Host header of the printed address. */
  host: string;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  token: string;
}

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** Compares in constant time, so the answer's timing tells nothing about how much of a guess was right. */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host header of the printed address, and nothing else (not "localhost", not a rebound name). */
export function hostIsOurs(request: IncomingMessage, identity: BridgeIdentity): boolean {
  return request.headers.host === identity.host;
}

/** The bridge's verdict on a call: the `trustedSender` it hands to the gate. */
export function isTrustedCall(request: IncomingMessage, identity: BridgeIdentity): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  return (
    hostIsOurs(request, identity) &&
    request.headers.origin === identity.origin &&
    (fetchSite === undefined || fetchSite === 'same-origin') &&
    tokenMatches(identity.token, request.headers[TOKEN_HEADER])
  );
}

function sendJson(response: ServerResponse, status: number, body: IpcResponse<unknown>): void {
  let text: string;
  try {
    text = JSON.stringify(body);
  } catch {
    // A result JSON cannot carry (a BigInt, a cycle): the page gets what IPC gives for a crash.
    status = 500;
    text = JSON.stringify({ ok: false, error: { code: 'internal' } });
  }
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(text);
}

function invalid(detail: string): IpcResponse<never> {
  return { ok: false, error: { code: 'invalidPayload', detail } };
}

/** The body, or null as soon as it passes `limit` bytes (what follows is drained, not kept). */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

/**
 * Answers one request to BRIDGE_INVOKE_PATH: refusals are decided before the body is read,
 * and every answer is the gate's own `IpcResponse` as JSON.
 */
export async function answerBridgeCall(request: IncomingMessage, response: ServerResponse, identity: BridgeIdentity, invoke: GatedInvoke, limit = MAX_BODY_BYTES): Promise<void> {
  if (request.method !== 'POST') {
    // No CORS preflight is ever granted: OPTIONS gets the same refusal as any other method.
    response.writeHead(405, { Allow: 'POST', 'Content-Type': 'text/plain; charset=utf-8' }).end('POST only');
    return;
  }
  if (!isTrustedCall(request, identity)) {
    // The gate itself answers an untrusted sender, before looking at channel or payload.
    request.resume();
    sendJson(response, 403, await invoke(false, undefined, undefined));
    return;
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    request.resume();
    sendJson(response, 415, invalid('Content-Type must be application/json'));
    return;
  }
  const body = await readBody(request, limit);
  if (body === null) {
    // The rest of an oversized upload is read and dropped, never kept.
    sendJson(response, 413, invalid(`request larger than ${limit} bytes`));
    return;
  }
  let call: unknown;
  try {
    call = JSON.parse(body.toString('utf8'));
  } catch {
    sendJson(response, 400, invalid('the request is not JSON'));
    return;
  }
  if (typeof call !== 'object' || call === null || Array.isArray(call)) {
    sendJson(response, 400, invalid('the request must be {"channel", "payload"}'));
    return;
  }
  const { channel, payload } = call as { channel?: unknown; payload?: unknown };
  sendJson(response, 200, await invoke(true, channel, payload));
}
