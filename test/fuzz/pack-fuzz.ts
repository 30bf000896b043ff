/**
 * Mutated configuration packs, for the short fuzz in `npm test` (test/unit/pack-fuzz.test.ts)
 * and the long one in `npm run test:stress` (test/stress/pack-fuzz.test.ts). Each case starts
 * from a valid pack signed by the trusted key and breaks it one way: bytes flipped, inserted
 * or cut, a value replaced (left as signed, re-hashed, or re-signed by a foreign key), keys
 * that reach prototypes, deep nesting, huge strings, other formats. The oracle: a mutated pack
 * is accepted only if its signed content is exactly the original's; anything else is refused
 * with one of the documented reasons.
 */
import { checkPackBytes } from '../../electron/services/pack/read';
import { generateAgglomerationKey, packSha256, serializePack, signPack } from '../../electron/services/pack/signing';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';
import { PACK_FORMAT, PACK_FORMAT_VERSION, signedPackText, type Pack } from '../../shared/pack/format';
import { PACK_REFUSALS, type PackRefusal } from '../../shared/pack/types';

/** mulberry32: small, seeded, good enough to pick mutations. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, list: readonly T[]): T => list[int(r, list.length)] as T;

const WRONG_VALUES: unknown[] = [null, true, 0, -1, 1e308, '', 'x'.repeat(5000), [], {}, [[[]]], { __proto__: 1 }, '<script>alert(1)</script>', '=HYPERLINK("x")', 2 ** 53 + 2, 'Mo-Fr 25:00-99:00'];

/** Every [path, value] of a JSON value. */
function paths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...at, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  if (path.length === 0) return;
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
}

export interface FuzzKeys {
  trusted: { publicKey: string; privateKey: string };
  foreign: { publicKey: string; privateKey: string };
}

export interface MutatedPack {
  mutation: string;
  bytes: Uint8Array;
}

const enc = new TextEncoder();

