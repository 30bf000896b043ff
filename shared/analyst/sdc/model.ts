/**
 * What an outsider can know about a publication, as a system of linear relations.
 *
 * The unknowns ("atoms") are the finest counts behind the published tables: the cells of the
 * export tables, grouped the way the dashboard groups them (age bands with "not given",
 * sections of the questionnaire, …). Atoms are whole numbers ≥ 0. Every published figure,
 * interior cell or margin, is the sum of a set of atoms, so every relation between figures
 * of one source (category sums, age bands to all ages, months to the period, the same count
 * in two tables) holds by construction. Relations between sources (the same visits counted
 * by two export tables) are explicit constraints on atoms.
 *
 * Pure: no solver here (see ./intervals.ts).
 */
import { gridLayout } from '../disclosure';

/** A published figure: the sum of `atoms`; `value` is its true count. */
export interface Figure {
  atoms: readonly number[];
  value: number;
}

/** `lower ≤ Σ coefficient × atom ≤ upper`, a relation every publication satisfies by construction. */
export interface LinearConstraint {
  name: string;
  terms: readonly (readonly [atom: number, coefficient: number])[];
  lower: number;
  upper: number;
}

/** Where one published table's figures sit among the model's figures, in `gridLayout` order. */
export interface TablePlacement {
  rows: number;
  columns: number;
  figures: number[];
}

export interface DisclosureModel {
  /** True value of every atom. */
  truth: number[];
  atomNames: string[];
  /** Distinct figures: two positions with the same atoms are one figure (the same count). */
  figures: Figure[];
  tables: Map<string, TablePlacement>;
  /**
   * Groups of figures tied by one relation (a table line with its total, or the same visits
   * counted in two tables): where secondary suppression looks for the next figure to hide.
   */
  groups: number[][];
  constraints: LinearConstraint[];
  /** Constraints the true counts break (an input outside the model's assumptions): left out. */
  dropped: string[];
}

/** Builds a model step by step: atoms, then tables of figures, then relations. */
export class ModelBuilder {
  private readonly truth: number[] = [];
  private readonly atomNames: string[] = [];
  private readonly atomIndex = new Map<string, number>();
  private readonly figures: Figure[] = [];
  private readonly figureIndex = new Map<string, number>();
  private readonly tables = new Map<string, TablePlacement>();
  private readonly groups: number[][] = [];
  private readonly constraints: LinearConstraint[] = [];

  /** The atom named `name` (created at 0 on first use). */
  atom(name: string): number {
    let index = this.atomIndex.get(name);
    if (index === undefined) {
      index = this.truth.length;
      this.atomIndex.set(name, index);
      this.atomNames.push(name);
      this.truth.push(0);
    }
    return index;
  }

  add(name: string, count: number): void {
    if (!Number.isInteger(count) || count < 0) throw new Error(`counts must be whole numbers ≥ 0, got ${count} for ${name}`);
    const index = this.atom(name);
    this.truth[index] = (this.truth[index] as number) + count;
  }

  /** The figure that sums `atoms` (shared with any earlier figure of the same atoms). */
  figure(atoms: readonly number[]): number {
    const sorted = [...new Set(atoms)].sort((a, b) => a - b);
    const key = sorted.join(',');
    let index = this.figureIndex.get(key);
    if (index === undefined) {
      index = this.figures.length;
      this.figureIndex.set(key, index);
      this.figures.push({ atoms: sorted, value: sorted.reduce((s, a) => s + (this.truth[a] as number), 0) });
    }
    return index;
  }

  /**
   * A published table: `cellAtoms(i, j)` lists the atoms of an interior cell; margins are the
   * unions. Adds the table's lines (each row, column and the totals) as groups.
   */
  table(id: string, rows: number, columns: number, cellAtoms: (i: number, j: number) => readonly number[]): TablePlacement {
    const layout = gridLayout(rows, columns);
    const atomsAt: number[][] = Array.from({ length: layout.size }, () => []);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < columns; j++) {
        const atoms = [...cellAtoms(i, j)];
        atomsAt[layout.interior(i, j)] = atoms;
        (atomsAt[layout.rowTotal(i)] as number[]).push(...atoms);
        (atomsAt[layout.columnTotal(j)] as number[]).push(...atoms);
        (atomsAt[layout.grandTotal] as number[]).push(...atoms);
      }
    }
    const figures = atomsAt.map((atoms) => this.figure(atoms));
    for (const line of layout.lines) this.group([...line.members.map((m) => figures[m] as number), figures[line.total] as number]);
    const placement = { rows, columns, figures };
    this.tables.set(id, placement);
    return placement;
  }

  group(figures: readonly number[]): void {
    const distinct = [...new Set(figures)];
    if (distinct.length > 1) this.groups.push(distinct);
  }

  /** `lower ≤ Σ plus − Σ minus ≤ upper`. */
  relate(name: string, plus: readonly number[], minus: readonly number[], lower: number, upper: number): void {
    const coefficients = new Map<number, number>();
    for (const a of plus) coefficients.set(a, (coefficients.get(a) ?? 0) + 1);
    for (const a of minus) coefficients.set(a, (coefficients.get(a) ?? 0) - 1);
    const terms = [...coefficients].filter(([, c]) => c !== 0).sort((x, y) => x[0] - y[0]);
    if (terms.length > 0) this.constraints.push({ name, terms, lower, upper });
  }

  build(): DisclosureModel {
    const holds = (c: LinearConstraint) => {
      const v = c.terms.reduce((s, [a, coefficient]) => s + coefficient * (this.truth[a] as number), 0);
      return v >= c.lower && v <= c.upper;
    };
    return {
      truth: [...this.truth],
      atomNames: [...this.atomNames],
      figures: this.figures.map((f) => ({ atoms: f.atoms, value: f.atoms.reduce((s, a) => s + (this.truth[a] as number), 0) })),
      tables: new Map(this.tables),
      groups: this.groups.map((g) => [...g]),
      constraints: this.constraints.filter(holds),
      dropped: this.constraints.filter((c) => !holds(c)).map((c) => c.name),
    };
  }
}
