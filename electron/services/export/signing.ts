/**
 * Signing export bundles with the kiosk's Ed25519 key (node:crypto), and checking the hash and
 * signature of a bundle. What is hashed and signed is defined once, in shared/export/bundle.ts
 * (`signedText`). The full check of a bundle from elsewhere, schema first, is verify-bundle.ts:
 * an export signs and checks its own bundle, and does not load the schema library (issue 13).
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { signedText, type Bundle, type UnsignedBundle } from '../../../shared/export/bundle';

/**
 * `bundleSha256` (shared/export/bundle-hash.ts) of a text `signedText` already made: the same
 * SHA-256 of the same UTF-8 bytes, by node:crypto rather than the pure-TypeScript hash the
 * shared code uses (about twenty times faster, which counts when importing a thousand bundles).
 */
function sha256OfSignedText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function signBundle(unsigned: UnsignedBundle, privateKeyBase64: string): Bundle {
  const key = createPrivateKey({ key: Buffer.from(privateKeyBase64, 'base64'), format: 'der', type: 'pkcs8' });
  const text = signedText(unsigned);
  const signature = sign(null, Buffer.from(text, 'utf8'), key).toString('base64');
  return { ...unsigned, integrity: { sha256: sha256OfSignedText(text), signature } };
}

export type VerifyFailure = 'notJson' | 'schema' | 'hash' | 'publicKey' | 'signature' | 'untrustedKey';
export type VerifyResult = { ok: true; bundle: Bundle } | { ok: false; reason: VerifyFailure; detail: string };

/**
 * The hash and the Ed25519 signature of a bundle already known to have the format's shape:
 * integrity.sha256 is the SHA-256 of its canonical content, and integrity.signature signs that
 * same text with kiosk.publicKey.
 */
export function checkIntegrity(bundle: Bundle): VerifyResult {
  // One canonical text for both checks: what integrity.sha256 hashes is what is signed.
  const text = signedText(bundle);
  const actual = sha256OfSignedText(text);
  if (actual !== bundle.integrity.sha256) {
    return { ok: false, reason: 'hash', detail: `content hashes to ${actual}, integrity.sha256 says ${bundle.integrity.sha256}` };
  }
  let publicKey;
  try {
    publicKey = createPublicKey({ key: Buffer.from(bundle.kiosk.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key (${String(publicKey.asymmetricKeyType)})`);
  } catch (error) {
    return { ok: false, reason: 'publicKey', detail: error instanceof Error ? error.message : String(error) };
  }
  let valid: boolean;
  try {
    valid = verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(bundle.integrity.signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'signature', detail: 'the Ed25519 signature does not match the content and kiosk.publicKey' };
  return { ok: true, bundle };
}

/**
 * The kiosk's check of its own bundle's bytes before they go to the stick (exporter.ts): JSON,
 * then the hash and the signature, which prove these are, byte for byte in content, the bundle
 * this kiosk built and signed (a pending bundle's bytes damaged in the database fail here). The
 * format's schema is the analysts' check of bytes from elsewhere (verifyBundleText); that every
 * bundle the kiosk builds passes it is proved by the tests (export-integrity, analyst-import),
 * and parsing it again on every export cost more CPU than the rest of the check (issue 13).
 */
export function verifyOwnBundleText(text: string): VerifyResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: 'notJson', detail: error instanceof Error ? error.message : String(error) };
  }
  if (!hasIntegrityShape(data)) return { ok: false, reason: 'schema', detail: 'no integrity.sha256, integrity.signature or kiosk.publicKey text' };
  return checkIntegrity(data);
}

/** Just enough shape for checkIntegrity to read its three texts. */
function hasIntegrityShape(data: unknown): data is Bundle {
  if (typeof data !== 'object' || data === null) return false;
  const { integrity, kiosk } = data as { integrity?: unknown; kiosk?: unknown };
  const text = (o: unknown, key: string) => typeof o === 'object' && o !== null && typeof (o as Record<string, unknown>)[key] === 'string';
  return text(integrity, 'sha256') && text(integrity, 'signature') && text(kiosk, 'publicKey');
}
