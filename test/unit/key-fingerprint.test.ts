/**
 * One fingerprint format from one pure function, and keys compared as bytes: the same key
 * spelled with or without its base64 padding is the same key everywhere (analyst import,
 * `reperes verify --public-key`), and the fingerprint is the SHA-256 of the DER bytes as
 * node:crypto computes it.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyFingerprint } from '../../electron/services/key-fingerprint';
import { canonicalKey, decodeBase64, encodeBase64, FINGERPRINT_PATTERN, sameKey } from '../../shared/key-fingerprint';

const der = () => generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' });

describe('key fingerprints', () => {
  it('decodes and encodes base64 exactly as Node does, padded or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(encodeBase64(bytes)).toBe(text);
        expect(Buffer.from(decodeBase64(text) as Uint8Array).equals(Buffer.from(bytes))).toBe(true);
        expect(Buffer.from(decodeBase64(text.replace(/=+$/, '')) as Uint8Array).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });

  it('refuses what is not base64', () => {
    for (const bad of ['A', 'AAAAA', 'AA=', 'AAAAA===', 'AA=A', 'AA AA', 'AA-_', 'é', 'AAA==']) expect(decodeBase64(bad), bad).toBeNull();
    expect(canonicalKey('not base64!')).toBeNull();
    expect(() => keyFingerprint('A')).toThrow(/not base64/);
  });

  it('is the SHA-256 of the key bytes, 8 groups of 4 hexadecimal digits, whatever the spelling', () => {
    const bytes = der();
    const padded = bytes.toString('base64');
    expect(padded.endsWith('=')).toBe(true);
    const fingerprint = keyFingerprint(padded);
    expect(fingerprint).toMatch(FINGERPRINT_PATTERN);
    expect(fingerprint.replace(/ /g, '')).toBe(createHash('sha256').update(bytes).digest('hex').slice(0, 32));
    expect(keyFingerprint(padded.replace(/=+$/, ''))).toBe(fingerprint);
    expect(keyFingerprint(der().toString('base64'))).not.toBe(fingerprint);
  });

  it('compares keys as bytes', () => {
    const a = der().toString('base64');
    expect(sameKey(a, a.replace(/=+$/, ''))).toBe(true);
    expect(canonicalKey(a.replace(/=+$/, ''))).toBe(a);
    expect(sameKey(a, der().toString('base64'))).toBe(false);
    expect(sameKey(a, 'A')).toBe(false);
  });
});
