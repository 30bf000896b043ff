/**
 * Statistical disclosure control of the tables the analyst mode shows on screen, one table at
 * a time. The publication is protected as one whole, by intervals, in ./sdc/ (which reuses
 * `gridLayout` and `margins` from here).
 *
 * A table is published with its margins: row totals, column totals and the grand total. Each
 * of them is a "line" equation (members add up to the line's total). The rules:
 *
 * 1. Primary suppression: any count from 1 to k − 1, interior cell or margin, is hidden.
 *    Zeros are published (an empty cell is not a person) and are never used to hide others.
 * 2. Secondary suppression, repeated until nothing changes:
 *    a. a line with exactly one hidden member would give it away by subtraction: hide one
 *       more member of that line (the smallest non-zero one), or its total when no non-zero
 *       member is left;
 *    b. a line whose total is published and whose hidden members add up to less than k would
 *       tell that every hidden member is small (two hidden cells adding up to 2 are both 1,
 *       since zeros are never hidden): hide one more member, or the total;
 *    c. finally an exact check: the published figures and the line equations are solved for
 *       the hidden ones (exact rational elimination); a hidden figure that the equations
 *       still determine gets one more neighbour hidden, and the loop starts again.
 * 3. A hidden figure is `null`, whatever its value and whichever rule hid it, so that nothing
 *    tells a primary cell from a secondary one.
 *
 * 1-D tables are the same with a single line (the cells and their total): at least two cells
 * are hidden, or the total.
 *
 * Pure: no Node, no DOM. `determinedCells` is the checker the tests use as an attacker.
 */

export const K_MIN = 3;
export const K_MAX = 20;
export const K_DEFAULT = 5;

/** A table as published: `null` marks a hidden figure. */
export interface ProtectedGrid {
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  total: number | null;
}

export interface ProtectedList {
  values: (number | null)[];
  total: number | null;
}

/** One equation: the members add up to `total` (indexes into a flat vector of figures). */
export interface Line {
  members: number[];
  total: number;
}

/** Flat layout of a grid with margins: interior row-major, then row totals, column totals, grand total. */
export function gridLayout(rows: number, columns: number): { size: number; lines: Line[]; interior: (i: number, j: number) => number; rowTotal: (i: number) => number; columnTotal: (j: number) => number; grandTotal: number } {
  const interior = (i: number, j: number) => i * columns + j;
  const rowTotal = (i: number) => rows * columns + i;
  const columnTotal = (j: number) => rows * columns + rows + j;
  const grandTotal = rows * columns + rows + columns;
  const lines: Line[] = [];
  for (let i = 0; i < rows; i++) lines.push({ members: Array.from({ length: columns }, (_, j) => interior(i, j)), total: rowTotal(i) });
  for (let j = 0; j < columns; j++) lines.push({ members: Array.from({ length: rows }, (_, i) => interior(i, j)), total: columnTotal(j) });
  if (rows > 0 && columns > 0) {
    lines.push({ members: Array.from({ length: columns }, (_, j) => columnTotal(j)), total: grandTotal });
    lines.push({ members: Array.from({ length: rows }, (_, i) => rowTotal(i)), total: grandTotal });
  }
  return { size: grandTotal + 1, lines, interior, rowTotal, columnTotal, grandTotal };
}

// ---------------------------------------------------------------------------------------
// Exact rational elimination (BigInt fractions): which hidden figures do the equations fix?

type Fraction = { n: bigint; d: bigint };
const ZERO: Fraction = { n: 0n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function norm(n: bigint, d: bigint): Fraction {
  if (n === 0n) return ZERO;
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d);
  return { n: (sign * n) / g, d: (sign * d) / g };
}

const sub = (a: Fraction, b: Fraction): Fraction => norm(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Fraction, b: Fraction): Fraction => norm(a.n * b.n, a.d * b.d);
const div = (a: Fraction, b: Fraction): Fraction => norm(a.n * b.d, a.d * b.n);

/**
 * The hidden figures (indexes) that the line equations determine exactly, given every
 * published figure. A hidden figure u is determined iff the unit vector of u lies in the row
 * space of the equations restricted to the hidden figures, i.e. iff the reduced row echelon
 * form holds a row whose only non-zero entry is at u.
 */
