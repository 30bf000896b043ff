/**
 * The simulated population (shared/simulation/population.ts), tried as a statistician would:
 * - calibration: the illectronisme rate an analyst reads by default (completed and partial
 *   visits, "unknown" set aside), scored by the real rules, matches INSEE 2021 by age band
 *   within ±3 points on 60,000 model visitors; 40–59 has no target, and none is invented;
 * - it is a population, not coin flips: one latent skill drives every answer, so items
 *   hang together, advanced spreadsheet implies spreadsheet, and abandonment, "je ne sais
 *   pas" and exercise failures concentrate at low skill;
 * - the drawing follows the documented curves: the share of non-users by age band equals the
 *   model's integral, computed here by quadrature independently of the drawing code.
 * (The same rates read back from a bundle made by `reperes simulate` + `reperes export`:
 * test/unit/simulate-export.test.ts on a short run, test/stress/simulate-insee.test.ts on a long one.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { completionOf, illectronismeCode } from '../../shared/export/tables';
import { scoreSession, type Scores } from '../../shared/scoring';
import {
  AGE_BANDS,
  Draw,
  INSEE_2021_ILLECTRONISME_TARGETS,
  POPULATION_MODEL,
  abandonProbability,
  drawActivities,
  drawVisitor,
  internetUseProbability,
  recordedVisit,
  type AgeBand,
  type Visitor,
} from '../../shared/simulation/population';

const PEOPLE = 60_000;

interface Drawn {
  visitor: Visitor;
  status: 'completed' | 'abandoned';
  scores: Scores;
}

let people: Drawn[];

beforeAll(() => {
  const draw = Draw.seeded(2021);
  people = Array.from({ length: PEOPLE }, () => {
    const visitor = drawVisitor(draw, ['fr']);
    const visit = recordedVisit(visitor);
    return { visitor, status: visit.status, scores: scoreSession(visit.answers, visit.exercises) };
  });
}, 60_000);

/** Standard normal density and a plain quadrature over θ (±8 σ, 4,000 steps). */
function expectation(mean: number, f: (theta: number) => number): number {
  const steps = 4000;
  const lo = mean - 8;
  const h = 16 / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const theta = lo + i * h;
    const w = i === 0 || i === steps ? 0.5 : 1;
    sum += w * f(theta) * Math.exp(-((theta - mean) ** 2) / 2) / Math.sqrt(2 * Math.PI);
  }
  return sum * h;
}

describe('calibration on INSEE 2021 (Insee Première n°1953)', () => {
  it('has targets for 15–24, 25–39, 60–74 and 75+ only: the 40–59 figure was not found', () => {
    expect(INSEE_2021_ILLECTRONISME_TARGETS).toEqual({ A15_24: 2, A25_39: 4, A60_74: 24, A75_PLUS: 62 });
    expect(INSEE_2021_ILLECTRONISME_TARGETS).not.toHaveProperty('A40_59');
  });

  it.each(Object.entries(INSEE_2021_ILLECTRONISME_TARGETS) as [AgeBand, number][])(
    '%s: the default reading (completed + partial, unknown aside) is within 3 points of %i percent',
    (age, target) => {
      // The answered age band, as exported (2 % refuse to say theirs).
      const counted = people.filter((p) => p.visitor.answers['ageBand'] === age && completionOf({ status: p.status, scores: p.scores }) !== null);
      const yes = counted.filter((p) => illectronismeCode(p.scores) === 'YES').length;
      const no = counted.filter((p) => illectronismeCode(p.scores) === 'NO').length;
      const rate = (100 * yes) / (yes + no);
      expect(yes + no).toBeGreaterThan(5000);
      expect(Math.abs(rate - target), `${age}: ${rate.toFixed(1)} % for ${target} %`).toBeLessThanOrEqual(3);
    },
  );

  it('places 40–59 between its neighbours without a target of its own', () => {
    const m = POPULATION_MODEL.skillMean;
    expect(m.A40_59).toBeLessThan(m.A25_39);
    expect(m.A40_59).toBeGreaterThan(m.A60_74);
  });

  it('counting completed visits only reads less illectronisme than counting partial ones too (the bias the default corrects)', () => {
    const rate = (keep: (p: Drawn) => boolean) => {
      const kept = people.filter(keep).filter((p) => illectronismeCode(p.scores) !== 'unknown');
      return kept.filter((p) => illectronismeCode(p.scores) === 'YES').length / kept.length;
    };
    const completedOnly = rate((p) => p.status === 'completed');
    const withPartial = rate((p) => completionOf({ status: p.status, scores: p.scores }) !== null);
    expect(withPartial).toBeGreaterThan(completedOnly);
  });
});

