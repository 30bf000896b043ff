/**
 * The attacker of the disclosure tests: given what is published (a value, `null` for hidden,
 * `undefined` for not published at all) and the relations an outsider knows, the range of
 * every hidden figure, by integer programming on a fresh HiGHS model (nothing shared with the
 * protection's run, and no true count used).
 *
 * Each end of a range is either exact (the LP optimum when it is a whole vector, hence the
 * integer optimum; else a MIP optimum) or, to save solves, the value of that figure in an
 * integer solution found for another figure, once those solutions already show a range
 * reaching k and at least k wide: the exact range contains it, so the verdict is the same.
 */
import type { Highs } from 'highs';
import { Polytope, protects, type Interval } from '../../shared/analyst/sdc/intervals';
import type { DisclosureModel } from '../../shared/analyst/sdc/model';

export interface Finding {
  figure: number;
  interval: Interval;
}

export function attack(highs: Highs, model: Pick<DisclosureModel, 'truth' | 'figures' | 'constraints'>, known: readonly (number | null | undefined)[], k: number): Finding[] {
  const polytope = new Polytope(highs, model, known);
  const hidden = known.flatMap((v, i) => (v === null ? [i] : []));
  const lo = new Map<number, number>();
  const hi = new Map<number, number>();
  const witness = (atoms: readonly number[] | null) => {
    if (!atoms) return;
    for (const f of hidden) {
      const v = (model.figures[f]?.atoms ?? []).reduce((s, a) => s + (atoms[a] as number), 0);
      lo.set(f, Math.min(lo.get(f) ?? Infinity, v));
      hi.set(f, Math.max(hi.get(f) ?? -Infinity, v));
    }
  };
  const exact = (f: number, sense: 'max' | 'min'): number => {
    const lp = polytope.optimum(f, sense, false);
    if (lp.bound === Infinity) return Infinity;
    if (lp.solution) {
      witness(lp.solution);
      return Math.round(lp.bound);
    }
    const mip = polytope.optimum(f, sense, true);
    witness(mip.solution);
    return mip.bound;
  };
  try {
    return hidden.map((figure) => {
      const seen = (): Interval | null => {
        const interval = { min: lo.get(figure) ?? Infinity, max: hi.get(figure) ?? -Infinity };
        return protects(interval, k) ? interval : null;
      };
      const early = seen();
      if (early) return { figure, interval: early };
      const max = exact(figure, 'max');
      const middle = seen();
      if (middle) return { figure, interval: middle };
      return { figure, interval: { min: exact(figure, 'min'), max } };
    });
  } finally {
    polytope.dispose();
  }
}
