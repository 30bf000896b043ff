/**
 * Disclosure control by intervals, checked by an exact solver (HiGHS).
 *
 * For a hidden figure, an outsider who reads every published figure of the model
 * (./model.ts) knows that the atoms are whole numbers ≥ 0, that each published figure equals
 * its sum, that each hidden figure is at least 1 (zeros are published, so a hidden figure is
 * not zero) and that the model's relations hold. The smallest and largest values the hidden
 * figure can take under these constraints are its interval [min, max], computed exactly by
 * integer programming (MIP). A hidden figure is protected when
 *
 *   max ≥ k   and   max − min ≥ protectionLevel(k) = k.
 *
 * Secondary suppression hides one more figure until every hidden figure is protected
 * (see `nextToHide` for the choice). Hiding a figure only removes a constraint ("= value"
 * becomes "≥ 1", which the true value meets), so intervals only widen: a figure found
 * protected stays protected, and each figure is checked until it passes.
 *
 * Keeping solver calls down:
 * - every integer solution found (the true counts first) is a "witness": the values it gives
 *   to every hidden figure lie inside their intervals, so a figure whose witnesses already
 *   span a wide enough range needs no solve;
 * - the LP relaxation is solved first: its bounds contain the integer ones (the relaxation
 *   has more solutions), so an LP bound that already fails decides without MIP; an LP optimum
 *   that is a whole vector is an integer solution, hence a witness;
 * - MIP only otherwise, and as a feasibility question ("is there an integer solution where
 *   this figure is at least max(k, min + level)?"), which HiGHS answers at its first solution
 *   instead of proving an optimum;
 * - atoms under a published zero are 0: they are left out of the solver.
 *
 * Pure apart from the injected solver (`highs` is passed in, loaded by the caller).
 */
import type { Highs } from 'highs';
import type { DisclosureModel } from './model';

/** The smallest width [min, max] of a hidden figure's interval: k. */
export const protectionLevel = (k: number): number => k;

const EPSILON = 1e-6;

export interface Interval {
  min: number;
  max: number;
}

/** Solver counts, for the bench and the tests of the call budget. */
export interface SolverStats {
  lp: number;
  mip: number;
}

type HighsModel = ReturnType<Highs['createModel']>;

/**
 * The polytope of one publication, kept in one HiGHS model: a column per atom, a row per
 * figure (bounds: = value when published, ≥ 1 when hidden, free when not published at
 * all), a row per relation.
 */
export class Polytope {
  private readonly model: HighsModel;
  /** Column of each atom, or -1 for an atom a published zero fixes at 0 (left out of the solver). */
  private readonly column: Int32Array;
  private readonly columns: number;
  readonly stats: SolverStats = { lp: 0, mip: 0 };
  private integral = true;

  constructor(
    private readonly highs: Highs,
    private readonly source: Pick<DisclosureModel, 'truth' | 'figures' | 'constraints'>,
    /** Per figure: its published value, `null` when hidden, `undefined` when not published. */
    known: readonly (number | null | undefined)[],
  ) {
    const zero = new Uint8Array(source.truth.length);
    source.figures.forEach((f, i) => {
      if (known[i] === 0) for (const a of f.atoms) zero[a] = 1;
    });
    this.column = new Int32Array(source.truth.length).fill(-1);
    let n = 0;
    zero.forEach((z, a) => {
      if (!z) this.column[a] = n++;
    });
    this.columns = n;
    this.model = highs.createModel();
    try {
      // Presolve off and primal simplex: between two solves only the objective (or one row's
      // bounds) changes, so the previous basis stays primal feasible and is reused.
      this.model.options.set({ output_flag: false, mip_rel_gap: 0, presolve: 'off', simplex_strategy: 4 });
      if (n > 0) {
        this.model.addVars(new Float64Array(n), new Float64Array(n).fill(highs.infinity));
        this.setIntegral(true);
      }
      const entries = (terms: readonly (readonly [number, number])[]) => {
        const kept = terms.filter(([a]) => (this.column[a] as number) >= 0);
        return { indices: Int32Array.from(kept.map(([a]) => this.column[a] as number)), values: Float64Array.from(kept.map(([, v]) => v)) };
      };
      // Row i is figure i (hide() and the duals rely on it), then the relations.
      source.figures.forEach((f, i) => {
        const [lower, upper] = this.boundsOf(known[i]);
        this.model.addRow(lower, upper, entries(f.atoms.map((a) => [a, 1] as const)));
      });
      for (const c of source.constraints) {
        this.model.addRow(c.lower === -Infinity ? -highs.infinity : c.lower, c.upper === Infinity ? highs.infinity : c.upper, entries(c.terms));
      }
    } catch (error) {
      this.model.dispose();
      throw error;
    }
  }

