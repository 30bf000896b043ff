/**
 * canonicalJson's bytes are what export bundles hash and sign: an analyst's copy of an old
 * bundle must still verify, and a re-issued export must stay byte for byte. The fast writer is
 * checked against the definition it replaced (keys sorted by code unit, each value written
 * recursively), on arbitrary JSON and on the awkward keys engines reorder.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical';

/** The recursive definition, as the project wrote it before the fast path. */
function reference(value: unknown): string {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  throw new Error(`canonicalJson: cannot serialise ${typeof value}`);
}

const awkwardKey = fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '1', '10', '2', '01', '-1', '4294967294', '4294967295', 'constructor', 'é', '\u{1F600}', '\uD800', ''));
const awkwardJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.string(), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(awkwardKey, fc.oneof(tie('value'), fc.constant(undefined)), { maxKeys: 6 }),
})).value;

describe('canonicalJson', () => {
  it('writes the same bytes as the recursive definition, whatever the keys and values', () => {
    fc.assert(
      fc.property(awkwardJson, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts keys by code unit, keeps "__proto__" and index keys as members, drops undefined members', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"x":[2,{"10":1,"9":2,"a":3}]},"a":null,"Z":true}') as Record<string, unknown>;
    parsed.gone = undefined;
    expect(canonicalJson(parsed)).toBe('{"Z":true,"__proto__":{"x":[2,{"10":1,"9":2,"a":3}]},"a":null,"b":1}');
    expect(canonicalJson({ é: 1, z: 2, '\u{1F600}': 3, '\uFFFF': 4 })).toBe('{"z":2,"é":1,"\u{1F600}":3,"\uFFFF":4}');
  });

  it('refuses what JSON cannot carry instead of writing null', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson([1, Infinity])).toThrow(/non-finite/);
    expect(() => canonicalJson([undefined])).toThrow(/cannot serialise undefined/);
    expect(() => canonicalJson({ a: 10n })).toThrow(/cannot serialise bigint/);
  });
});