export function determinedCells(lines: readonly Line[], hidden: readonly boolean[]): number[] {
  const unknowns: number[] = [];
  const column = new Map<number, number>();
  hidden.forEach((h, index) => {
    if (h) {
      column.set(index, unknowns.length);
      unknowns.push(index);
    }
  });
  if (unknowns.length === 0) return [];
  const matrix: Fraction[][] = [];
  for (const line of lines) {
    const row = unknowns.map(() => ZERO);
    let any = false;
    for (const m of line.members) {
      const c = column.get(m);
      if (c !== undefined) {
        row[c] = norm((row[c] as Fraction).n + (row[c] as Fraction).d, (row[c] as Fraction).d);
        any = true;
      }
    }
    const t = column.get(line.total);
    if (t !== undefined) {
      row[t] = sub(row[t] as Fraction, { n: 1n, d: 1n });
      any = true;
    }
    if (any) matrix.push(row);
  }
  // Reduced row echelon form.
  const pivots: number[] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < matrix.length; c++) {
    let p = -1;
    for (let i = r; i < matrix.length; i++) if ((matrix[i] as Fraction[])[c]?.n !== 0n) { p = i; break; }
    if (p === -1) continue;
    [matrix[r], matrix[p]] = [matrix[p] as Fraction[], matrix[r] as Fraction[]];
    const pivotRow = matrix[r] as Fraction[];
    const pivot = pivotRow[c] as Fraction;
    for (let j = 0; j < pivotRow.length; j++) pivotRow[j] = div(pivotRow[j] as Fraction, pivot);
    for (let i = 0; i < matrix.length; i++) {
      if (i === r) continue;
      const row = matrix[i] as Fraction[];
      const factor = row[c] as Fraction;
      if (factor.n === 0n) continue;
      for (let j = 0; j < row.length; j++) row[j] = sub(row[j] as Fraction, mul(factor, pivotRow[j] as Fraction));
    }
    pivots.push(c);
    r++;
  }
  const determined: number[] = [];
  for (let i = 0; i < pivots.length; i++) {
    const row = matrix[i] as Fraction[];
    const nonZero = row.reduce((count, f) => count + (f.n !== 0n ? 1 : 0), 0);
    if (nonZero === 1) determined.push(unknowns[pivots[i] as number] as number);
  }
  return determined.sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------
// Suppression

/**
 * Hides figures of a flat vector of non-negative integers tied by `lines`, following the
 * rules at the top of this file; returns which are hidden. Inside a line, members are
 * preferred to the line's total as secondary suppressions.
 */