  private boundsOf(known: number | null | undefined): [number, number] {
    if (known === undefined) return [0, this.highs.infinity];
    if (known === null) return [1, this.highs.infinity];
    return [known, known];
  }

  private setIntegral(integer: boolean): void {
    const n = this.columns;
    if (integer) this.model.changeColsIntegrality({ kind: 'range', from: 0, to: n - 1 }, new Int32Array(n).fill(this.highs.constants.variableType.integer));
    else this.model.clearIntegrality();
    this.integral = integer;
  }

  /** Runs HiGHS; the atoms of the optimum when they are whole numbers, else null. */
  private solve(integer: boolean): { status: 'optimal' | 'infeasible' | 'unbounded'; atoms: number[] | null } {
    if (integer !== this.integral) {
      // A MIP run leaves no simplex basis worth reusing: start the next solve afresh.
      this.model.clearSolver();
      this.setIntegral(integer);
      // The MIP solver needs its presolve; the LPs do better without (see the constructor).
      this.model.options.set({ presolve: integer ? 'on' : 'off' });
    }
    if (integer) this.stats.mip++;
    else this.stats.lp++;
    this.model.run();
    const status = this.model.getModelStatus();
    const s = this.highs.constants.modelStatus;
    if (status === s.infeasible) return { status: 'infeasible', atoms: null };
    if (status === s.unbounded || status === s.unboundedOrInfeasible) return { status: 'unbounded', atoms: null };
    if (status !== s.optimal) throw new Error(`the solver could not bound a hidden figure (HiGHS model status ${status})`);
    const values = this.model.getSolution().colValue;
    const whole = values.every((v) => Math.abs(v - Math.round(v)) < EPSILON);
    return { status: 'optimal', atoms: whole ? Array.from(this.column, (c) => (c < 0 ? 0 : Math.round(values[c] as number))) : null };
  }

