/**
 * What a bundle must also hold to be imported, beyond its schema and its signature: the
 * signature proves which kiosk sent a file, not that its figures make sense, and a trusted
 * kiosk's key can be stolen. Each guard gives a reason the analyst can act on; the importer
 * runs them before it writes anything, so a refused file leaves the database as it was.
 *
 *  - dates: the period lies between the product's first month and the import day plus a
 *    month, and the bundle was created on or after the period's last month;
 *  - tables: every table agrees with the bundle's visit count and with every other table of
 *    its population, by rules derived from what each table declares about itself — its
 *    population and its unit (TABLE_UNIT_RULES) — never from a list of table ids;
 *  - bounds: a bundle counts at most `sessionsPerBundle` visits and the database at most
 *    `sessionsInDatabase`, so that no sum can overflow anywhere (see ImportLimits).
 */
import type { Bundle } from '../../../shared/export/bundle';
import { POPULATIONS, type CountTable, type Population, type Unit } from '../../../shared/export/tables';
import type { ImportRejection } from '../../../shared/analyst/types';
import { MAX_RECOMMENDATIONS } from '../../../shared/orientation/rules';
import { coarseDay } from '../../../shared/session/day';
import { SESSION_STATUSES } from '../../../shared/session/status';

export interface GuardFailure {
  reason: ImportRejection;
  detail: string;
}

/**
 * The first month a bundle may cover: the month the CA de Cambrai adopted the digital roadmap
 * that commissioned Repères (July 2021). No kiosk can have counted a visit before it; an
 * earlier month is a kiosk clock reset (to 2000, 1970…) or a forged file. (Simulated kiosks in
 * the tests and the benchmark go back several years, which is why this is not the month of the
 * first release.)
 */
export const FIRST_PLAUSIBLE_MONTH = '2021-07';

/**
 * Caps that keep every sum exact. A cell never exceeds its bundle's visit count (the table
 * rules below), a bundle file holds at most 5 MiB / 20 bytes ≈ 262,144 cells, so the sum of
 * every count stored is below 262,144 × `sessionsInDatabase` = 2.6 × 10^14: below 2^53 (the
 * integers JavaScript adds exactly) and far below 2^63 (SQLite's integer overflow).
 */
export interface ImportLimits {
  /** Visits in one bundle: far above a year of the busiest kiosk, or the 1,000,000 of the benchmark. */
  sessionsPerBundle: number;
  /** Visits in one analyst database: 12,500 visits per inhabitant of the agglomeration. */
  sessionsInDatabase: number;
}

export const DEFAULT_LIMITS: ImportLimits = Object.freeze({ sessionsPerBundle: 10_000_000, sessionsInDatabase: 1_000_000_000 });

const fail = (reason: ImportRejection, detail: string): GuardFailure => ({ reason, detail });

/** The same day one month later, or the last day of that month (31 January → 28 or 29 February). */
function oneMonthLater(day: Date): Date {
  const lastOfNext = new Date(day.getFullYear(), day.getMonth() + 2, 0).getDate();
  return new Date(day.getFullYear(), day.getMonth() + 1, Math.min(day.getDate(), lastOfNext), 12);
}

/** The period and the creation day fall where a real kiosk could have put them. */
export function checkDates(bundle: Bundle, today: Date): GuardFailure | null {
  const e = bundle.export;
  const latestDay = coarseDay(oneMonthLater(today));
  const latestMonth = latestDay.slice(0, 7);
  if (e.from < FIRST_PLAUSIBLE_MONTH) return fail('datedBeforeProduct', `the period starts in ${e.from}, before ${FIRST_PLAUSIBLE_MONTH}`);
  if (e.created < `${FIRST_PLAUSIBLE_MONTH}-01`) return fail('datedBeforeProduct', `the export was created on ${e.created}, before ${FIRST_PLAUSIBLE_MONTH}`);
  if (e.to > latestMonth) return fail('datedInFuture', `the period ends in ${e.to}, after ${latestMonth} (import day ${coarseDay(today)} plus a month)`);
  if (e.created > latestDay) return fail('datedInFuture', `the export was created on ${e.created}, after ${latestDay} (import day ${coarseDay(today)} plus a month)`);
  if (e.created.slice(0, 7) < e.to) return fail('createdBeforePeriodEnd', `the export was created on ${e.created}, before the last month it counts (${e.to})`);
  return null;
}

/** Visit counts within the caps: the bundle alone, then the database with it. */
export function checkBundleSize(bundle: Bundle, limits: ImportLimits): GuardFailure | null {
  const n = bundle.export.sessions;
  if (n > limits.sessionsPerBundle) return fail('tooManySessions', `export.sessions is ${n}, the limit for one export is ${limits.sessionsPerBundle}`);
  return null;
}

export function checkDatabaseRoom(bundle: Bundle, sessionsStored: number, limits: ImportLimits): GuardFailure | null {
  const n = bundle.export.sessions;
  if (sessionsStored + n > limits.sessionsInDatabase) {
    return fail('databaseLimit', `the database holds ${sessionsStored} sessions; ${n} more would pass its limit of ${limits.sessionsInDatabase}`);
  }
  return null;
}

