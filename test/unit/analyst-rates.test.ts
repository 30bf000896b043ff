/**
 * Confidence intervals and age standardisation (shared/analyst/rates.ts), against numbers
 * worked by hand here, step by step, so a wrong formula cannot pass.
 */
import { describe, expect, it } from 'vitest';
import { FRANCE_15_PLUS_2021, STANDARD_POPULATION_CENSUS_2021 } from '../../shared/analyst/references';
import { standardised, wilson } from '../../shared/analyst/rates';

const z = 1.96;

describe('Wilson interval', () => {
  it('matches the hand computation for 5 of 20', () => {
    // p = 0.25, z² = 3.8416; 1 + z²/n = 1.19208; centre = (0.25 + 3.8416/40) / 1.19208 = 0.34604 / 1.19208 = 0.290283
    // half = 1.96 · √(0.25·0.75/20 + 3.8416/1600) / 1.19208 = 1.96 · √(0.009375 + 0.002401) / 1.19208 = 0.178426
    const ci = wilson(5, 20, z);
    expect(ci.estimate).toBe(0.25);
    expect(ci.low).toBeCloseTo(0.290283 - 0.178426, 5);
    expect(ci.high).toBeCloseTo(0.290283 + 0.178426, 5);
  });

  it('stays inside [0, 1] at 0 and n, where the normal approximation has zero width', () => {
    // 0 of 10: upper limit z² / (n + z²) = 3.8416 / 13.8416 = 0.277540
    const none = wilson(0, 10, z);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.27754, 5);
    const all = wilson(10, 10, z);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(1 - 0.27754, 5);
  });

  it('refuses impossible counts', () => {
    expect(() => wilson(3, 0)).toThrow();
    expect(() => wilson(4, 3)).toThrow();
  });
});

describe('directly standardised share (MOVER-Wilson)', () => {
  it('weights the band shares by the standard population and combines the band limits', () => {
    // Two bands, weights 3 : 1 → 0.75 and 0.25. Band A: 5 of 20 (0.25), band B: 0 of 10 (0).
    // S = 0.75·0.25 + 0.25·0 = 0.1875.
    // Band limits: A [0.111857, 0.468709], B [0, 0.277540].
    // L = S − √((0.75·(0.25 − 0.111857))² + (0.25·0)²) = 0.1875 − 0.103607 = 0.083893
    // U = S + √((0.75·(0.468709 − 0.25))² + (0.25·0.277540)²) = 0.1875 + √(0.026906 + 0.004814) = 0.1875 + 0.178101 = 0.365601
    const s = standardised([{ x: 5, n: 20, weight: 3 }, { x: 0, n: 10, weight: 1 }], z);
    expect(s?.estimate).toBeCloseTo(0.1875, 10);
    expect(s?.low).toBeCloseTo(0.083893, 4);
    expect(s?.high).toBeCloseTo(0.365601, 4);
  });

  it('equals the crude share when the sample already has the standard structure', () => {
    // 10 of 40 and 30 of 60 with weights 40 : 60: standardised = crude = 40/100.
    const s = standardised([{ x: 10, n: 40, weight: 40 }, { x: 30, n: 60, weight: 60 }]);
    expect(s?.estimate).toBeCloseTo(0.4, 12);
  });

  it('is not computed when a band has no visit', () => {
    expect(standardised([{ x: 1, n: 5, weight: 1 }, { x: 0, n: 0, weight: 1 }])).toBeNull();
  });

  it('uses INSEE RP2021 (15 or over, France entière) with the two census groups split by width', () => {
    const c = STANDARD_POPULATION_CENSUS_2021;
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    // The table's « Ensemble » is 55,559,017: census figures are weighted, then rounded group by group.
    expect(Math.abs(total - 55_559_017)).toBeLessThanOrEqual(1);
    const bands = FRANCE_15_PLUS_2021.byAgeBand;
    expect(bands['A15_24']).toBe(4_164_063 + 3_819_841);
    expect(bands['A40_59']).toBe(13_104_453 + 8_538_467 / 2);
    expect(bands['A75_PLUS']).toBeCloseTo(9_722_536 / 3 + 4_101_248, 6);
    expect(Object.values(bands).reduce((a, b) => a + b, 0)).toBeCloseTo(total, 3);
  });
});
