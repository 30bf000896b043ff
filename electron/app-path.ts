/**
 * Where the kiosk's UI lives and how an `app://` URL maps to a file of the built renderer.
 * Pure (no `electron` import): the path-traversal guard is the part of the protocol that
 * must be right, so it is tested on its own against hostile URLs.
 */
import { extname, isAbsolute, join, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'reperes';
/** Every page and asset of the kiosk starts with this; anything else is foreign. */
export const APP_ORIGIN_PREFIX = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_ENTRY_URL = `${APP_ORIGIN_PREFIX}index.html`;
/** The analyst mode's own page (a separate bundle: the kiosk never loads its code). */
export const ANALYST_ENTRY_URL = `${APP_ORIGIN_PREFIX}analyst.html`;

/**
 * Sent with every response. The renderer's index.html carries the same policy as a meta
 * tag; the header also covers files that are not HTML. 'unsafe-inline' for styles only,
 * because React writes inline `style` attributes.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "media-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ogg': 'audio/ogg',
  // Opus speech is stored in an Ogg container.
  '.opus': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Unknown extensions get a type the browser will neither render nor execute. */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `rootDir` that `requestUrl` names, or null when the URL is not one of the
 * kiosk's own (other scheme or host, credentials, port) or tries to leave the folder. `/`
 * is index.html. Works on the raw text rather than on a parsed URL because URL parsers
 * silently resolve `..` and `%2e%2e`; a request that contains them is refused, not fixed.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): string | null {
  if (!requestUrl.startsWith(APP_ORIGIN_PREFIX)) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port || url.username || url.password) return null;

  const rawPath = requestUrl.slice(APP_ORIGIN_PREFIX.length).split(/[?#]/, 1)[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null; // malformed escape such as %E0%A4%A
  }
  // After one decoding a legitimate asset name has no '%' (double encoding), backslash
  // (Windows separator), NUL (C string terminator) or ':' (drive letter, alternate stream).
  if (/[%\\\0:]/.test(path)) return null;
  if (path === '' || path.endsWith('/')) path += 'index.html';

  const segments = path.split('/');
  // Empty segments come from '//' (an absolute path in disguise); '.' and '..' move around.
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return null;

  const root = resolve(rootDir);
  const file = join(root, ...segments);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}
