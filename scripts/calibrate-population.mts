/**
 * Finds the skill means (μ by age band) of the simulated population (shared/simulation/
 * population.ts) for which the illectronisme rate an analyst reads by default — completed and
 * partial visits, "unknown" set aside — matches INSEE 2021 by age band. Prints the means to
 * copy into `POPULATION_MODEL.skillMean`, and the rates they give.
 *
 *   node --import tsx scripts/calibrate-population.mts [--people 40000] [--seed 7]
 *
 * Bisection per age band on μ with common random numbers (the same seed for every trial), a
 * few rounds because the abandonment's normalisation depends on every band's μ. 40–59 has no
 * target (INSEE's figure was not found): its μ is set halfway between 25–39 and 60–74.
 */
import { parseArgs } from 'node:util';
import { completionOf, illectronismeCode } from '../shared/export/tables';
import { scoreSession } from '../shared/scoring';
import { AGE_BANDS, Draw, INSEE_2021_ILLECTRONISME_TARGETS, POPULATION_MODEL, drawVisitor, recordedVisit, type AgeBand } from '../shared/simulation/population';

const { values } = parseArgs({ options: { people: { type: 'string', default: '40000' }, seed: { type: 'string', default: '7' } } });
const people = Number(values.people);
const seed = Number(values.seed);

/**
 * The rate an analyst reads by default for one age band, in percent (completed + partial
 * visits, "unknown" aside), or with `completedOnly` the rate of completed visits alone.
 */
export function measuredRate(age: AgeBand, skillMean: Record<AgeBand, number>, n: number, seedValue: number, completedOnly = false): number {
  const draw = Draw.seeded(seedValue);
  let yes = 0;
  let no = 0;
  for (let i = 0; i < n; i++) {
    const visitor = drawVisitor(draw, ['fr'], { ageBand: age, skillMean });
    const visit = recordedVisit(visitor);
    const scores = scoreSession(visit.answers, visit.exercises);
    const completion = completionOf({ status: visit.status, scores });
    if (completion === null || (completedOnly && completion !== 'completed')) continue;
    const flag = illectronismeCode(scores);
    if (flag === 'YES') yes += 1;
    else if (flag === 'NO') no += 1;
  }
  return (100 * yes) / (yes + no);
}

const means: Record<AgeBand, number> = { ...POPULATION_MODEL.skillMean };
for (let round = 0; round < 3; round++) {
  for (const age of AGE_BANDS) {
    const target = INSEE_2021_ILLECTRONISME_TARGETS[age];
    if (target === undefined) continue;
    let lo = -4;
    let hi = 4;
    for (let step = 0; step < 18; step++) {
      const mid = (lo + hi) / 2;
      // A higher μ gives a lower rate.
      if (measuredRate(age, { ...means, [age]: mid }, people, seed) > target) lo = mid;
      else hi = mid;
    }
    means[age] = Math.round(((lo + hi) / 2) * 100) / 100;
  }
  means.A40_59 = Math.round(((means.A25_39 + means.A60_74) / 2) * 100) / 100;
  console.log(`round ${round + 1}: ${JSON.stringify(means)}`);
}
for (const age of AGE_BANDS) {
  const target = INSEE_2021_ILLECTRONISME_TARGETS[age];
  const rate = measuredRate(age, means, people, seed + 1).toFixed(1);
  const completedOnly = measuredRate(age, means, people, seed + 1, true).toFixed(1);
  console.log(`${age}: μ ${means[age]}, rate ${rate} % (target ${target ?? 'none: not found'}); completed visits only: ${completedOnly} %`);
}
