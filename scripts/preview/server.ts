/**
 * The preview's web server, on 127.0.0.1 only: the built renderer (out/renderer) served the
 * way the `app://` protocol serves it in Electron (same path guard, content types and
 * Content-Security-Policy: electron/app-path.ts), plus the bridge (./bridge.ts).
 *
 * The entry page (index.html for the kiosk, analyst.html for the analyst mode) is served
 * only to the printed address, token included, with one tag added before its own scripts:
 * the bridge client, a same-origin script that the page's CSP (`script-src 'self'`) allows.
 * The built files on disk are never changed, so the app that ships has no bridge.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { APP_ORIGIN_PREFIX, CONTENT_SECURITY_POLICY, contentTypeFor, resolveAppPath } from '../../electron/app-path';
import { BRIDGE_INVOKE_PATH, BRIDGE_SCRIPT_PATH, TOKEN_HEADER, TOKEN_PARAM, answerBridgeCall, hostIsOurs, newToken, tokenMatches, type BridgeIdentity, type GatedInvoke } from './bridge';

export const LOOPBACK = '127.0.0.1';

export type PreviewEntry = 'index.html' | 'analyst.html';

export interface PreviewServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The page this preview shows: the kiosk's or the analyst mode's. */
  entry: PreviewEntry;
  /** One call through the process's own gate. */
  invoke: GatedInvoke;
  /** Default 0: a free port chosen by the system. */
  port?: number;
  /** Default: a new random token. */
  token?: string;
  /** Default MAX_BODY_BYTES (./bridge.ts); the tests use a small one. */
  maxBodyBytes?: number;
}

export interface PreviewServer {
  /** The address to open, token included. */
  address: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

// __dirname: tsx runs this file as CommonJS (package.json has no "type"), vitest provides it too.
const CLIENT_FILE = join(__dirname, 'bridge-client.js');

/** Headers of every file, as electron/protocol.ts sends them. */
function fileHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': contentTypeFor(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  response.end(text);
}

/** The entry page with the bridge client added before the page's own scripts. */
export function withBridgeClient(html: string): string {
  const tag = `<script src="${BRIDGE_SCRIPT_PATH}" data-invoke="${BRIDGE_INVOKE_PATH}" data-token-header="${TOKEN_HEADER}" data-token-param="${TOKEN_PARAM}"></script>`;
  const at = html.indexOf('<script');
  if (at < 0) throw new Error('the built page has no <script>: is out/renderer a Repères build?');
  return `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`;
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const rendererDir = resolve(options.rendererDir);
  // Read once at start: a missing build fails here, with the path, rather than in the browser.
  const entryHtml = withBridgeClient(await readFile(join(rendererDir, options.entry), 'utf8'));
  const client = await readFile(CLIENT_FILE);
  const token = options.token ?? newToken();
  const identity: BridgeIdentity = { host: '', origin: '', token };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const rawUrl = request.url ?? '/';
    if (!rawUrl.startsWith('/')) return refuse(response, 400, 'Bad request');
    // Concatenated, not resolved: "//host/path" must stay a path here, not name another host.
    const url = new URL(`${identity.origin}${rawUrl}`);
    // The bridge checks Host, Origin and token itself, and answers as the gate does.
    if (url.pathname === BRIDGE_INVOKE_PATH) return answerBridgeCall(request, response, identity, options.invoke, options.maxBodyBytes);
    if (!hostIsOurs(request, identity)) return refuse(response, 403, `Refused: this preview answers only at ${identity.origin}/ (wrong Host header).`);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const body = (status: number, headers: Record<string, string>, data: string | Buffer) => {
      response.writeHead(status, headers);
      response.end(request.method === 'HEAD' ? undefined : data);
    };
    if (url.pathname === BRIDGE_SCRIPT_PATH) return body(200, fileHeaders('bridge.js'), client);
    if (url.pathname === '/' || url.pathname === `/${options.entry}`) {
      if (!tokenMatches(token, url.searchParams.get(TOKEN_PARAM))) {
        return refuse(response, 403, `Open the address that "npm run preview" printed: it carries this preview's token (${TOKEN_PARAM}=…).`);
      }
      return body(200, fileHeaders(options.entry), entryHtml);
    }
    // The other mode's page would call channels this process does not serve.
    if (url.pathname.endsWith('.html')) return refuse(response, 404, 'Not found');
    const file = resolveAppPath(rendererDir, APP_ORIGIN_PREFIX + rawUrl.slice(1));
    if (file === null) return refuse(response, 404, 'Not found');
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch {
      return refuse(response, 404, 'Not found');
    }
    return body(200, fileHeaders(file), data);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('[preview] request failed', error);
      if (!response.headersSent) refuse(response, 500, 'Internal error');
      else response.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, LOOPBACK, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  identity.host = `${LOOPBACK}:${port}`;
  identity.origin = `http://${identity.host}`;
  const page = options.entry === 'index.html' ? '' : options.entry;
  return {
    address: `${identity.origin}/${page}?${TOKEN_PARAM}=${token}`,
    origin: identity.origin,
    token,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        // Browsers keep connections open; the preview must still stop at once.
        server.closeAllConnections();
      }),
  };
}
