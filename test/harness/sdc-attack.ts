/**
 * The attacker of the disclosure tests: given what is published (a value, `null` for hidden,
 * `undefined` for not published at all) and the relations an outsider knows, the exact
 * interval of every hidden figure by integer programming (HiGHS, a fresh model, nothing shared
 * with the protection's run; each bound is the LP optimum when that optimum is a whole vector,
 * hence also the integer optimum, else a MIP solve).
 */
import type { Highs } from 'highs';
import { Polytope, type Interval } from '../../shared/analyst/sdc/intervals';
import type { DisclosureModel } from '../../shared/analyst/sdc/model';

export interface Finding {
  figure: number;
  interval: Interval;
}

export function attack(highs: Highs, model: Pick<DisclosureModel, 'truth' | 'figures' | 'constraints'>, known: readonly (number | null | undefined)[]): Finding[] {
  const polytope = new Polytope(highs, model, known);
  try {
    return known.flatMap((v, figure) => (v === null ? [{ figure, interval: polytope.interval(figure) }] : []));
  } finally {
    polytope.dispose();
  }
}
