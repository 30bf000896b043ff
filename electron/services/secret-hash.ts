/**
 * Hashing the staff's secrets (the PIN and the recovery code) with scrypt and a random salt,
 * compared in constant time. The parameters are stored with each hash, so a later change of
 * cost never locks anyone out.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: N = 2^15, r = 8 (about 100 ms and 32 MiB per check on a kiosk PC). */
export const DEFAULT_SCRYPT = { N: 2 ** 15, r: 8, p: 1, keylen: 32 } as const;
export type ScryptParams = { N: number; r: number; p: number; keylen: number };

export interface SecretHash {
  hash: string;
  salt: string;
  params: ScryptParams;
}

function scrypt(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(secret.normalize('NFKC'), salt, params.keylen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashSecret(secret: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<SecretHash> {
  const salt = randomBytes(16);
  const key = await scrypt(secret, salt, params);
  return { hash: key.toString('base64'), salt: salt.toString('base64'), params: { ...params } };
}

export async function secretMatches(secret: string, stored: SecretHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = await scrypt(secret, Buffer.from(stored.salt, 'base64'), { ...stored.params, keylen: expected.length });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
