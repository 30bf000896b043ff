/**
 * Opening the kiosk database: durability pragmas on every open, forward-only migrations each
 * in a transaction, refusal of a newer schema, and count tables that cannot hold anything
 * finer than a month (docs/privacy.md). Real SQLite files in a temp folder.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion, type Db } from '../../electron/services/database';
import { MIGRATIONS, type Migration } from '../../electron/services/migrations';

let dir: string;
let file: string;
const open: Db[] = [];

function track(db: Db): Db {
  open.push(db);
  return db;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reperes-db-'));
  file = join(dir, 'kiosk.db');
});

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const LATEST = MIGRATIONS.at(-1)?.version ?? 0;
/** Schema 4: the last with a row per visit (`sessions`), folded into counts by migration 5. */
const V4 = MIGRATIONS.filter((m) => m.version <= 4);

function insertSession(db: Db, day = '2026-03-14', durationS = 120): void {
  db.prepare(
    `INSERT INTO sessions (day, questionnaire_id, questionnaire_version, questionnaire_hash, language, status, last_step,
      accompanied, duration_s, answers, exercises, scores, recommendations)
     VALUES (?, 'reperes-diagnostic', '1.0.0', ?, 'fr', 'completed', 'result', 0, ?, '{"ageBand":"A75_PLUS"}', '{}', '{}', '[]')`,
  ).run(day, 'a'.repeat(64), durationS);
}

function tables(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

/** A database left at version 1 with two sessions and one setting, closed. */
function databaseAtVersion1(): void {
  const db = openDatabase(file, MIGRATIONS.slice(0, 1));
  insertSession(db, '2026-01-05');
  insertSession(db, '2026-01-06', 300);
  db.prepare("INSERT INTO settings (key, value) VALUES ('siteCode', '\"LABO\"')").run();
  db.close();
}

function snapshot(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return {
      version: (db.prepare('SELECT version FROM schema_version').get() as { version: number }).version,
      sessions: db.prepare('SELECT * FROM sessions ORDER BY id').all(),
      settings: db.prepare('SELECT * FROM settings ORDER BY key').all(),
      tables: tables(db),
    };
  } finally {
    db.close();
  }
}

