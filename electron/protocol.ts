/**
 * The `app://reperes/` protocol that serves the built renderer. A custom scheme rather than
 * `file://` so the UI has a real origin of its own ('self' in the CSP), cannot read
 * arbitrary files, and every response carries the security headers below.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, contentTypeFor, resolveAppPath } from './app-path';
import { parseByteRange } from './byte-range';
import { packAudioReader } from './services/pack/pack-audio';
import type { PlaceAudio } from '../shared/pack/format';

export { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, contentTypeFor, resolveAppPath } from './app-path';

/** Must run before `app` is ready: Chromium fixes scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: relative URLs and an origin; secure: treated like https; supportFetchAPI:
      // the renderer may fetch its own JSON; stream: audio can play without full buffering.
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * Answers one request from files under `rootDir`. Separate from `serveApp` so the
 * responses (status, headers) can be tested without Electron.
 */
export function createAppRequestHandler(
  rootDir: string,
  read: (path: string) => Promise<Uint8Array<ArrayBuffer>> = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppPath(rootDir, request.url);
    if (file === null) return notFound();
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await read(file);
    } catch {
      // Missing file or a folder: the kiosk has nothing else to offer under that name.
      return notFound();
    }
    const headers = {
      'Content-Type': contentTypeFor(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
      // Audio seeks by asking for byte ranges; without them it cannot seek past its buffer.
      'Accept-Ranges': 'bytes',
    };
    const size = body.byteLength;
    const range = parseByteRange(request.headers?.get('Range') ?? null, size);
    if (range.kind === 'unsatisfiable') {
      return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
    }
    if (range.kind === 'partial') {
      const part = body.subarray(range.first, range.last + 1);
      return new Response(request.method === 'HEAD' ? null : part, {
        status: 206,
        headers: { ...headers, 'Content-Range': `bytes ${range.first}-${range.last}/${size}`, 'Content-Length': String(part.byteLength) },
      });
    }
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: { ...headers, 'Content-Length': String(size) } });
  };
}

/**
 * Call once the app is ready. `rootDir` is the built renderer folder (out/renderer);
 * `placeAudio`, the recordings of the applied pack's places, served beside the bundled ones.
 */
export function serveApp(rootDir: string, placeAudio: () => PlaceAudio | null = () => null): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir, packAudioReader(rootDir, placeAudio, readFile)));
}
