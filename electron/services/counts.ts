/**
 * The kiosk's counts: the one owner of `visit_counts`, `cell_counts` and `count_period`.
 *
 * A visit is never stored. When it ends it is added, in one transaction, to the cells of
 * every table its questionnaire version declares (shared/export/tables.ts) for the open
 * export period, and to the number of visits of its month: nothing else about the person
 * reaches the disk. No row per visit, no day, no duration, no answer, no id that orders
 * visits. The finest time stored is the month.
 *
 * Periods: visits go to the open period; an export closes it (the next visit opens the
 * next one) and signs the closed period's counts, one bundle per questionnaire version.
 * Closed counts are kept (the staff dashboard reads them; the bundle bytes are kept too, so
 * a re-issue is byte for byte). Period 0 holds visits folded in by migration 5 that an
 * export had already covered: they are counted for the dashboard and never exported again.
 */
import type { Db } from './database';
import { MISSING, toTable, type SessionFacts, type TableDeclaration, type Tables } from '../../shared/export/tables';
import { tableSetFor } from '../../shared/export/table-sets';

export interface QuestionnaireKey {
  id: string;
  version: string;
  hash: string;
}

/** One questionnaire version's counts of one period: what one bundle holds. */
export interface CountGroup {
  period: number;
  questionnaire: QuestionnaireKey;
  visits: number;
  from: string;
  to: string;
}

/** The period of visits exported before the kiosk kept counts (migration 5): never exported again. */
export const EXPORTED_BEFORE_COUNTS = 0;

/** Where a code is absent (a table of fewer than three dimensions): never a real code. */
const NONE = '';

export function createCountTables(db: Db): void {
  db.exec(`
    -- One row: the export period visits are added to now.
    CREATE TABLE count_period (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      open INTEGER NOT NULL CHECK (open >= 1)
    ) STRICT;
    INSERT INTO count_period (id, open) VALUES (1, 1);

    -- Visits per period, questionnaire version, month and status.
    CREATE TABLE visit_counts (
      period INTEGER NOT NULL CHECK (period >= 0),
      questionnaire_id TEXT NOT NULL,
      questionnaire_version TEXT NOT NULL,
      questionnaire_hash TEXT NOT NULL,
      month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
      status TEXT NOT NULL CHECK (status IN ('completed', 'abandoned')),
      visits INTEGER NOT NULL CHECK (visits >= 1),
      PRIMARY KEY (period, questionnaire_id, questionnaire_version, questionnaire_hash, month, status)
    ) STRICT, WITHOUT ROWID;

    -- The cells of the declared tables, per period and questionnaire version (up to three codes).
    CREATE TABLE cell_counts (
      period INTEGER NOT NULL CHECK (period >= 0),
      questionnaire_id TEXT NOT NULL,
      questionnaire_version TEXT NOT NULL,
      questionnaire_hash TEXT NOT NULL,
      table_id TEXT NOT NULL,
      code1 TEXT NOT NULL,
      code2 TEXT NOT NULL,
      code3 TEXT NOT NULL,
      count INTEGER NOT NULL CHECK (count >= 1),
      PRIMARY KEY (period, questionnaire_id, questionnaire_version, questionnaire_hash, table_id, code1, code2, code3)
    ) STRICT, WITHOUT ROWID;
  `);
}

export interface CountStore {
  /** The open period's number. */
  openPeriod(): number;
  /**
   * Adds one visit to every declared table of its questionnaire version, in the open period
   * (or `period`), and to its month's visits. The caller wraps it in a transaction.
   */
  add(questionnaire: QuestionnaireKey, visit: SessionFacts, period?: number): void;
  /** Closes the open period if it holds visits (new visits go to the next one); returns whether it did. */
  closeOpenPeriod(): boolean;
  /** Every (period, questionnaire) group of closed periods ≥ 1, oldest first. */
  closedGroups(): CountGroup[];
  /** The tables of one group, in its version's table set, as a bundle holds them. */
  tablesOf(group: Pick<CountGroup, 'period' | 'questionnaire'>): Tables;
  /** Every period's tables, per questionnaire version (for the dashboard). */
  allTables(): { version: string; tables: Tables }[];
  /** Visits counted, by status (every period). */
  visits(): { completed: number; abandoned: number };
  /** Visits of periods from `period` on (the open one: not yet exported). */
  visitsFrom(period: number): number;
  /** Month span of every counted visit, or null. */
  months(): { from: string; to: string } | null;
}