describe('one latent skill per person', () => {
  const users = () => people.filter((p) => p.visitor.user);

  it('draws the share of internet users by age band that the documented curve gives', () => {
    for (const age of AGE_BANDS) {
      const ofAge = people.filter((p) => p.visitor.ageBand === age);
      const expected = expectation(POPULATION_MODEL.skillMean[age], internetUseProbability);
      const observed = ofAge.filter((p) => p.visitor.user).length / ofAge.length;
      // 4 standard errors of a proportion.
      const se = Math.sqrt((expected * (1 - expected)) / ofAge.length);
      expect(Math.abs(observed - expected), `${age}: ${observed} vs ${expected}`).toBeLessThan(4 * se);
    }
  });

  it('never lets someone use advanced spreadsheet functions without a spreadsheet', () => {
    const draw = Draw.seeded(5);
    let advanced = 0;
    for (let i = 0; i < 20_000; i++) {
      const done = drawActivities(draw, -2 + (4 * i) / 20_000);
      if (done['actContent']?.['SPREADSHEET_ADVANCED']) {
        advanced += 1;
        expect(done['actContent']['SPREADSHEET']).toBe(true);
      }
    }
    expect(advanced).toBeGreaterThan(500);
    // As answered: "Oui" to advanced functions comes with "Oui" or "Je ne sais pas" to the spreadsheet, never "Non".
    for (const p of users()) {
      const rows = p.visitor.answers['actContent'];
      if (typeof rows === 'object' && !Array.isArray(rows) && (rows as Record<string, string>)['SPREADSHEET_ADVANCED'] === 'YES') {
        expect((rows as Record<string, string>)['SPREADSHEET']).not.toBe('NO');
      }
    }
  });

  it('makes the areas hang together (not independent coin flips within a group)', () => {
    // Among regular users only (the old model's tier), content-creation basic goes with safety basic.
    const regular = users().filter((p) => p.visitor.group === 'regular' && p.status === 'completed');
    const at = (p: Drawn, area: 'contentCreation' | 'safety') => p.scores.dsi.areas?.[area] === 'basic' || p.scores.dsi.areas?.[area] === 'aboveBasic';
    const withContent = regular.filter((p) => at(p, 'contentCreation'));
    const withoutContent = regular.filter((p) => p.scores.dsi.areas?.contentCreation === 'none');
    const share = (list: Drawn[]) => list.filter((p) => at(p, 'safety')).length / list.length;
    // Independent coin flips would give no difference; one skill gives a clear positive one
    // (more than 4 standard errors of a difference of two proportions).
    const [a, b] = [share(withContent), share(withoutContent)];
    const se = Math.sqrt((a * (1 - a)) / withContent.length + (b * (1 - b)) / withoutContent.length);
    expect(a - b).toBeGreaterThan(4 * se);
  });

  it('makes abandonment, "je ne sais pas" and failed exercises more likely at low skill', () => {
    const sorted = [...people].sort((a, b) => a.visitor.theta - b.visitor.theta);
    const quarter = Math.floor(sorted.length / 4);
    const low = sorted.slice(0, quarter);
    const high = sorted.slice(-quarter);
    const abandoned = (list: Drawn[]) => list.filter((p) => p.status === 'abandoned').length / list.length;
    expect(abandoned(low)).toBeGreaterThan(1.5 * abandoned(high));
    const dkShare = (list: Drawn[]) => {
      let dk = 0;
      let rows = 0;
      for (const p of list) {
        if (!p.visitor.user) continue;
        for (const id of ['actInformation', 'actCommunication', 'actContent', 'actSafety', 'actProblemSolving']) {
          const r = p.visitor.answers[id];
          if (typeof r !== 'object' || Array.isArray(r)) continue;
          for (const v of Object.values(r as Record<string, string>)) {
            rows += 1;
            if (v === 'DK') dk += 1;
          }
        }
      }
      return dk / rows;
    };
    expect(dkShare(low)).toBeGreaterThan(2 * dkShare(high));
    const success = (list: Drawn[]) => {
      const tried = list.flatMap((p) => Object.values(p.visitor.exercises)).filter((e) => e.outcome !== 'SKIPPED');
      return tried.filter((e) => e.outcome === 'SUCCESS').length / tried.length;
    };
    expect(success(high) - success(low)).toBeGreaterThan(0.2);
  });

  it('keeps the average abandonment at the requested rate', () => {
    const share = people.filter((p) => p.visitor.leavesAt !== null).length / people.length;
    expect(Math.abs(share - POPULATION_MODEL.abandon.defaultRate)).toBeLessThan(0.01);
    expect(abandonProbability(5, 0)).toBe(0);
    expect(abandonProbability(5, 1)).toBe(1);
  });

  it('sends some internet users to "Non" and catches most smartphone owners among them on the confirmation screen', () => {
    const saidNo = users().filter((p) => p.visitor.answers['internetUse'] === 'NOT_IN_3_MONTHS');
    expect(saidNo.length).toBeGreaterThan(100);
    const owners = saidNo.filter((p) => p.visitor.answers['smartphone'] === 'YES');
    const found = owners.filter((p) => p.visitor.answers['internetUseCheck'] === 'USED').length;
    expect(found / owners.length).toBeGreaterThan(0.7);
  });
});
