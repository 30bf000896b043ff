/**
 * Disclosure control: primary and secondary suppression, and a property test over random
 * tables that no hidden figure can be recovered exactly from the published figures and the
 * row, column and grand-total equations. The attacker here is independent of the module's
 * own checker: floating-point null space of the equations (a hidden figure is determined iff
 * every solution of the homogeneous system leaves it at 0).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { determinedCells, gridLayout, hiddenOfGrid, margins, protectGrid, protectList, type Line } from '../../shared/analyst/disclosure';

/** Independent attacker: null space by Gauss–Jordan in floating point. */
function recoverable(lines: readonly Line[], hidden: readonly boolean[]): number[] {
  const unknowns = hidden.flatMap((h, i) => (h ? [i] : []));
  if (unknowns.length === 0) return [];
  const col = new Map(unknowns.map((u, c) => [u, c]));
  const m: number[][] = [];
  for (const line of lines) {
    const row = unknowns.map(() => 0);
    let any = false;
    for (const x of line.members) {
      const c = col.get(x);
      if (c !== undefined) {
        row[c] = (row[c] ?? 0) + 1;
        any = true;
      }
    }
    const t = col.get(line.total);
    if (t !== undefined) {
      row[t] = (row[t] ?? 0) - 1;
      any = true;
    }
    if (any) m.push(row);
  }
  const n = unknowns.length;
  const pivotCols: number[] = [];
  let r = 0;
  for (let c = 0; c < n && r < m.length; c++) {
    let best = r;
    for (let i = r; i < m.length; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[best]![c]!)) best = i;
    if (Math.abs(m[best]![c]!) < 1e-9) continue;
    [m[r], m[best]] = [m[best]!, m[r]!];
    const p = m[r]![c]!;
    m[r] = m[r]!.map((v) => v / p);
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]!;
      if (Math.abs(f) > 1e-12) m[i] = m[i]!.map((v, j) => v - f * m[r]![j]!);
    }
    pivotCols.push(c);
    r++;
  }
  // Null space basis: one vector per free column.
  const free = Array.from({ length: n }, (_, c) => c).filter((c) => !pivotCols.includes(c));
  const basis = free.map((fcol) => {
    const v = Array.from({ length: n }, () => 0);
    v[fcol] = 1;
    pivotCols.forEach((pc, i) => {
      v[pc] = -m[i]![fcol]!;
    });
    return v;
  });
  return unknowns.filter((_, c) => basis.every((v) => Math.abs(v[c]!) < 1e-9));
}

const tableArb = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), columns: fc.integer({ min: 1, max: 6 }), k: fc.constantFrom(3, 5, 10) })
  .chain(({ rows, columns, k }) =>
    fc.record({
      k: fc.constant(k),
      cells: fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 200 })), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
    }),
  );

describe('disclosure control', () => {
  it('hides small cells, keeps the rest exact, and leaves no hidden figure recoverable (property)', () => {
    fc.assert(
      fc.property(tableArb, ({ cells, k }) => {
        const grid = protectGrid(cells, k);
        const truth = margins(cells);
        const layout = gridLayout(cells.length, cells[0]!.length);
        const flatTruth = [...cells.flat(), ...truth.rowTotals, ...truth.columnTotals, truth.total];
        const flatShown = [...grid.cells.flat(), ...grid.rowTotals, ...grid.columnTotals, grid.total];
        const hidden = hiddenOfGrid(grid);
        flatTruth.forEach((v, i) => {
          // Primary: every count from 1 to k − 1 (cells and margins) is hidden.
          if (v >= 1 && v < k) expect(flatShown[i]).toBeNull();
          // Published figures are exact.
          if (flatShown[i] !== null) expect(flatShown[i]).toBe(v);
          // Zeros are never hidden.
          if (v === 0) expect(flatShown[i]).toBe(0);
        });
        for (const line of layout.lines) {
          const members = [...line.members, line.total];
          const count = members.filter((m) => hidden[m]).length;
          // No line gives a hidden figure away by subtraction.
          expect(count === 0 || count >= 2).toBe(true);
          // The hidden part of a line with a published total is not tiny either.
          if (count > 0 && !hidden[line.total]) {
            expect(line.members.reduce((s, m) => s + (hidden[m] ? flatTruth[m]! : 0), 0)).toBeGreaterThanOrEqual(k);
          }
        }
        // Exact recovery through the equations fails for every hidden figure (two solvers).
        expect(recoverable(layout.lines, hidden)).toEqual([]);
        expect(determinedCells(layout.lines, hidden)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('the checker catches what primary suppression alone leaves recoverable', () => {
    const cells = [
      [2, 10, 10],
      [10, 10, 10],
    ];
    const layout = gridLayout(2, 3);
    const flat = [...cells.flat(), 22, 30, 12, 20, 20, 52];
    const primaryOnly = flat.map((v) => v >= 1 && v < 5);
    expect(determinedCells(layout.lines, primaryOnly)).toEqual([0]);
    expect(recoverable(layout.lines, primaryOnly)).toEqual([0]);
    const grid = protectGrid(cells, 5);
    expect(grid.cells[0]![0]).toBeNull();
    expect(hiddenOfGrid(grid).filter(Boolean).length).toBeGreaterThanOrEqual(4);
    expect(determinedCells(layout.lines, hiddenOfGrid(grid))).toEqual([]);
  });

  it('a hidden cell looks the same whatever its true value', () => {
    const a = protectGrid([[1, 40], [40, 40]], 5);
    const b = protectGrid([[4, 37], [40, 40]], 5);
    expect(JSON.stringify(a.cells[0])).toBe(JSON.stringify(b.cells[0]));
    expect(a.cells[0]).toEqual([null, null]);
  });

  it('1-D tables hide at least two cells or the total', () => {
    const one = protectList([3, 50, 60], 5);
    expect(one.values.filter((v) => v === null).length >= 2 || one.total === null).toBe(true);
    const alone = protectList([3, 0, 0], 5);
    expect(alone.values[0]).toBeNull();
    expect(alone.total).toBeNull();
    expect(protectList([7, 9], 5)).toEqual({ values: [7, 9], total: 16 });
  });

  it('refuses a threshold or counts that make no sense', () => {
    expect(() => protectGrid([[1]], 0)).toThrow();
    expect(() => protectGrid([[-1]], 5)).toThrow();
  });
});