  private objective(i: number | null, sense: 'max' | 'min'): boolean {
    const n = this.columns;
    const cost = new Float64Array(n);
    let any = false;
    if (i !== null) {
      for (const a of this.source.figures[i]?.atoms ?? []) {
        const c = this.column[a] as number;
        if (c >= 0) {
          cost[c] = 1;
          any = true;
        }
      }
    }
    if (n > 0) this.model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, cost);
    this.model.changeObjectiveSense(sense === 'max' ? this.highs.constants.objectiveSense.maximize : this.highs.constants.objectiveSense.minimize);
    return any;
  }

  /** Figure `i` is now hidden. */
  hide(i: number): void {
    this.model.changeRowBounds(i, 1, this.highs.infinity);
  }

  /**
   * The optimum of figure `i` (`sense` max or min). `integer` false: the LP relaxation's
   * bound (a valid outer bound). Returns the bound, the atoms of the optimum when they are
   * whole numbers (an integer solution), and the figures whose row has a non-zero dual value
   * (LP only: the bound rests on them). `Infinity` when unbounded above. Throws when the
   * published figures contradict each other (cannot happen for a publication made from counts).
   */
  optimum(i: number, sense: 'max' | 'min', integer: boolean): { bound: number; solution: number[] | null; binding: number[] } {
    if (!this.objective(i, sense)) return { bound: 0, solution: null, binding: [] };
    const result = this.solve(integer);
    if (result.status === 'unbounded' && sense === 'max') return { bound: Infinity, solution: null, binding: [] };
    if (result.status !== 'optimal') throw new Error(`the published figures admit no solution (${result.status})`);
    const bound = this.model.getObjectiveValue();
    const binding: number[] = [];
    if (!integer) {
      const duals = this.model.getSolution().rowDual;
      for (let f = 0; f < this.source.figures.length; f++) if (Math.abs(duals[f] ?? 0) > EPSILON) binding.push(f);
    }
    return { bound: integer ? Math.round(bound) : bound, solution: result.atoms, binding };
  }

  /**
   * An integer solution where hidden figure `i` lies in [lower, upper], or null when there is
   * none (proved by the LP relaxation, or by MIP). Zero objective: any feasible point will do.
   */
  probe(i: number, lower: number, upper: number): number[] | null {
    this.objective(null, 'max');
    this.model.changeRowBounds(i, Math.max(1, lower), upper === Infinity ? this.highs.infinity : upper);
    try {
      const lp = this.solve(false);
      if (lp.status === 'infeasible') return null;
      if (lp.atoms) return lp.atoms;
      const mip = this.solve(true);
      if (mip.status === 'infeasible') return null;
      if (!mip.atoms) throw new Error('the MIP solver returned no whole solution');
      return mip.atoms;
    } finally {
      this.model.changeRowBounds(i, 1, this.highs.infinity);
    }
  }

  /**
   * The exact optimum of figure `i`: the LP relaxation's optimum when it is a whole vector
   * (then it is also the integer optimum), else the MIP optimum.
   */
  exact(i: number, sense: 'max' | 'min'): number {
    const lp = this.optimum(i, sense, false);
    if (lp.bound === Infinity) return Infinity;
    if (lp.solution) return Math.round(lp.bound);
    return this.optimum(i, sense, true).bound;
  }

  /** The exact interval of figure `i`. */
  interval(i: number): Interval {
    return { min: this.exact(i, 'min'), max: this.exact(i, 'max') };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Whether an interval protects a hidden figure at threshold k. */
export const protects = (interval: Interval, k: number): boolean => interval.max >= k && interval.max - interval.min >= protectionLevel(k);

export interface Protection {
  /** Per figure of the model: hidden or published. */
  hidden: boolean[];
  stats: SolverStats;
  /** True when some hidden figure could not be protected even with every non-zero figure hidden. */
  withheld: boolean;
}

/**
 * Chooses the published figure to hide next when figure `u` is exposed: the figures tied to
 * `u` by one relation (a line of a table, the same visits in two tables), then the figures
 * tied to those of them that are hidden, and so on; at the first distance holding a published
 * non-zero figure, the smallest one (least information lost), ties to the first in model
 * order (tables in publication order, interior cells before margins). Deterministic.
 */
export function nextToHide(model: Pick<DisclosureModel, 'figures' | 'groups'>, hidden: readonly boolean[], u: number, groupsOf: readonly (readonly number[])[]): number | null {
  const seen = new Set<number>([u]);
  const seenGroups = new Set<number>();
  let frontier = [u];
  const better = (a: number, b: number) => {
    const va = model.figures[a]?.value as number;
    const vb = model.figures[b]?.value as number;
    return va < vb || (va === vb && a < b);
  };
  while (frontier.length > 0) {
    let best = -1;
    const next: number[] = [];
    for (const f of frontier) {
      for (const g of groupsOf[f] ?? []) {
        if (seenGroups.has(g)) continue;
        seenGroups.add(g);
        for (const m of model.groups[g] ?? []) {
          if (seen.has(m)) continue;
          seen.add(m);
          if (hidden[m]) next.push(m);
          else if ((model.figures[m]?.value as number) > 0 && (best === -1 || better(m, best))) best = m;
        }
      }
    }
    if (best !== -1) return best;
    frontier = next;
  }
  let best = -1;
  model.figures.forEach((f, i) => {
    if (!hidden[i] && f.value > 0 && (best === -1 || better(i, best))) best = i;
  });
  return best === -1 ? null : best;
}

/** Primary suppression (1 to k − 1), then secondary suppression until every hidden figure is protected. */
export function protectModel(model: DisclosureModel, k: number, highs: Highs): Protection {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a whole number ≥ 1, got ${k}`);
  const hidden = model.figures.map((f) => f.value >= 1 && f.value < k);
  const groupsOf: number[][] = model.figures.map(() => []);
  model.groups.forEach((g, gi) => g.forEach((f) => groupsOf[f]?.push(gi)));
  const lo = model.figures.map((f) => f.value);
  const hi = model.figures.map((f) => f.value);
  const witness = (atoms: readonly number[]) => {
    model.figures.forEach((f, i) => {
      if (!hidden[i]) return;
      const v = f.atoms.reduce((s, a) => s + (atoms[a] as number), 0);
      if (v < (lo[i] as number)) lo[i] = v;
      if (v > (hi[i] as number)) hi[i] = v;
    });
  };
  const polytope = new Polytope(highs, model, model.figures.map((f, i) => (hidden[i] ? null : f.value)));
  const level = protectionLevel(k);
  try {
    const queue = hidden.flatMap((h, i) => (h ? [i] : []));
    while (queue.length > 0) {
      const u = queue[0] as number;
      const binding = exposed(u);
      if (binding) {
        const s = smallestPublished(binding) ?? nextToHide(model, hidden, u, groupsOf);
        if (s === null) return { hidden: model.figures.map(() => true), stats: polytope.stats, withheld: true };
        hidden[s] = true;
        polytope.hide(s);
        queue.push(s);
        continue; // check u again, with one more figure hidden
      }
      queue.shift();
    }
    return { hidden, stats: polytope.stats, withheld: false };
  } finally {
    polytope.dispose();
  }

  /** The smallest published non-zero figure of `figures` (first in model order on ties). */
  function smallestPublished(figures: readonly number[]): number | null {
    let best: number | null = null;
    for (const f of figures) {
      const v = model.figures[f]?.value as number;
      if (hidden[f] || v === 0) continue;
      if (best === null || v < (model.figures[best]?.value as number)) best = f;
    }
    return best;
  }

  /**
   * Whether u's interval fails: null when protected, else the published figures its bounds
   * rest on (non-zero duals of the LP optima). Widens lo/hi with witnesses on the way.
   */
  function exposed(u: number): number[] | null {
    const ok = () => (hi[u] as number) >= k && (hi[u] as number) - (lo[u] as number) >= level;
    if (ok()) return null;
    // Outer bounds from the LP relaxation: when they already fail, so do the integer ones.
    const top = polytope.optimum(u, 'max', false);
    if (Math.floor(top.bound + EPSILON) < k) return top.binding;
    if (top.solution) witness(top.solution);
    if (top.bound === Infinity) hi[u] = Infinity;
    if (ok()) return null;
    const bottom = polytope.optimum(u, 'min', false);
    const both = [...new Set([...top.binding, ...bottom.binding])].sort((a, b) => a - b);
    if (Math.floor(top.bound + EPSILON) - Math.ceil(bottom.bound - EPSILON) < level) return both;
    if (bottom.solution) witness(bottom.solution);
    if (ok()) return null;
    // Inner bounds from integer solutions: one at max(k, lo + level) or above; failing that,
    // one at k or above and one at hi − level or below. When none exists u is exposed (in a
    // corner these probes leave undecided it is treated as exposed: hiding more is safe).
    const up = (t: number) => {
      if ((hi[u] as number) >= t) return true;
      const w = polytope.probe(u, t, Infinity);
      if (w) witness(w);
      return w !== null;
    };
    const down = (t: number) => {
      if ((lo[u] as number) <= t) return true;
      const w = t >= 1 ? polytope.probe(u, 1, t) : null;
      if (w) witness(w);
      return w !== null;
    };
    if (!up(Math.max(k, (lo[u] as number) + level)) && !(up(k) && down((hi[u] as number) - level))) return both;
    return ok() ? null : both;
  }
}