/**
 * What a count means for each unit, as the exporter makes it (shared/export/tables.ts):
 *  - `session`: each session of the population counts once;
 *  - otherwise the table counts items of sessions, and its FIRST dimension names the item
 *    (a DSI area, a task, a need…): `exactlyOne` per item and session (every session has a
 *    level in each area), or `atMostOne` (an exercise done or not, an answer ticked or not);
 *    with `perSession`, the number of items a session adds lies within those bounds.
 * A new unit must say its rule here (the Record makes TypeScript ask for it).
 */
export type UnitRule = { kind: 'session' } | { kind: 'items'; perItem: 'exactlyOne' | 'atMostOne'; perSession?: { min: number; max?: number } };

export const TABLE_UNIT_RULES: Readonly<Record<Unit, UnitRule>> = {
  session: { kind: 'session' },
  dsiArea: { kind: 'items', perItem: 'exactlyOne' },
  task: { kind: 'items', perItem: 'exactlyOne' },
  exercise: { kind: 'items', perItem: 'atMostOne' },
  // A multiple-choice question adds each ticked code once, and MISSING when nothing is ticked.
  mention: { kind: 'items', perItem: 'atMostOne', perSession: { min: 1 } },
  // 1 to MAX_RECOMMENDATIONS next steps of different needs, or NONE.
  recommendation: { kind: 'items', perItem: 'atMostOne', perSession: { min: 1, max: MAX_RECOMMENDATIONS } },
  // Each question (or row of an item-by-item screen) a session answered, once: none when not reached.
  item: { kind: 'items', perItem: 'atMostOne' },
};

/** A table's cells as code tuples and counts, restricted to one population when it holds a status. */
interface View {
  id: string;
  dimensions: string[];
  cells: { codes: string[]; count: number }[];
}

type Marginal = Map<string, number>;

function marginal(view: View, dimension: string): Marginal {
  const at = view.dimensions.indexOf(dimension);
  const out: Marginal = new Map();
  for (const cell of view.cells) {
    const code = cell.codes[at] as string;
    out.set(code, (out.get(code) ?? 0) + cell.count);
  }
  return out;
}

const total = (view: View) => view.cells.reduce((sum, c) => sum + c.count, 0);

function toView(id: string, table: CountTable): View {
  return { id, dimensions: [...table.dimensions], cells: table.cells.map((cell) => ({ codes: table.dimensions.map((d) => String(cell[d])), count: cell.count })) };
}

/** The cells of a view whose `dimension` has `code`, without that dimension. */
function slice(view: View, dimension: string, code: string, id = view.id): View {
  const at = view.dimensions.indexOf(dimension);
  return {
    id,
    dimensions: view.dimensions.filter((_, i) => i !== at),
    cells: view.cells.filter((c) => c.codes[at] === code).map((c) => ({ codes: c.codes.filter((_, i) => i !== at), count: c.count })),
  };
}

/** One view per code of the first dimension (an item), without it: one pass, whatever the number of codes. */
function byFirstDimension(view: View): View[] {
  const parts = new Map<string, View>();
  const dimension = view.dimensions[0] as string;
  for (const cell of view.cells) {
    const code = cell.codes[0] as string;
    let part = parts.get(code);
    if (!part) parts.set(code, (part = { id: `${view.id} (${dimension} ${code})`, dimensions: view.dimensions.slice(1), cells: [] }));
    part.cells.push({ codes: cell.codes.slice(1), count: cell.count });
  }
  return [...parts.values()];
}

function describe(m: Marginal): string {
  return [...m.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, 6)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}

function sameMarginal(a: Marginal, b: Marginal): boolean {
  if (a.size !== b.size) return false;
  for (const [code, n] of a) if (b.get(code) !== n) return false;
  return true;
}

/**
 * The populations a `status` code names. A table of every session that holds a `status`
 * dimension splits into them; `completedOrPartial` (completed visits and those abandoned once
 * their DSI category was settled) is no status: its size comes from its own tables, which must
 * agree with one another (rules 2 and 3).
 */
const SUB_POPULATIONS = POPULATIONS.filter((p): p is 'completed' | 'abandoned' => (SESSION_STATUSES as readonly string[]).includes(p));
/** A table of every session that holds a `status` dimension splits into the other populations (status codes name them). */
const STATUS = 'status';

/**
 * Every table of the bundle agrees with the visit count and with the other tables of its
 * population. Rules, derived from each table's population and unit:
 *  1. a `session` table of population `all` sums to `export.sessions`; its `status` codes are
 *     the other populations, and give each one's size;
 *  2. a `session` table of another population sums to that population's size;
 *  3. `session` tables of one population (an `all` table split by status counts in each)
 *     have the same margin on every dimension they share;
 *  4. an item table, for each item: `exactlyOne` → the same size and margins as the population,
 *     `atMostOne` → never more; with `perSession`, the items of the population's sessions
 *     stay within min × and max × its margins;
 *  5. no count exceeds `export.sessions` (so no sum of counts can overflow: ImportLimits).
 */