export function createCountStore(db: Db): CountStore {
  const getOpen = db.prepare('SELECT open FROM count_period WHERE id = 1').pluck();
  const bumpOpen = db.prepare('UPDATE count_period SET open = open + 1 WHERE id = 1');
  const addVisit = db.prepare(`INSERT INTO visit_counts (period, questionnaire_id, questionnaire_version, questionnaire_hash, month, status, visits)
    VALUES (?, ?, ?, ?, ?, ?, 1)
    ON CONFLICT DO UPDATE SET visits = visits + 1`);
  const addCell = db.prepare(`INSERT INTO cell_counts (period, questionnaire_id, questionnaire_version, questionnaire_hash, table_id, code1, code2, code3, count)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
    ON CONFLICT DO UPDATE SET count = count + 1`);
  const periodHasVisits = db.prepare('SELECT 1 FROM visit_counts WHERE period = ? LIMIT 1');
  const groups = db.prepare(`SELECT period, questionnaire_id AS id, questionnaire_version AS version, questionnaire_hash AS hash,
      sum(visits) AS visits, min(month) AS "from", max(month) AS "to"
    FROM visit_counts WHERE period >= 1 AND period < ?
    GROUP BY period, questionnaire_id, questionnaire_version, questionnaire_hash
    ORDER BY period, questionnaire_version, questionnaire_id, questionnaire_hash`);
  const cellsOf = db.prepare(`SELECT table_id, code1, code2, code3, count FROM cell_counts
    WHERE period = ? AND questionnaire_id = ? AND questionnaire_version = ? AND questionnaire_hash = ?`).raw(true);
  const allCells = db.prepare(`SELECT questionnaire_version, table_id, code1, code2, code3, sum(count) FROM cell_counts
    GROUP BY questionnaire_version, table_id, code1, code2, code3`).raw(true);
  const byStatus = db.prepare('SELECT status, sum(visits) AS n FROM visit_counts GROUP BY status');
  const from = db.prepare('SELECT coalesce(sum(visits), 0) FROM visit_counts WHERE period >= ?').pluck();
  const span = db.prepare('SELECT min(month) AS "from", max(month) AS "to" FROM visit_counts');

  const open = () => getOpen.get() as number;

  /** Tables of one version from its cell rows: the same cells and order as `tabulate` makes. */
  function tablesFrom(version: string, rows: Iterable<unknown[]>): Tables {
    const set = tableSetFor(version);
    if (!set) throw new Error(`no table set for questionnaire version ${version}`);
    const counts = new Map<string, Map<string, number>>(set.map((t) => [t.id, new Map()]));
    for (const [tableId, c1, c2, c3, count] of rows as Iterable<[string, string, string, string, number]>) {
      const declaration = set.find((t) => t.id === tableId);
      const map = counts.get(tableId);
      if (!declaration || !map) continue;
      const codes = [c1, c2, c3].slice(0, declaration.dimensions.length);
      map.set(JSON.stringify(codes), count);
    }
    return Object.fromEntries(set.map((t) => [t.id, toTable(t, counts.get(t.id) as Map<string, number>)]));
  }

  return {
    openPeriod: open,
    add(questionnaire, visit, period = open()) {
      const set = tableSetFor(questionnaire.version);
      if (!set) throw new Error(`no table set for questionnaire version ${questionnaire.version}`);
      const q = [questionnaire.id, questionnaire.version, questionnaire.hash] as const;
      addVisit.run(period, ...q, visit.day.slice(0, 7), visit.status);
      for (const table of set as readonly TableDeclaration[]) {
        for (const tuple of table.tuples(visit)) {
          addCell.run(period, ...q, table.id, tuple[0] ?? MISSING, tuple[1] ?? NONE, tuple[2] ?? NONE);
        }
      }
    },
    closeOpenPeriod() {
      if (!periodHasVisits.get(open())) return false;
      bumpOpen.run();
      return true;
    },
    closedGroups() {
      const rows = groups.all(open()) as (QuestionnaireKey & { period: number; visits: number; from: string; to: string })[];
      return rows.map((r) => ({ period: r.period, questionnaire: { id: r.id, version: r.version, hash: r.hash }, visits: r.visits, from: r.from, to: r.to }));
    },
    tablesOf(group) {
      const q = group.questionnaire;
      return tablesFrom(q.version, cellsOf.iterate(group.period, q.id, q.version, q.hash) as Iterable<unknown[]>);
    },
    allTables() {
      const byVersion = new Map<string, unknown[][]>();
      for (const row of allCells.iterate() as Iterable<unknown[]>) {
        const [version, ...rest] = row as [string, ...unknown[]];
        if (!tableSetFor(version)) continue;
        const list = byVersion.get(version) ?? [];
        list.push(rest);
        byVersion.set(version, list);
      }
      return [...byVersion].map(([version, rows]) => ({ version, tables: tablesFrom(version, rows) }));
    },
    visits() {
      const out = { completed: 0, abandoned: 0 };
      for (const row of byStatus.all() as { status: 'completed' | 'abandoned'; n: number }[]) out[row.status] = row.n;
      return out;
    },
    visitsFrom: (period) => from.get(period) as number,
    months() {
      const row = span.get() as { from: string | null; to: string | null };
      return row.from === null || row.to === null ? null : { from: row.from, to: row.to };
    },
  };
}
