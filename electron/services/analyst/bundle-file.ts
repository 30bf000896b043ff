/**
 * Reading one bundle file from outside (a USB stick, a drop on the window) defensively, each
 * step before the next costs anything: the size limit before the file is read in full, strict
 * UTF-8, the nesting depth of the JSON scanned before parsing, no `__proto__`, `constructor`
 * or `prototype` key anywhere, no key twice in one object (JSON.parse would keep the last one
 * silently, and another reader the first: one file, two meanings), then the format and its
 * version, and only then the export
 * format's own checks (schema, SHA-256, Ed25519 signature: electron/services/export/verify-bundle.ts).
 */
import { open } from 'node:fs/promises';
import { FORMAT, FORMAT_VERSION, type Bundle } from '../../../shared/export/bundle';
import { MAX_BUNDLE_BYTES } from '../../../shared/ipc/analyst-channels';
import type { ImportRejection } from '../../../shared/analyst/types';
import { verifyBundleData } from '../export/verify-bundle';

/** Deepest nesting a bundle needs is 6 (tables → id → cells → cell); 64 leaves room, refuses bombs. */
export const MAX_JSON_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type CheckedBundle = { ok: true; bundle: Bundle; text: string } | { ok: false; reason: ImportRejection; detail: string };

const reject = (reason: ImportRejection, detail: string): CheckedBundle => ({ ok: false, reason, detail });

/**
 * Reads at most `limit + 1` bytes: a bigger file is refused from its size alone (and from
 * the bytes actually read, in case the size changed or a special file reports none).
 */
export async function readLimited(path: string, limit = MAX_BUNDLE_BYTES): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: 'tooLarge' | 'readError'; detail: string }> {
  let handle;
  try {
    handle = await open(path, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, reason: 'readError', detail: 'not a regular file' };
    if (stat.size > limit) return { ok: false, reason: 'tooLarge', detail: `${stat.size} bytes, the limit is ${limit}` };
    // Room for the size announced plus one byte; grown to limit + 1 only if the file turns out
    // longer than announced (a fresh 5 MB buffer per file made importing a thousand bundles
    // spend seconds zeroing memory). Bytes past `length` are never read.
    let buffer = Buffer.allocUnsafe(stat.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > limit) return { ok: false, reason: 'tooLarge', detail: `more than ${limit} bytes` };
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(limit + 1);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
    }
    return { ok: true, bytes: new Uint8Array(buffer.subarray(0, length)) };
  } catch (error) {
    return { ok: false, reason: 'readError', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    await handle?.close();
  }
}

/**
 * Deepest bracket nesting of a JSON text, counted outside strings; stops as soon as `max`
 * is passed so that a hostile file costs nothing more.
 */
export function jsonDepthExceeds(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

class ForbiddenKeyError extends Error {}

/** Could a key of this JSON text be one of FORBIDDEN_KEYS? (false is certain; true may be wrong) */
function mayHoldForbiddenKey(text: string): boolean {
  // A key equals a forbidden name only if its text spells it, directly or with \u escapes.
  return text.includes('\\u') || text.includes('"__proto__"') || text.includes('"constructor"') || text.includes('"prototype"');
}

/** JSON.parse that refuses any key able to reach an object's prototype. */
export function parseJsonSafely(text: string): unknown {
  // The reviver below calls back into JavaScript for every value: costly on big files, and
  // useless when no key can be a forbidden one.
  if (!mayHoldForbiddenKey(text)) return JSON.parse(text);
  return JSON.parse(text, function reviver(key, value: unknown) {
    if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(`the key "${key}" is not allowed`);
    return value;
  });
}

/**
 * The first key written twice in one object of a JSON text, compared as decoded strings
 * ("a" and "\u0061" are the same key); null when there is none. For a text JSON.parse has
 * accepted: one pass, an explicit stack (the depth check bounds it), no recursion.
 */
export function duplicateKey(text: string): string | null {
  // One entry per open object (its keys so far) or array (null).
  const stack: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Find the closing quote: the next one not preceded by an odd number of backslashes.
      let end = i;
      for (;;) {
        end = text.indexOf('"', end + 1);
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      const keys = stack.at(-1);
      if (expectKey && keys) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b) {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) {
      stack.push(null);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = stack.at(-1) instanceof Set;
    }
  }
  return null;
}

/** Every check of a bundle file's bytes, in order; the first failure gives the reason. */
export function checkBundleBytes(bytes: Uint8Array, limit = MAX_BUNDLE_BYTES): CheckedBundle {
  if (bytes.length > limit) return reject('tooLarge', `${bytes.length} bytes, the limit is ${limit}`);
  if (bytes.length === 0) return reject('empty', 'the file is empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return reject('invalidUtf8', 'the file is not valid UTF-8 text');
  }
  text = text.replace(/^\uFEFF/, '');
  if (jsonDepthExceeds(text)) return reject('tooDeep', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  let data: unknown;
  try {
    data = parseJsonSafely(text);
  } catch (error) {
    if (error instanceof ForbiddenKeyError) return reject('forbiddenKey', error.message);
    return reject('notJson', error instanceof Error ? error.message : String(error));
  }
  const twice = duplicateKey(text);
  if (twice !== null) return reject('duplicateKey', `the key "${twice}" appears twice in one object`);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return reject('unknownFormat', 'not a JSON object');
  const { format, formatVersion } = data as { format?: unknown; formatVersion?: unknown };
  if (format !== FORMAT) return reject('unknownFormat', `format is ${JSON.stringify(format) ?? 'missing'}, expected "${FORMAT}"`);
  if (formatVersion !== FORMAT_VERSION) return reject('unsupportedFormatVersion', `formatVersion ${JSON.stringify(formatVersion) ?? 'missing'}, this application reads ${FORMAT_VERSION}`);
  // Already parsed (and checked for forbidden keys): verify that value, not a second parse.
  const verified = verifyBundleData(data);
  if (verified.ok) return { ok: true, bundle: verified.bundle, text };
  const reasons = { notJson: 'notJson', schema: 'schema', hash: 'hashMismatch', publicKey: 'badPublicKey', signature: 'badSignature', untrustedKey: 'kioskKeyMismatch' } as const;
  return reject(reasons[verified.reason], verified.detail);
}