export function checkTables(bundle: Bundle): GuardFailure | null {
  const sessions = bundle.export.sessions;
  const bad = (detail: string) => fail('inconsistentTables', detail);
  const tables = Object.entries(bundle.tables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  for (const [id, table] of tables) {
    for (const cell of table.cells) if (cell.count > sessions) return bad(`${id}: a count of ${cell.count} in an export of ${sessions} sessions`);
  }

  // Rule 1, and the sessions tables of each population (rule 3's material).
  const byPopulation = new Map<Population, View[]>(POPULATIONS.map((p) => [p, []]));
  const size = new Map<Population, { n: number; from: string }>([['all', { n: sessions, from: 'export.sessions' }]]);
  for (const [id, table] of tables) {
    if (TABLE_UNIT_RULES[table.unit].kind !== 'session') continue;
    const view = toView(id, table);
    (byPopulation.get(table.population) as View[]).push(view);
    if (table.population !== 'all') continue;
    const n = total(view);
    if (n !== sessions) return bad(`${id} counts ${n} sessions, export.sessions says ${sessions}`);
    if (!view.dimensions.includes(STATUS)) continue;
    for (const code of marginal(view, STATUS).keys()) {
      if (!(SUB_POPULATIONS as readonly string[]).includes(code)) return bad(`${id}: status "${code}" is not a population (${SUB_POPULATIONS.join(', ')})`);
    }
    for (const population of SUB_POPULATIONS) {
      const part = slice(view, STATUS, population, `${id} (${population})`);
      (byPopulation.get(population) as View[]).push(part);
      if (!size.has(population)) size.set(population, { n: total(part), from: `${id} (${STATUS} ${population})` });
    }
  }

  // Rules 2 and 3: sizes and shared margins within each population.
  const margins = new Map<Population, Map<string, { m: Marginal; from: string }>>();
  for (const population of POPULATIONS) {
    const reference = new Map<string, { m: Marginal; from: string }>();
    margins.set(population, reference);
    for (const view of byPopulation.get(population) as View[]) {
      const n = total(view);
      const known = size.get(population);
      if (!known) size.set(population, { n, from: view.id });
      else if (known.n !== n) return bad(`${view.id} counts ${n} ${population} sessions, ${known.from} counts ${known.n}`);
      for (const dimension of view.dimensions) {
        const m = marginal(view, dimension);
        const ref = reference.get(dimension);
        if (!ref) reference.set(dimension, { m, from: view.id });
        else if (!sameMarginal(ref.m, m)) return bad(`${view.id} and ${ref.from} disagree on ${dimension}: ${describe(m)} against ${describe(ref.m)}`);
      }
    }
  }

  // Rule 4: item tables against their population.
  for (const [id, table] of tables) {
    const rule = TABLE_UNIT_RULES[table.unit];
    if (rule.kind !== 'items') continue;
    const population = size.get(table.population);
    // A population no sessions table describes: only rule 5 applies.
    if (!population) continue;
    const view = toView(id, table);
    const reference = margins.get(table.population) as Map<string, { m: Marginal; from: string }>;
    for (const part of byFirstDimension(view)) {
      const n = total(part);
      if (rule.perItem === 'exactlyOne' ? n !== population.n : n > population.n) {
        return bad(`${part.id} counts ${n}, ${rule.perItem === 'exactlyOne' ? 'exactly' : 'at most'} the ${population.n} ${table.population} sessions of ${population.from}`);
      }
      for (const dimension of part.dimensions) {
        const ref = reference.get(dimension);
        if (!ref) continue;
        const m = marginal(part, dimension);
        const wrong =
          rule.perItem === 'exactlyOne' ? !sameMarginal(m, ref.m) : [...m.entries()].some(([c, k]) => k > (ref.m.get(c) ?? 0));
        if (wrong) return bad(`${part.id} and ${ref.from} disagree on ${dimension}: ${describe(m)} against ${describe(ref.m)}`);
      }
    }
    if (rule.perSession) {
      const { min, max } = rule.perSession;
      const n = total(view);
      if (n < min * population.n || (max !== undefined && n > max * population.n)) {
        return bad(`${id} counts ${n} items for ${population.n} ${table.population} sessions (${min} to ${max ?? 'any number'} each)`);
      }
      for (const dimension of view.dimensions.slice(1)) {
        const ref = reference.get(dimension);
        if (!ref) continue;
        const m = marginal(view, dimension);
        for (const code of new Set([...m.keys(), ...ref.m.keys()])) {
          const items = m.get(code) ?? 0;
          const people = ref.m.get(code) ?? 0;
          if (items < min * people || (max !== undefined && items > max * people)) {
            return bad(`${id}: ${items} items for ${dimension} ${code}, where ${ref.from} counts ${people} sessions (${min} to ${max ?? 'any number'} each)`);
          }
        }
      }
    }
  }
  return null;
}
