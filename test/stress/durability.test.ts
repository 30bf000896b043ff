/**
 * `synchronous = FULL` and WAL on every opened database (issue 7, "Data survives"): the
 * kiosk's and the analyst's, whichever way they are opened — `openDatabase`, the services the
 * app builds, an existing file left in another journal mode — and `assertDurable` refuses a
 * connection without them. A static check makes sure nothing opens SQLite any other way.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalystServices, openAnalystDatabase } from '../../electron/services/analyst';
import { assertDurable, openDatabase, type Db } from '../../electron/services/database';
import { createKioskServices } from '../../electron/services/kiosk';
import { repoRoot } from '../harness/repo-root';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import { expectDurable, SYNCHRONOUS } from './durable';
import { prng, randomValidRecord } from './fixtures/records';

let dir: string;
const open: Db[] = [];
const track = <T extends { close(): void }>(x: T): T => {
  open.push(x as unknown as Db);
  return x;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reperes-durable-'));
});

afterEach(() => {
  for (const db of open.splice(0)) {
    try {
      db.close();
    } catch {
      /* already closed */
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A database opened with better-sqlite3 directly, in the given modes. */
function raw(name: string, journal: string, synchronous: number): Db {
  const db = track(new Database(join(dir, name)));
  db.pragma(`journal_mode = ${journal}`);
  db.pragma(`synchronous = ${synchronous}`);
  return db;
}

describe('every opened database is WAL with synchronous = FULL', () => {
  it('openDatabase, on a new file', () => {
    expectDurable(track(openDatabase(join(dir, 'kiosk.db'))));
  });

  it('openDatabase, on every connection to the same file (synchronous belongs to the connection)', () => {
    const file = join(dir, 'kiosk.db');
    const first = track(openDatabase(file));
    const second = track(openDatabase(file));
    expectDurable(first);
    expectDurable(second);
  });

  it.each([
    ['rollback journal (delete), synchronous NORMAL', 'delete', SYNCHRONOUS.NORMAL],
    ['truncate journal, synchronous OFF', 'truncate', SYNCHRONOUS.OFF],
    ['WAL, synchronous NORMAL', 'wal', SYNCHRONOUS.NORMAL],
  ])('openDatabase, on an existing file left in %s', (_label, journal, synchronous) => {
    const file = join(dir, 'old.db');
    const before = raw('old.db', journal, synchronous);
    before.exec('CREATE TABLE kept (x)');
    before.prepare('INSERT INTO kept VALUES (42)').run();
    before.close();
    const db = track(openDatabase(file));
    expectDurable(db);
    expect(db.prepare('SELECT x FROM kept').get()).toEqual({ x: 42 });
  });

  it('the kiosk services (createKioskServices), as the app and the browser harness build them', () => {
    const services = createKioskServices({ userDataDir: join(dir, 'kiosk'), mode: 'kiosk' });
    track(services);
    expectDurable(services.db);
    // And still so after the services have written (a session, a setting).
    services.sessions.save(randomValidRecord(prng(1), currentQuestionnaire.hash));
    services.settings.update({ siteName: 'Médiathèque' });
    expect(statSync(`${services.db.name}-wal`).size).toBeGreaterThan(0);
    expectDurable(services.db);
  });

  it('the analyst database (openAnalystDatabase and createAnalystServices)', () => {
    expectDurable(track(openAnalystDatabase(join(dir, 'analyst.db'))));
    const services = createAnalystServices({ userDataDir: join(dir, 'analyst') });
    track(services);
    expectDurable(services.db);
  });

  it('an in-memory database (tests) needs synchronous = FULL; WAL is impossible there', () => {
    const db = track(openDatabase(':memory:'));
    expectDurable(db);
  });
});

describe('assertDurable refuses a connection without the pragmas', () => {
  it.each([
    ['better-sqlite3 defaults (rollback journal)', null, null],
    ['journal_mode = delete, synchronous = FULL', 'delete', SYNCHRONOUS.FULL],
    ['journal_mode = truncate, synchronous = FULL', 'truncate', SYNCHRONOUS.FULL],
    ['journal_mode = persist, synchronous = FULL', 'persist', SYNCHRONOUS.FULL],
    ['journal_mode = memory, synchronous = FULL', 'memory', SYNCHRONOUS.FULL],
    ['journal_mode = off, synchronous = FULL', 'off', SYNCHRONOUS.FULL],
    ['WAL, synchronous = NORMAL (better-sqlite3 users often pick this)', 'wal', SYNCHRONOUS.NORMAL],
    ['WAL, synchronous = OFF', 'wal', SYNCHRONOUS.OFF],
  ])('%s', (_label, journal, synchronous) => {
    const db = track(new Database(join(dir, 'raw.db')));
    if (journal !== null) db.pragma(`journal_mode = ${journal}`);
    if (synchronous !== null) db.pragma(`synchronous = ${synchronous}`);
    expect(() => assertDurable(db)).toThrow(/WAL|synchronous/);
  });

  it('expectDurable itself fails on such a connection', () => {
    expect(() => expectDurable(raw('normal.db', 'wal', SYNCHRONOUS.NORMAL))).toThrow();
    expect(() => expectDurable(raw('delete.db', 'delete', SYNCHRONOUS.FULL))).toThrow();
  });

  it('accepts WAL with synchronous = FULL', () => {
    expect(() => assertDurable(raw('ok.db', 'wal', SYNCHRONOUS.FULL))).not.toThrow();
  });

  it('in-memory with synchronous = NORMAL is refused too', () => {
    const db = track(new Database(':memory:'));
    db.pragma('synchronous = NORMAL');
    expect(() => assertDurable(db)).toThrow(/synchronous/);
  });
});

describe('nothing opens SQLite except through openDatabase', () => {
  it('no module of the app imports better-sqlite3 as a value or calls new Database( outside electron/services/database.ts', () => {
    const root = repoRoot();
    const files: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name)) files.push(path);
      }
    };
    for (const folder of ['electron', 'shared', 'renderer', 'bin', 'scripts', 'tools']) {
      try {
        walk(join(root, folder));
      } catch {
        /* folder absent */
      }
    }
    expect(files.length).toBeGreaterThan(10);
    const offenders = files
      .map((file) => ({ file: relative(root, file), text: readFileSync(file, 'utf8') }))
      .filter(({ file }) => file !== join('electron', 'services', 'database.ts'))
      .filter(({ text }) => /import\s+(?!type\b)[^;]*from\s+['"]better-sqlite3['"]|require\(\s*['"]better-sqlite3['"]\s*\)|import\(\s*['"]better-sqlite3['"]\s*\)|new\s+Database\s*\(/.test(text))
      .map(({ file }) => file);
    expect(offenders).toEqual([]);
  });
});
