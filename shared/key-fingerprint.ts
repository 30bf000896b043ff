/**
 * A kiosk's public key as people compare it: one fingerprint format, made by one pure function,
 * shown on the kiosk's staff status screen, in each export's `00-export.csv`, by
 * `reperes verify` and `reperes kiosks`, and in the analyst's trust dialog.
 *
 * Keys travel as base64 text, and one key has several spellings ("…AA=" and "…AA" without
 * its padding decode to the same bytes): keys are therefore compared, stored and fingerprinted
 * as their decoded bytes, never as text.
 *
 * The fingerprint's SHA-256 is taken by the caller's hash (electron/services/key-fingerprint.ts
 * with node:crypto): the pure-TypeScript hash is an ES module whose loading alone cost
 * `reperes export` about 15 ms (issue 13), and every caller of the fingerprint runs in Node.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Map([...ALPHABET].map((c, i) => [c, i]));

/**
 * The bytes of standard base64 text, with or without its `=` padding; null when the text is
 * not base64 (another character, padding in the middle, or a length no byte count gives).
 */
export function decodeBase64(text: string): Uint8Array | null {
  const body = text.replace(/={1,2}$/, '');
  if (body.length % 4 === 1) return null;
  if (text.length !== body.length && text.length % 4 !== 0) return null;
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const c of body) {
    const v = VALUES.get(c);
    if (v === undefined) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63];
    out += ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** The one spelling of a key kept in databases: its bytes encoded again, padded. Null if not base64. */
export function canonicalKey(publicKeyBase64: string): string | null {
  const bytes = decodeBase64(publicKeyBase64);
  return bytes === null ? null : encodeBase64(bytes);
}

/** Whether two base64 texts hold the same key bytes (false when either is not base64). */
export function sameKey(a: string, b: string): boolean {
  const x = decodeBase64(a);
  const y = decodeBase64(b);
  if (x === null || y === null || x.length !== y.length) return false;
  return x.every((byte, i) => byte === y[i]);
}

/** 32 hexadecimal digits in 8 groups of 4, separated by spaces: "3f2a 9c01 …". */
export const FINGERPRINT_PATTERN = /^[0-9a-f]{4}( [0-9a-f]{4}){7}$/;

/**
 * The fingerprint of a key whose bytes (SubjectPublicKeyInfo DER) hash to `keySha256`: the
 * first 128 bits in hexadecimal, in groups of four characters. Short enough to read aloud over
 * the phone, long enough that nobody can make another key with the same fingerprint.
 */
export function formatFingerprint(keySha256: Uint8Array): string {
  const hex = Array.from(keySha256.subarray(0, 16), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return (hex.match(/.{4}/g) ?? []).join(' ');
}