export const MUTATIONS: Record<string, (r: Rand, base: Pack, keys: FuzzKeys) => string | Uint8Array> = {
  flipByte(r, base) {
    const bytes = enc.encode(serializePack(base));
    const i = int(r, bytes.length);
    bytes[i] = (bytes[i] as number) ^ (1 << int(r, 8));
    return bytes;
  },
  insertChar(r, base) {
    const text = serializePack(base);
    const i = int(r, text.length);
    return text.slice(0, i) + pick(r, ['"', '{', '}', ',', ':', '\\', '\u0000', 'é', '1', ' ']) + text.slice(i);
  },
  cut(r, base) {
    const text = serializePack(base);
    return text.slice(0, int(r, text.length));
  },
  replaceValueSigned(r, base) {
    const copy = structuredClone(base) as unknown;
    const all = paths(copy).filter((p) => p.length > 0 && p[0] !== 'integrity');
    setAt(copy, pick(r, all), structuredClone(pick(r, WRONG_VALUES)));
    return JSON.stringify(copy);
  },
  replaceValueRehashed(r, base) {
    const copy = structuredClone(base);
    const all = paths(copy).filter((p) => p.length > 1 && p[0] !== 'integrity' && p[0] !== 'signer');
    setAt(copy, pick(r, all), structuredClone(pick(r, WRONG_VALUES)));
    try {
      copy.integrity.sha256 = packSha256(copy);
    } catch {
      // Not serialisable canonically (a non-finite number): left as it is.
    }
    return JSON.stringify(copy);
  },
  resignedByForeignKey(r, base, keys) {
    const { integrity: _i, ...unsigned } = structuredClone(base);
    if (r() < 0.5) unsigned.signer = { publicKey: keys.foreign.publicKey };
    if (r() < 0.5) unsigned.pack.sequence += 1 + int(r, 1000);
    return serializePack(signPack(unsigned, keys.foreign.privateKey));
  },
  pollution(r, base) {
    const text = JSON.stringify(base);
    const key = pick(r, ['__proto__', 'constructor', 'prototype', '\\u005f_proto__']);
    const at = pick(r, ['{"format"', '"settings":{', '"pack":{', '"signer":{']);
    return text.replace(at, `${at}${at.endsWith('{') ? '' : ','}"${key}":{"polluted":1}${at.endsWith('{') ? ',' : ''}`.replace(/^\{"format",/, '{"format"'));
  },
  deepNesting(r) {
    const depth = 60 + int(r, 200);
    return `{"format":"reperes-config-pack","formatVersion":1,"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  },
  hugeString(r, base) {
    const copy = structuredClone(base);
    copy.pack.description = 'é'.repeat(1000 + int(r, 1_200_000));
    return JSON.stringify(copy);
  },
  otherFormat(r, base) {
    return JSON.stringify({ ...base, format: pick(r, ['reperes-aggregates', 'reperes-config-pack ', 'REPERES-CONFIG-PACK', 7, null]) });
  },
  dropKey(r, base) {
    const copy = structuredClone(base) as unknown as Record<string, unknown>;
    delete copy[pick(r, ['format', 'formatVersion', 'pack', 'settings', 'signer', 'integrity'])];
    return JSON.stringify(copy);
  },
  olderSequence(r, base, keys) {
    const { integrity: _i, ...unsigned } = structuredClone(base);
    unsigned.pack.sequence = 1 + int(r, base.pack.sequence - 1);
    return serializePack(signPack(unsigned, keys.trusted.privateKey));
  },
  whitespaceOnly(r, base) {
    return pick(r, [JSON.stringify(base), `${JSON.stringify(base, null, 4)}\n\n`, `\uFEFF${serializePack(base)}`]);
  },
};
export const MUTATION_NAMES = Object.keys(MUTATIONS);

export function mutate(seed: number, base: Pack, keys: FuzzKeys): MutatedPack {
  const r = random(seed);
  const mutation = pick(r, MUTATION_NAMES);
  const made = (MUTATIONS[mutation] as (r: Rand, base: Pack, keys: FuzzKeys) => string | Uint8Array)(r, base, keys);
  return { mutation, bytes: typeof made === 'string' ? enc.encode(made) : made };
}

export type Verdict = { accepted: true } | { accepted: false; reason: PackRefusal };

/**
 * Checks one mutated pack against the oracle; returns a problem to report, or null. `lastSequence`
 * is the trust's: the base pack's sequence is above it, so the base itself is acceptable.
 */
export function judge(case_: MutatedPack, base: Pack, keys: FuzzKeys, lastSequence: number): { verdict: Verdict; problem: string | null } {
  const check = checkPackBytes(case_.bytes, { trustedKey: keys.trusted.publicKey, lastSequence, currentSequence: null });
  if (!check.ok) {
    const known = (PACK_REFUSALS as readonly string[]).includes(check.reason);
    return { verdict: { accepted: false, reason: check.reason }, problem: known ? null : `${case_.mutation}: unknown reason ${check.reason}` };
  }
  // Accepted: only the original content may pass (whitespace, a BOM, key order), or a pack the trusted key itself signed.
  const same = signedPackText(check.pack) === signedPackText(base);
  return { verdict: { accepted: true }, problem: same || case_.mutation === 'olderSequence' ? null : `${case_.mutation}: accepted a changed pack` };
}

/** The trusted agglomeration key and a foreign one, made once per test file. */
export const FUZZ_KEYS: FuzzKeys = { trusted: generateAgglomerationKey(), foreign: generateAgglomerationKey() };

export function basePack(keys: FuzzKeys, sequence = 5000): Pack {
  return signPack(
    {
      format: PACK_FORMAT,
      formatVersion: PACK_FORMAT_VERSION,
      pack: { id: 'a'.repeat(32), sequence, created: '2026-12-01', issuer: "Communauté d'Agglomération de Cambrai", description: 'Fuzz' },
      settings: { idleDelayS: 120, enabledLanguages: ['fr', 'ar'], openingHours: 'Mo-Fr 09:00-18:00' },
      directory: DEFAULT_DIRECTORY.map((p) => ({ ...p, fees: 'free' as const })),
      sites: { LABO: { openingHours: 'Mo-Sa 09:00-18:00' } },
      signer: { publicKey: keys.trusted.publicKey },
    },
    keys.trusted.privateKey,
  );
}

