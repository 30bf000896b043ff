/**
 * The analysts' check of a bundle file from elsewhere: JSON, the format's schema with its
 * consistency rules (shared/export/bundle-schema.ts), then the hash and the signature
 * (signing.ts). Used by the import, `reperes verify` and the analyst window.
 */
import { sameKey } from '../../../shared/key-fingerprint';
import { bundleSchema, type Bundle } from '../../../shared/export/bundle-schema';
import { checkIntegrity, type VerifyResult } from './signing';

/**
 * Checks a bundle file's text: JSON, the format's schema (with its consistency rules), the
 * SHA-256 of the canonical content, and the Ed25519 signature by `kiosk.publicKey`. With
 * `trustedPublicKey`, also checks that the bundle comes from that kiosk (a forger can sign
 * with a key of their own; analysts pin each kiosk's key at its first import).
 */
export function verifyBundleText(text: string, options: { trustedPublicKey?: string } = {}): VerifyResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, reason: 'notJson', detail: error instanceof Error ? error.message : String(error) };
  }
  return verifyBundleData(data, options);
}

/** `verifyBundleText` after the JSON parse, for a caller that has parsed the text already. */
export function verifyBundleData(data: unknown, options: { trustedPublicKey?: string } = {}): VerifyResult {
  const parsed = bundleSchema.safeParse(data);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    return { ok: false, reason: 'schema', detail };
  }
  const bundle = parsed.data as Bundle;
  const integrity = checkIntegrity(bundle);
  if (!integrity.ok) return integrity;
  // Compared as bytes: one key has several base64 spellings (with or without its padding).
  if (options.trustedPublicKey !== undefined && !sameKey(options.trustedPublicKey, bundle.kiosk.publicKey)) {
    return { ok: false, reason: 'untrustedKey', detail: `signed by ${bundle.kiosk.pseudonym}'s key, which is not the expected one` };
  }
  return { ok: true, bundle };
}

