/**
 * The identity file's hand-written check (electron/services/identity-format.ts) against the zod
 * schema it replaced (issue 13: `reperes export` reads the identity and must not load zod).
 * The schema below is the one the kiosk used until then, kept here as the reference: on valid
 * files and on thousands of damaged ones (a member removed, added, retyped, pushed past its
 * bound), both must accept the same files and read them into the same text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_REMEMBERED_FAILURES, checkIdentityFile, checkSecretHash } from '../../electron/services/identity-format';
import { generateIdentity, identityText, newIdentityFile, parseIdentityText } from '../../electron/services/identity';

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(8192);
const secretHashSchema = z.strictObject({
  hash: base64,
  salt: base64,
  params: z.strictObject({
    N: z.number().int().min(2).max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    keylen: z.number().int().min(16).max(64),
  }),
});
const referenceSchema = z.strictObject({
  format: z.literal('reperes-kiosk-identity'),
  formatVersion: z.literal(1),
  pseudonym: z.string().regex(/^K-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/),
  publicKey: base64,
  privateKey: base64,
  createdDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  staff: z.strictObject({
    pin: secretHashSchema.nullable(),
    failures: z.array(z.number().int().min(0)).max(MAX_REMEMBERED_FAILURES),
    lockedUntilMs: z.number().int().min(0),
    recoveryCode: secretHashSchema.nullable(),
    recoveryRequired: z.boolean(),
  }),
  packs: z.strictObject({ trustedKey: base64.nullable(), lastSequence: z.number().int().min(0) }),
  exports: z.strictObject({
    epoch: z.preprocess((v) => (v === 1 ? '' : v), z.union([z.literal(''), z.uuid()])),
    lastSequence: z.number().int().min(0),
    sincePeriod: z.number().int().min(0).default(0),
  }),
});

const hash = { hash: 'aGFzaA==', salt: 'c2FsdA', params: { N: 16384, r: 8, p: 1, keylen: 32 } };
const identity = newIdentityFile(generateIdentity(new Date(2026, 11, 6)));
/** Valid files the kiosk writes or has written: fresh, with secrets, an old epoch 1, no sincePeriod. */
const VALID: unknown[] = [
  identity,
  { ...identity, staff: { pin: hash, failures: [0, 1_765_000_000_000], lockedUntilMs: 5, recoveryCode: hash, recoveryRequired: true } },
  { ...identity, packs: { trustedKey: identity.publicKey, lastSequence: 9 }, exports: { epoch: 1, lastSequence: 3 } },
  { ...identity, exports: { epoch: '3f2a9c01-5b7d-4e21-9a3c-0123456789ab', lastSequence: 12, sincePeriod: 4 } },
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a member of `value`, the root excluded. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...paths((value as Record<string | number, unknown>)[key], [...prefix, key])]);
}

/** Near misses for each kind of member: bounds ±1, fractions, letters a pseudonym never has. */
const NEAR_MISSES: unknown[] = [
  -1, 0, 1, 1.5, 2, 15, 16, 17, 32, 33, 64, 65, 2 ** 20, 2 ** 20 + 1, 2 ** 53, MAX_REMEMBERED_FAILURES, -0, 1e300,
  '', ' ', '1', 'K-ABCDE-FGHIJ', 'K-ABCDE-FGHJK', 'k-abcde-fghjk', 'aGFzaA===', 'a b', 'x'.repeat(8193), 'A'.repeat(8192),
  '2026-12-06', '2026-12-6', '3f2a9c01-5b7d-4e21-9a3c-0123456789ab', '3f2a9c01-5b7d-0e21-9a3c-0123456789ab', '00000000-0000-0000-0000-000000000000',
  'reperes-kiosk-identity', true, false, null, [], {}, [1, 2], hash, { ...hash, extra: 1 }, Array.from({ length: MAX_REMEMBERED_FAILURES + 1 }, () => 0),
];

type Mutation = { kind: 'remove' } | { kind: 'add'; key: string } | { kind: 'set'; value: unknown };

