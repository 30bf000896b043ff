/**
 * A kiosk's key fingerprint, as people compare it (the format: shared/key-fingerprint.ts):
 * shown on the staff status screen, written in each export's `00-export.csv`, printed by
 * `reperes export`, `reperes verify` and `reperes kiosks`, and shown in the analyst's trust
 * dialog. One function for all of them, with node:crypto's SHA-256.
 */
import { createHash } from 'node:crypto';
import { decodeBase64, formatFingerprint } from '../../shared/key-fingerprint';

export function keyFingerprint(publicKeyBase64: string): string {
  const bytes = decodeBase64(publicKeyBase64);
  if (bytes === null) throw new Error('the public key is not base64');
  return formatFingerprint(createHash('sha256').update(bytes).digest());
}