describe('openDatabase on a new file', () => {
  it('creates the latest schema with WAL and synchronous = FULL', () => {
    const db = track(openDatabase(file));
    expect(LATEST).toBeGreaterThanOrEqual(1);
    expect(schemaVersion(db)).toBe(LATEST);
    expect(tables(db)).toEqual(expect.arrayContaining(['schema_version', 'visit_counts', 'cell_counts', 'count_period', 'settings', 'export_log']));
    expect(tables(db)).not.toContain('sessions');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('sets synchronous = FULL again on every open (it is per connection, not stored)', () => {
    track(openDatabase(file)).close();
    const db = track(openDatabase(file));
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('reopening', () => {
  it('keeps the data and re-runs no migration', () => {
    const calls: number[] = [];
    const counted: Migration[] = MIGRATIONS.map((m) => ({ ...m, up: (db) => (calls.push(m.version), m.up(db)) }));

    const first = openDatabase(file, counted);
    expect(calls).toEqual(MIGRATIONS.map((m) => m.version));
    first.prepare("INSERT INTO visit_counts VALUES (1, 'q', '2.0.0', 'h', '2026-03', 'completed', 4)").run();
    first.prepare("INSERT INTO settings (key, value) VALUES ('siteName', '\"Le Labo\"')").run();
    first.close();

    const again = track(openDatabase(file, counted));
    expect(calls).toEqual(MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(again)).toBe(LATEST);
    expect(again.prepare('SELECT month, visits FROM visit_counts').all()).toEqual([{ month: '2026-03', visits: 4 }]);
    expect(again.prepare('SELECT value FROM settings WHERE key = ?').get('siteName')).toEqual({ value: '"Le Labo"' });
    expect((again.prepare('SELECT count(*) AS n FROM schema_version').get() as { n: number }).n).toBe(1);
  });

  it('applies a new migration 2 to a version-1 database with rows, inside a transaction', () => {
    databaseAtVersion1();
    let ranInTransaction = false;
    const migration2: Migration = {
      version: 2,
      description: 'test: a kiosk batch column',
      up(db) {
        ranInTransaction = db.inTransaction;
        db.exec("ALTER TABLE sessions ADD COLUMN batch TEXT NOT NULL DEFAULT 'none'");
        db.exec("UPDATE sessions SET batch = 'b1'");
      },
    };
    const db = track(openDatabase(file, [...MIGRATIONS.slice(0, 1), migration2]));
    expect(ranInTransaction).toBe(true);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT day, duration_s, batch FROM sessions ORDER BY id').all()).toEqual([
      { day: '2026-01-05', duration_s: 120, batch: 'b1' },
      { day: '2026-01-06', duration_s: 300, batch: 'b1' },
    ]);
    expect(db.prepare('SELECT value FROM settings').all()).toEqual([{ value: '"LABO"' }]);
  });

  it('rolls back a failing migration: schema version, schema and data unchanged', () => {
    databaseAtVersion1();
    const before = snapshot(file);
    const failing: Migration = {
      version: 2,
      description: 'test: fails half-way',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        db.exec('DELETE FROM sessions');
        db.exec("UPDATE settings SET value = '\"CHANGED\"'");
        throw new Error('disk hiccup in migration 2');
      },
    };
    expect(() => openDatabase(file, [...MIGRATIONS.slice(0, 1), failing])).toThrow('disk hiccup in migration 2');
    const after = snapshot(file);
    expect(after.version).toBe(1);
    expect(after).toEqual(before);
    expect(after.tables).not.toContain('half_done');
    expect(after.sessions).toHaveLength(2);
  });

  it('refuses a database newer than the application, without modifying it', () => {
    databaseAtVersion1();
    const raw = new Database(file);
    raw.prepare('UPDATE schema_version SET version = ?').run(LATEST + 5);
    raw.close(); // checkpoints the WAL into the main file
    const before = snapshot(file);
    const bytes = createHash('sha256').update(readFileSync(file)).digest('hex');

    let upCalled = false;
    const spying = MIGRATIONS.map((m) => ({ ...m, up: (db: Db) => ((upCalled = true), m.up(db)) }));
    expect(() => openDatabase(file, spying)).toThrow(/newer than this application/);
    expect(upCalled).toBe(false);
    expect(snapshot(file)).toEqual(before);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(bytes);
  });
});

describe('the count tables (privacy by design)', () => {
  it('have exactly the expected columns: a month, codes and counts, nothing per visit', () => {
    const db = track(openDatabase(file));
    const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('visit_counts')).toEqual(['period', 'questionnaire_id', 'questionnaire_version', 'questionnaire_hash', 'month', 'status', 'visits']);
    expect(columns('cell_counts')).toEqual(['period', 'questionnaire_id', 'questionnaire_version', 'questionnaire_hash', 'table_id', 'code1', 'code2', 'code3', 'count']);
    // WITHOUT ROWID: no hidden id that would order the visits.
    for (const table of ['visit_counts', 'cell_counts']) expect(() => db.prepare(`SELECT rowid FROM ${table}`).all()).toThrow(/no such column/);
  });

  it('refuse a month that is a day, a time or anything but YYYY-MM, and counts below 1', () => {
    const db = track(openDatabase(file));
    const insert = db.prepare("INSERT INTO visit_counts VALUES (1, 'q', '2.0.0', 'h', ?, 'completed', ?)");
    for (const bad of ['2026-03-14', '2026-03-14T10:32', '03/2026', '2026-3', '']) expect(() => insert.run(bad, 1), bad).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('2026-03', 0)).toThrow(/CHECK constraint failed/);
    insert.run('2026-03', 1);
    expect(db.prepare('SELECT count(*) FROM visit_counts').pluck().get()).toBe(1);
  });
});

describe('the sessions table of schema 4 (privacy by design, until migration 5 folds it)', () => {
  const EXPECTED_COLUMNS = [
    'id',
    'day',
    'questionnaire_id',
    'questionnaire_version',
    'questionnaire_hash',
    'language',
    'status',
    'last_step',
    'accompanied',
    'duration_s',
    'answers',
    'exercises',
    'scores',
    'recommendations',
  ];

  it('has exactly the expected columns and none that could identify a person', () => {
    const db = track(openDatabase(file, V4));
    const columns = (db.prepare('PRAGMA table_info(sessions)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(EXPECTED_COLUMNS);
    const identifying = /name|email|phone|ip|mac|device|birth|time|address/i;
    expect(columns.filter((c) => identifying.test(c))).toEqual([]);
    // The pattern itself must catch what it is meant to catch.
    expect(['first_name', 'ip_address', 'device_id', 'birth_date', 'created_time', 'timestamp'].every((c) => identifying.test(c))).toBe(true);
  });

  it('rejects a duration that is not a multiple of 10 s, and negative ones', () => {
    const db = track(openDatabase(file, V4));
    expect(() => insertSession(db, '2026-03-14', 35)).toThrow(/CHECK constraint failed/);
    expect(() => insertSession(db, '2026-03-14', 31)).toThrow(/CHECK constraint failed/);
    expect(() => insertSession(db, '2026-03-14', -10)).toThrow(/CHECK constraint failed/);
    insertSession(db, '2026-03-14', 40);
    expect((db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n).toBe(1);
  });

  it('rejects a day that is not a bare YYYY-MM-DD (no time, no other format)', () => {
    const db = track(openDatabase(file, V4));
    for (const bad of ['2026-03-14T10:32:00', '2026-03-14 10:32', '14/03/2026', '2026-3-14', '', 'yesterday']) {
      expect(() => insertSession(db, bad), bad).toThrow(/CHECK constraint failed/);
    }
    expect((db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n).toBe(0);
  });

  it('rejects JSON columns holding something other than JSON', () => {
    const db = track(openDatabase(file, V4));
    expect(() =>
      db
        .prepare(
          `INSERT INTO sessions (day, questionnaire_id, questionnaire_version, questionnaire_hash, language, status, last_step,
            accompanied, duration_s, answers, exercises, scores, recommendations)
           VALUES ('2026-03-14', 'q', '1.0.0', 'h', 'fr', 'completed', 'result', 0, 10, 'Jean Dupont', '{}', '{}', '[]')`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
