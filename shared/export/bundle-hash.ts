/**
 * A bundle's integrity.sha256 in pure TypeScript, for code without node:crypto (a browser
 * checking a bundle). Kept out of bundle.ts: the hash library is an ES module that Node loads
 * through its ES module loader (about 15 ms), and `reperes export`, which imports bundle.ts,
 * hashes with node:crypto instead (electron/services/export/signing.ts).
 */
import { sha256Hex } from '../hash';
import { signedText, type Bundle, type UnsignedBundle } from './bundle';

export function bundleSha256(bundle: UnsignedBundle | Bundle): string {
  return sha256Hex(signedText(bundle));
}
