/**
 * `reperes simulate` + `reperes export` (issue 12, "Done when"), short run: the bundle's DSI
 * area table carries the non-response level, its DSI and illectronisme tables count partial
 * visits under their own `completion` code, and its age × illectronisme table reads INSEE
 * 2021 back by age band.
 *
 * 4,000 visits give about 500 to 1,100 visitors per age band: the tolerance here is the ±3
 * points of the calibration plus three standard errors of the band's sample (a binomial
 * proportion), so that the test checks the calibration and not the luck of one seed. The
 * strict ±3 points over 40,000 visits is test/stress/simulate-insee.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../shared/export/bundle';
import { INSEE_2021_ILLECTRONISME_TARGETS } from '../../shared/simulation/population';
import { simulatedBundle, type RateByAge } from '../harness/simulated-bundle';

let bundle: Bundle;
let rates: Record<string, RateByAge>;
let cleanup = () => {};

beforeAll(async () => {
  ({ bundle, rates, cleanup } = await simulatedBundle(4000, 12));
}, 240_000);
afterAll(() => cleanup());

describe('a bundle made by reperes simulate + reperes export', () => {
  it('is a questionnaire version 2 bundle whose DSI area table carries the non-response level', () => {
    expect(bundle.questionnaire.version).toBe('2.0.0');
    const levels = new Set(bundle.tables['dsiArea_level_ageBand']?.cells.map((c) => c['dsiAreaLevel']));
    expect(levels).toContain('notDetermined');
    expect(new Set(bundle.tables['month_ageBand_dsiCategory']?.cells.map((c) => c['dsiCategory']))).toContain('notDetermined');
    expect(new Set(bundle.tables['ageBand_completion_illectronisme']?.cells.map((c) => c['illectronisme']))).toContain('unknown');
  });

  it('counts partial visits apart in the DSI and illectronisme tables', () => {
    for (const id of ['ageBand_completion_illectronisme', 'ageBand_completion_dsiCategory', 'month_completion_dsiCategory', 'commune_completion_dsiCategory']) {
      const completion = new Set(bundle.tables[id]?.cells.map((c) => c['completion']));
      expect([...completion].sort(), id).toEqual(['completed', 'partial']);
    }
    // Partial visits are abandoned ones: never more than the abandoned sessions of the export.
    const abandoned = (bundle.tables['month_status']?.cells ?? []).filter((c) => c['status'] === 'abandoned').reduce((s, c) => s + c.count, 0);
    const partial = (bundle.tables['ageBand_completion_illectronisme']?.cells ?? []).filter((c) => c['completion'] === 'partial').reduce((s, c) => s + c.count, 0);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThanOrEqual(abandoned);
  });

  it('counts item non-response per question, "je ne sais pas" and "je préfère ne pas répondre" apart', () => {
    const cells = bundle.tables['item_response_status']?.cells ?? [];
    const dk = cells.filter((c) => c['item'] === 'actContent-SPREADSHEET' && c['itemResponse'] === 'DK');
    expect(dk.reduce((s, c) => s + c.count, 0)).toBeGreaterThan(0);
    expect(cells.some((c) => c['itemResponse'] === 'REF')).toBe(true);
  });

  it.each(Object.entries(INSEE_2021_ILLECTRONISME_TARGETS) as [string, number][])('%s reads INSEE 2021 (%i %%) back', (age, target) => {
    const r = rates[age];
    expect(r, age).toBeDefined();
    const n = (r?.yes ?? 0) + (r?.no ?? 0);
    const p = target / 100;
    const se = 100 * Math.sqrt((p * (1 - p)) / n);
    expect(Math.abs((r?.rate ?? Number.NaN) - target), `${age}: ${r?.rate.toFixed(1)} % of ${n}`).toBeLessThanOrEqual(3 + 3 * se);
  });
});
