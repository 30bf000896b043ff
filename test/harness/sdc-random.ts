/**
 * Random publications for the disclosure property tests: a three-way source table
 * (a × b × c atoms of small counts, many zeros) published as its a × b and b × c marginal
 * tables with their margins, and a second source tied to it by an equation per value of b
 * (the same visits counted in two export tables), published as a b × d table.
 */
import fc from 'fast-check';
import { ModelBuilder, type DisclosureModel } from '../../shared/analyst/sdc/model';

export interface RandomPublication {
  a: number;
  b: number;
  c: number;
  d: number;
  cube: number[];
  /** Second source: per b, counts over d that add up to the cube's slice b. */
  split: number[][];
}

const count = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 20 }));

export const randomPublication = (max = 4): fc.Arbitrary<RandomPublication> =>
  fc
    .record({ a: fc.integer({ min: 1, max }), b: fc.integer({ min: 1, max }), c: fc.integer({ min: 1, max }), d: fc.integer({ min: 2, max: 3 }) })
    .chain(({ a, b, c, d }) =>
      fc.record({
        a: fc.constant(a),
        b: fc.constant(b),
        c: fc.constant(c),
        d: fc.constant(d),
        cube: fc.array(count, { minLength: a * b * c, maxLength: a * b * c }),
        cuts: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: d - 1, maxLength: d - 1 }), { minLength: b, maxLength: b }),
      }),
    )
    .map(({ a, b, c, d, cube, cuts }) => {
      const split = Array.from({ length: b }, (_, j) => {
        let slice = 0;
        for (let i = 0; i < a; i++) for (let l = 0; l < c; l++) slice += cube[(i * b + j) * c + l] as number;
        const parts = (cuts[j] as number[]).map((u) => Math.min(slice, Math.floor(u * (slice + 1)))).sort((x, y) => x - y);
        return [...parts, slice].map((p, q) => p - (q === 0 ? 0 : (parts[q - 1] as number)));
      });
      return { a, b, c, d, cube, split };
    });

export function randomModel(p: RandomPublication): DisclosureModel {
  const m = new ModelBuilder();
  const x = (i: number, j: number, l: number) => m.atom(`x|${i}|${j}|${l}`);
  const y = (j: number, q: number) => m.atom(`y|${j}|${q}`);
  for (let i = 0; i < p.a; i++) for (let j = 0; j < p.b; j++) for (let l = 0; l < p.c; l++) m.add(`x|${i}|${j}|${l}`, p.cube[(i * p.b + j) * p.c + l] as number);
  p.split.forEach((row, j) => row.forEach((v, q) => m.add(`y|${j}|${q}`, v)));
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const ab = m.table('ab', p.a, p.b, (i, j) => range(p.c).map((l) => x(i, j, l)));
  m.table('bc', p.b, p.c, (j, l) => range(p.a).map((i) => x(i, j, l)));
  const bd = m.table('bd', p.b, p.d, (j, q) => [y(j, q)]);
  for (let j = 0; j < p.b; j++) {
    m.relate(`slice ${j}`, range(p.a).flatMap((i) => range(p.c).map((l) => x(i, j, l))), range(p.d).map((q) => y(j, q)), 0, 0);
    m.group([ab.figures[p.a * p.b + p.a + j] as number, bd.figures[p.b * p.d + j] as number]);
  }
  return m.build();
}