function mutate(file: unknown, path: (string | number)[], mutation: Mutation): unknown {
  const copy = structuredClone(file) as Record<string | number, unknown>;
  if (mutation.kind === 'add') {
    const parents = [[], ...paths(copy)].map((p) => p).filter((p) => {
      const target = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy);
      return typeof target === 'object' && target !== null && !Array.isArray(target);
    });
    const parent = parents[path.length % parents.length] as (string | number)[];
    const target = parent.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy) as Record<string, unknown>;
    target[mutation.key] = 0;
    return copy;
  }
  const last = path.at(-1) as string | number;
  const parent = path.slice(0, -1).reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  if (mutation.kind === 'remove') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = mutation.value;
  return copy;
}

function compare(value: unknown): void {
  const reference = referenceSchema.safeParse(value);
  const checked = checkIdentityFile(value);
  expect(checked.ok, `${JSON.stringify(value).slice(0, 400)}\nreference: ${reference.success ? 'accepts' : reference.error.issues[0]?.message}`).toBe(reference.success);
  if (checked.ok && reference.success) expect(JSON.stringify(checked.data, null, 2)).toBe(JSON.stringify(reference.data, null, 2));
}

describe('the identity file check, against the zod schema it replaced', () => {
  it('accepts the files the kiosk writes, and reads them as the schema did', () => {
    for (const file of VALID) {
      expect(checkIdentityFile(file).ok).toBe(true);
      compare(file);
    }
    // The first epoch written as the number 1 reads as '', an absent sincePeriod as 0.
    const old = checkIdentityFile(VALID[2]);
    expect(old.ok && old.data.exports).toEqual({ epoch: '', lastSequence: 3, sincePeriod: 0 });
  });

  it('agrees on every single damage: each member removed, or set to each near miss', () => {
    let checked = 0;
    for (const file of VALID) {
      for (const path of paths(file)) {
        compare(mutate(file, path, { kind: 'remove' }));
        for (const value of NEAR_MISSES) compare(mutate(file, path, { kind: 'set', value }));
        checked += 1 + NEAR_MISSES.length;
      }
      for (let parent = 0; parent < 8; parent++) compare(mutate(file, Array.from({ length: parent }, () => 0), { kind: 'add', key: 'extra' }));
    }
    expect(checked).toBeGreaterThan(4000);
  });

  it('agrees on every damaged file: several members removed, added, or given another value', () => {
    const mutation = fc.oneof(
      fc.constant<Mutation>({ kind: 'remove' }),
      fc.string({ maxLength: 8 }).map<Mutation>((key) => ({ kind: 'add', key })),
      // Near misses most often: a bound off by one is the likeliest slip of a hand-written check.
      { arbitrary: fc.constantFrom(...NEAR_MISSES).map<Mutation>((value) => ({ kind: 'set', value })), weight: 4 },
      fc.jsonValue({ maxDepth: 2 }).map<Mutation>((value) => ({ kind: 'set', value: value as Json })),
    );
    fc.assert(
      fc.property(fc.nat(VALID.length - 1), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, at, mutations) => {
        let file = VALID[which];
        for (const m of mutations) {
          const all = paths(file);
          if (all.length === 0) break;
          file = mutate(file, all[at % all.length] as (string | number)[], m);
        }
        compare(file);
      }),
      { numRuns: 3000, seed: 13 },
    );
  });

  it('agrees on whatever JSON a damaged disk could hold instead', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => compare(value)), { numRuns: 500, seed: 13 });
  });

  it('writes members in the file order whatever order the object had, and nothing else', () => {
    const shuffled = Object.fromEntries(Object.entries(identity).reverse());
    expect(identityText(shuffled as typeof identity)).toBe(identityText(identity));
    expect(() => identityText({ ...identity, note: 'x' } as typeof identity)).toThrow(/unknown member "note"/);
    expect(parseIdentityText(identityText(identity))).toEqual({ ok: true, data: identity });
  });

  it('says which member is wrong, so that a damaged file can be understood', () => {
    const damaged = { ...identity, staff: { ...identity.staff, lockedUntilMs: -5 } };
    expect(checkIdentityFile(damaged)).toEqual({ ok: false, detail: 'staff.lockedUntilMs: outside 0..9007199254740991' });
  });

  it('reads a secret hash from the database mirror only when it is one', () => {
    expect(checkSecretHash(hash)).toEqual(hash);
    expect(checkSecretHash({ ...hash, params: { ...hash.params, N: 1 } })).toBeNull();
    expect(checkSecretHash({ ...hash, extra: true })).toBeNull();
    expect(checkSecretHash('hash')).toBeNull();
  });
});