export function suppress(values: readonly number[], lines: readonly Line[], k: number): boolean[] {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a whole number ≥ 1, got ${k}`);
  values.forEach((v) => {
    if (!Number.isInteger(v) || v < 0) throw new Error(`counts must be whole numbers ≥ 0, got ${v}`);
  });
  const hidden = values.map((v) => v >= 1 && v < k);
  const linesOf = new Map<number, Line[]>();
  for (const line of lines) {
    for (const index of [...line.members, line.total]) {
      const list = linesOf.get(index) ?? [];
      list.push(line);
      linesOf.set(index, list);
    }
  }

  /** Hides one more figure of `line`: its smallest non-zero visible member, else its total. */
  const widen = (line: Line): boolean => {
    let best = -1;
    for (const m of line.members) {
      const v = values[m] as number;
      if (hidden[m] || v === 0) continue;
      if (best === -1 || v < (values[best] as number) || (v === values[best] && m < best)) best = m;
    }
    if (best !== -1) {
      hidden[best] = true;
      return true;
    }
    if (!hidden[line.total]) {
      hidden[line.total] = true;
      return true;
    }
    return false;
  };

  for (let guard = 0; guard <= values.length * 4 + 8; guard++) {
    let changed = false;
    for (const line of lines) {
      const members = [...line.members, line.total];
      const count = members.filter((m) => hidden[m]).length;
      if (count === 0) continue;
      if (count === 1) {
        changed = widen(line) || changed;
        continue;
      }
      if (!hidden[line.total]) {
        const hiddenSum = line.members.reduce((sum, m) => sum + (hidden[m] ? (values[m] as number) : 0), 0);
        if (hiddenSum < k) changed = widen(line) || changed;
      }
    }
    if (changed) continue;
    const determined = determinedCells(lines, hidden);
    if (determined.length === 0) return hidden;
    for (const u of determined) {
      // Widen the line of u that still has the most visible members: the cheapest place.
      const candidates = (linesOf.get(u) ?? []).slice().sort((a, b) => visible(b) - visible(a));
      for (const line of candidates) {
        if (widen(line)) {
          changed = true;
          break;
        }
      }
    }
    if (!changed) {
      // Every line of the determined figures is already saturated (only zeros visible): the
      // determination comes through other lines, so widen any line that holds hidden figures.
      // At worst every line with a hidden member ends with its total hidden too; the system is
      // then homogeneous and determines nothing, so zeros never need hiding.
      const withHidden = lines.filter((line) => [...line.members, line.total].some((m) => hidden[m])).sort((a, b) => visible(b) - visible(a));
      for (const line of withHidden) {
        if (widen(line)) {
          changed = true;
          break;
        }
      }
    }
    if (!changed) return hidden.map(() => true);
  }
  // Not reached in practice (each round hides at least one more figure); hide all to be safe.
  return hidden.map(() => true);

  function visible(line: Line): number {
    return [...line.members, line.total].filter((m) => !hidden[m]).length;
  }
}

/** Sums of a grid: row totals, column totals, grand total. */
export function margins(cells: readonly (readonly number[])[]): { rowTotals: number[]; columnTotals: number[]; total: number } {
  const columns = cells[0]?.length ?? 0;
  const rowTotals = cells.map((row) => row.reduce((s, v) => s + v, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) => cells.reduce((s, row) => s + (row[j] ?? 0), 0));
  return { rowTotals, columnTotals, total: rowTotals.reduce((s, v) => s + v, 0) };
}

/** A 2-D table of counts with its margins, protected for publication with threshold k. */
export function protectGrid(cells: readonly (readonly number[])[], k: number): ProtectedGrid {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  if (cells.some((row) => row.length !== columns)) throw new Error('every row of a table must have the same number of cells');
  const layout = gridLayout(rows, columns);
  const sums = margins(cells);
  const flat = [...cells.flat(), ...sums.rowTotals, ...sums.columnTotals, sums.total];
  const hidden = suppress(flat, layout.lines, k);
  const show = (index: number): number | null => (hidden[index] ? null : (flat[index] as number));
  return {
    cells: cells.map((row, i) => row.map((_, j) => show(layout.interior(i, j)))),
    rowTotals: sums.rowTotals.map((_, i) => show(layout.rowTotal(i))),
    columnTotals: sums.columnTotals.map((_, j) => show(layout.columnTotal(j))),
    total: show(layout.grandTotal),
  };
}

/** A 1-D table of counts with its total, protected for publication with threshold k. */
export function protectList(values: readonly number[], k: number): ProtectedList {
  const total = values.reduce((s, v) => s + v, 0);
  const flat = [...values, total];
  const line: Line = { members: values.map((_, i) => i), total: values.length };
  const hidden = suppress(flat, values.length > 0 ? [line] : [], k);
  return { values: values.map((v, i) => (hidden[i] ? null : v)), total: hidden[values.length] ? null : total };
}

/** The flat hidden-vector of a protected grid, in `gridLayout` order (for the checker). */
export function hiddenOfGrid(grid: ProtectedGrid): boolean[] {
  return [
    ...grid.cells.flat().map((v) => v === null),
    ...grid.rowTotals.map((v) => v === null),
    ...grid.columnTotals.map((v) => v === null),
    grid.total === null,
  ];
}

/** A share in percent (one decimal) when both terms are published and the denominator is not zero. */
export function shareOf(numerator: number | null, denominator: number | null, scale = 100): number | null {
  if (numerator === null || denominator === null || denominator === 0) return null;
  return Math.round((numerator * scale * 10) / denominator) / 10;
}
