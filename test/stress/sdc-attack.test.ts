/**
 * The long version of the interval property test (test/unit/analyst-sdc.test.ts): more and
 * bigger random publications, each attacked with HiGHS (exact integer bounds of every hidden
 * figure, a fresh solver model): no hidden figure below k or with a range narrower than k.
 */
import fc from 'fast-check';
import highsLoader from 'highs';
import { expect, it } from 'vitest';
import { protectModel, protectionLevel } from '../../shared/analyst/sdc/intervals';
import { attack } from '../harness/sdc-attack';
import { randomModel, randomPublication } from '../harness/sdc-random';

it('random publications: an attacker with the same solver pins no hidden figure and finds none under k', async () => {
  const highs = await highsLoader();
  fc.assert(
    fc.property(randomPublication(5), fc.integer({ min: 3, max: 8 }), (publication, k) => {
      const model = randomModel(publication);
      const { hidden, withheld } = protectModel(model, k, highs);
      if (withheld) return;
      for (const f of attack(highs, model, model.figures.map((x, i) => (hidden[i] ? null : x.value)), k)) {
        expect(f.interval.max, JSON.stringify(publication)).toBeGreaterThanOrEqual(k);
        expect(f.interval.max - f.interval.min).toBeGreaterThanOrEqual(protectionLevel(k));
      }
    }),
    { numRuns: 400, seed: 1414 },
  );
}, 1_800_000);
