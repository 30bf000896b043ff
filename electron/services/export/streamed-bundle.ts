/**
 * The next export bundle's content built in ONE pass over the stored sessions, as they are
 * read: the same declared tables (TABLES and their tuples, shared/export/tables.ts) and the
 * same header as `buildUnsignedBundle`, without holding the sessions in memory. A kiosk that
 * exports after months offline may hold a million visits; materialising them all (as
 * `tabulate(list())` did) took minutes and gigabytes (bench/README-section.md).
 *
 * Identical output is the contract: the counts end up keyed, built and ordered exactly as
 * `tabulate`'s `toTable` does (test/unit/export-streamed.test.ts compares both on simulated
 * sessions). Only the counting differs: `tabulate` keys a map by `JSON.stringify(tuple)`,
 * which is most of its cost; here each table counts in a tree of maps keyed by the codes
 * themselves (no string is built per tuple), and the tree becomes JSON keys once at the end.
 * A tuple that is not all plain strings of the declared length keeps the JSON key.
 */
import { FORMAT, FORMAT_VERSION, type BundleHeader, type UnsignedBundle } from '../../../shared/export/bundle';
import { MISSING, compareCells, inPopulation, type Cell, type CountTable, type SessionFacts, type TableDeclaration, type Tables } from '../../../shared/export/tables';
import { tableSetFor } from '../../../shared/export/table-sets';

export interface RunSession extends SessionFacts {
  id: number;
  questionnaire: { id: string; version: string; hash: string };
}

/** Codes → count, one level per dimension; the last level holds the counts. */
type Tree = Map<string, Tree | number>;

class TableCounter {
  private readonly tree: Tree = new Map();
  /** Tuples that are not all strings of the declared length, keyed as tabulate keys them. */
  private readonly odd = new Map<string, number>();

  constructor(private readonly depth: number) {}

  add(tuple: readonly unknown[]): void {
    if (tuple.length !== this.depth || !tuple.every((code) => typeof code === 'string')) {
      const key = JSON.stringify(tuple);
      this.odd.set(key, (this.odd.get(key) ?? 0) + 1);
      return;
    }
    let level = this.tree;
    const last = this.depth - 1;
    for (let i = 0; i < last; i++) {
      const code = tuple[i] as string;
      let next = level.get(code) as Tree | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(code, next);
      }
      level = next;
    }
    const code = tuple[last] as string;
    level.set(code, ((level.get(code) as number | undefined) ?? 0) + 1);
  }

  /** The counts keyed by JSON.stringify(tuple), as tabulate's map holds them. */
  byJsonKey(): Map<string, number> {
    const out = new Map<string, number>();
    const walk = (level: Tree, prefix: string[]) => {
      for (const [code, value] of level) {
        if (typeof value === 'number') {
          const key = JSON.stringify([...prefix, code]);
          out.set(key, (out.get(key) ?? 0) + value);
        } else walk(value, [...prefix, code]);
      }
    };
    walk(this.tree, []);
    for (const [key, count] of this.odd) out.set(key, (out.get(key) ?? 0) + count);
    return out;
  }
}

/** Same cells, same order as shared/export/tables.ts `toTable`. */
function toTable(declaration: TableDeclaration, counts: Map<string, number>): CountTable {
  const dimensions = [...declaration.dimensions];
  const cells: Cell[] = [];
  for (const [key, count] of counts) {
    if (count === 0) continue;
    const codes = JSON.parse(key) as string[];
    const cell = Object.fromEntries(dimensions.map((d, i) => [d, codes[i] ?? MISSING])) as Cell;
    cell.count = count;
    cells.push(cell);
  }
  cells.sort(compareCells(dimensions));
  return { population: declaration.population, unit: declaration.unit, dimensions, cells };
}

const sameQuestionnaire = (a: RunSession['questionnaire'], b: RunSession['questionnaire']) => a.id === b.id && a.version === b.version && a.hash === b.hash;

export interface StreamedRun {
  /** The bundle without integrity, exactly as `buildUnsignedBundle(header, run)` builds it. */
  unsigned: UnsignedBundle;
  firstId: number;
  lastId: number;
  sessions: number;
}

/**
 * Reads sessions (id order) until the questionnaire changes, counting every table as it goes;
 * null when there is none. Stops reading at the first session of the next run, so the rest of
 * the table is not read at all.
 */
export function buildNextRun(sessions: Iterable<RunSession>, header: (first: RunSession) => Omit<BundleHeader, 'questionnaire'>): StreamedRun | null {
  let tables_: readonly TableDeclaration[] = [];
  let counters: TableCounter[] = [];
  let first: RunSession | null = null;
  let lastId = 0;
  let n = 0;
  let from = '';
  let to = '';
  for (const session of sessions) {
    if (first === null) {
      first = session;
      // The run's own questionnaire version decides its tables (visits stored before an upgrade keep theirs).
      const set = tableSetFor(session.questionnaire.version);
      if (!set) throw new Error(`no table set for questionnaire version ${session.questionnaire.version}`);
      tables_ = set;
      counters = set.map((table) => new TableCounter(table.dimensions.length));
    } else if (!sameQuestionnaire(first.questionnaire, session.questionnaire)) break;
    lastId = session.id;
    n += 1;
    const month = session.day.slice(0, 7);
    if (n === 1 || month < from) from = month;
    if (n === 1 || month > to) to = month;
    for (let i = 0; i < tables_.length; i++) {
      const table = tables_[i] as TableDeclaration;
      if (!inPopulation(table.population, session)) continue;
      const counter = counters[i] as TableCounter;
      for (const tuple of table.tuples(session)) counter.add(tuple);
    }
  }
  if (first === null) return null;
  const tables: Tables = Object.fromEntries(tables_.map((table, i) => [table.id, toTable(table, (counters[i] as TableCounter).byJsonKey())]));
  const h = header(first);
  return {
    unsigned: {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      kiosk: { ...h.kiosk },
      questionnaire: { ...first.questionnaire },
      export: { ...h.export, from, to, sessions: n },
      tables,
    },
    firstId: first.id,
    lastId,
    sessions: n,
  };
}
