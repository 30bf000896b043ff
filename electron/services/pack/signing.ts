/**
 * The agglomeration's Ed25519 key (node:crypto): making it, signing a pack, and checking a
 * pack's hash and signature. What is signed is defined once, in shared/pack/format.ts.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { keyFingerprint } from '../key-fingerprint';
import { signedPackText, type Pack, type UnsignedPack } from '../../../shared/pack/format';

export interface AgglomerationKey {
  publicKey: string;
  privateKey: string;
}

export function generateAgglomerationKey(): AgglomerationKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}

/** The public key of a private key (base64 DER), checking that it is Ed25519. */
export function publicKeyOf(privateKeyBase64: string): string {
  const key = createPrivateKey({ key: Buffer.from(privateKeyBase64, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 key (${String(key.asymmetricKeyType)})`);
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64');
}

export function isEd25519PublicKey(publicKeyBase64: string): boolean {
  try {
    return createPublicKey({ key: Buffer.from(publicKeyBase64, 'base64'), format: 'der', type: 'spki' }).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

/** The key's fingerprint, in the one format staff and analysts compare (shared/key-fingerprint.ts). */
export const packKeyFingerprint = keyFingerprint;

export function packSha256(pack: UnsignedPack | Pack): string {
  return createHash('sha256').update(signedPackText(pack), 'utf8').digest('hex');
}

export function signPack(unsigned: UnsignedPack, privateKeyBase64: string): Pack {
  const key = createPrivateKey({ key: Buffer.from(privateKeyBase64, 'base64'), format: 'der', type: 'pkcs8' });
  const text = signedPackText(unsigned);
  const signature = sign(null, Buffer.from(text, 'utf8'), key).toString('base64');
  return { ...unsigned, integrity: { sha256: createHash('sha256').update(text, 'utf8').digest('hex'), signature } };
}

export function packSignatureValid(pack: Pack): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(pack.signer.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(signedPackText(pack), 'utf8'), key, Buffer.from(pack.integrity.signature, 'base64'));
  } catch {
    return false;
  }
}

/** A pack's file text: pretty JSON (staff may open it), UTF-8, final newline. */
export function serializePack(pack: Pack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}
