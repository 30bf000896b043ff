/**
 * Checking a pack file's bytes before anything of it is used, each step before the next costs
 * anything, as for export bundles (analyst/bundle-file.ts): size, strict UTF-8, JSON depth and
 * keys that could reach a prototype, format and version, a signature present, the schema,
 * the SHA-256 of the canonical content, the signer being the trusted agglomeration key, the
 * Ed25519 signature, and finally the sequence (an older pack is a replay). The first failure
 * gives the reason; a refused pack changes nothing.
 */
import { jsonDepthExceeds, parseJsonSafely } from '../analyst/bundle-file';
import { MAX_PACK_BYTES, PACK_FORMAT, PACK_FORMAT_VERSION, packSchema, type Pack } from '../../../shared/pack/format';
import type { PackRefusal } from '../../../shared/pack/types';
import { sameKey } from '../../../shared/key-fingerprint';
import { packSha256, packSignatureValid } from './signing';

export type CheckedPack = { ok: true; pack: Pack; sha256: string } | { ok: false; reason: PackRefusal; detail: string };

export interface PackTrust {
  /** The agglomeration key the kiosk trusts (null: none yet). */
  trustedKey: string | null;
  /** The newest sequence ever applied. */
  lastSequence: number;
  /** The pack applied now, if any: the same pack again is "already applied". */
  currentSequence: number | null;
}

const refuse = (reason: PackRefusal, detail: string): CheckedPack => ({ ok: false, reason, detail });

export function checkPackBytes(bytes: Uint8Array, trust: PackTrust): CheckedPack {
  if (bytes.length > MAX_PACK_BYTES) return refuse('tooLarge', `${bytes.length} bytes, the limit is ${MAX_PACK_BYTES}`);
  if (bytes.length === 0) return refuse('empty', 'the file is empty');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return refuse('invalidUtf8', 'the file is not valid UTF-8 text');
  }
  if (jsonDepthExceeds(text)) return refuse('tooDeep', 'JSON nested too deep');
  let data: unknown;
  try {
    data = parseJsonSafely(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return refuse(/is not allowed/.test(message) ? 'forbiddenKey' : 'notJson', message.slice(0, 200));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return refuse('unknownFormat', 'not a JSON object');
  const { format, formatVersion, integrity } = data as { format?: unknown; formatVersion?: unknown; integrity?: unknown };
  if (format !== PACK_FORMAT) return refuse('unknownFormat', `format is ${JSON.stringify(format) ?? 'missing'}, expected "${PACK_FORMAT}"`);
  if (formatVersion !== PACK_FORMAT_VERSION) return refuse('unsupportedFormatVersion', `formatVersion ${JSON.stringify(formatVersion) ?? 'missing'}, this kiosk reads ${PACK_FORMAT_VERSION}`);
  if (typeof integrity !== 'object' || integrity === null || !('signature' in integrity)) return refuse('unsigned', 'the pack carries no signature');
  const parsed = packSchema.safeParse(data);
  if (!parsed.success) {
    return refuse('schema', parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ').slice(0, 300));
  }
  const pack = parsed.data;
  const sha256 = packSha256(pack);
  if (sha256 !== pack.integrity.sha256) return refuse('hashMismatch', `content hashes to ${sha256}, integrity.sha256 says ${pack.integrity.sha256}`);
  if (trust.trustedKey === null) return refuse('noTrustedKey', 'this kiosk trusts no agglomeration key yet');
  // Keys compared as bytes: "…AA=" and "…AA" are the same key (shared/key-fingerprint.ts).
  if (!sameKey(pack.signer.publicKey, trust.trustedKey)) return refuse('untrustedKey', 'signed with a key that is not the agglomeration key this kiosk trusts');
  if (!packSignatureValid(pack)) return refuse('badSignature', 'the Ed25519 signature does not match the content');
  if (pack.pack.sequence < trust.lastSequence) return refuse('older', `pack ${pack.pack.sequence} is older than pack ${trust.lastSequence}, already applied`);
  if (pack.pack.sequence === trust.currentSequence) return refuse('alreadyApplied', `pack ${pack.pack.sequence} is the one applied now`);
  return { ok: true, pack, sha256 };
}
