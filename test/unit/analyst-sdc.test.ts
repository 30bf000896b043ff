/**
 * Disclosure control by intervals (shared/analyst/sdc/): the worked example, a
 * property test that attacks random publications with HiGHS, and the whole publication's
 * model against the dashboard it protects.
 */
import fc from 'fast-check';
import highsLoader, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { protectList } from '../../shared/analyst/disclosure';
import { protectModel, protectionLevel, protects } from '../../shared/analyst/sdc/intervals';
import { ModelBuilder } from '../../shared/analyst/sdc/model';
import { attack } from '../harness/sdc-attack';
import { randomModel, randomPublication } from '../harness/sdc-random';

let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

/** One list of categories with its total, as a model: one atom per category. */
function listModel(values: readonly number[]) {
  const m = new ModelBuilder();
  values.forEach((v, i) => m.add(`c${i}`, v));
  m.table('list', values.length, 1, (i) => [m.atom(`c${i}`)]);
  return m.build();
}

describe('disclosure control by intervals', () => {
  // The DSI table of the issue: published categories 52 of 58; the hidden ones hold 2, 3, 1.
  const values = [30, 22, 0, 2, 3, 1];
  const K = 5;

  it('the table-by-table rule leaves every hidden category of the worked example pinned below k', () => {
    const old = protectList(values, K);
    expect(old.values).toEqual([30, 22, 0, null, null, null]);
    expect(old.total).toBe(58);
    const model = listModel(values);
    // Figures of the list model: the six categories, then the total.
    const known = [...old.values, old.total];
    expect(known).toHaveLength(model.figures.length);
    const found = attack(highs, model, known, K);
    // 58 − 52 = 6 over three hidden categories each ≥ 1 (zeros are published): each is 1 to 4.
    expect(found.map((f) => f.interval)).toEqual([
      { min: 1, max: 4 },
      { min: 1, max: 4 },
      { min: 1, max: 4 },
    ]);
    expect(found.every((f) => !protects(f.interval, K))).toBe(true);
  });

  it('the interval rule hides one more category, and then no hidden one is pinned or below k', () => {
    const model = listModel(values);
    const { hidden } = protectModel(model, K, highs);
    // The smallest published non-zero category the bounds rest on: 22. Zeros stay published.
    expect(hidden).toEqual([false, true, false, true, true, true, false]);
    const found = attack(highs, model, model.figures.map((f, i) => (hidden[i] ? null : f.value)), K);
    expect(found).toHaveLength(4);
    for (const f of found) {
      expect(f.interval.max).toBeGreaterThanOrEqual(K);
      expect(f.interval.max - f.interval.min).toBeGreaterThanOrEqual(protectionLevel(K));
    }
  });

  it('publishes a table whose counts are all 0 or at least k untouched', () => {
    const model = listModel([12, 0, 7, 5]);
    expect(protectModel(model, K, highs).hidden.every((h) => !h)).toBe(true);
  });

  it('property: an attacker with the same solver finds no hidden figure pinned or with a range under k', () => {
    fc.assert(
      fc.property(randomPublication(3), fc.integer({ min: 3, max: 6 }), (publication, k) => {
        const model = randomModel(publication);
        const { hidden, withheld } = protectModel(model, k, highs);
        if (withheld) return; // nothing published at all
        const known = model.figures.map((f, i) => (hidden[i] ? null : f.value));
        for (const f of attack(highs, model, known, k)) {
          expect(f.interval.max, `figure ${f.figure} of ${JSON.stringify(publication)}`).toBeGreaterThanOrEqual(k);
          expect(f.interval.max - f.interval.min).toBeGreaterThanOrEqual(protectionLevel(k));
        }
        // Every count from 1 to k − 1 is hidden; zeros are published.
        model.figures.forEach((f, i) => {
          if (f.value >= 1 && f.value < k) expect(hidden[i]).toBe(true);
          if (f.value === 0) expect(hidden[i]).toBe(false);
        });
      }),
      { numRuns: 8, seed: 14 },
    );
  }, 60_000);
});
