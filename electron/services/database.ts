/**
 * Opening a Repères SQLite database: the only place that sets durability pragmas and runs
 * migrations, so the kiosk, the command line and the tests all get the same guarantees.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

/**
 * WAL keeps readers (dashboard, export) from blocking the kiosk's writes; synchronous=FULL
 * makes every acknowledged commit survive a power cut (better-sqlite3 would otherwise leave
 * WAL at NORMAL, which can lose the last commits).
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    assertDurable(db);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Looking at a database without changing it (what kind of file is this?): read-only, no
 * pragma that writes, no migration. Still the one place that opens SQLite.
 */
export function openForInspection(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true });
}

export function assertDurable(db: Db): void {
  const mode = db.pragma('journal_mode', { simple: true });
  const sync = db.pragma('synchronous', { simple: true });
  // In-memory databases cannot use WAL; every file database must.
  if (db.name !== ':memory:' && mode !== 'wal') throw new Error(`database ${db.name} is not in WAL mode (${String(mode)})`);
  if (sync !== 2) throw new Error(`database ${db.name} does not use synchronous=FULL (${String(sync)})`);
}

export function schemaVersion(db: Db): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!table) return 0;
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  return row?.version ?? 0;
}

/** Forward-only: each pending migration runs in its own transaction with its version bump. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  if (!db.prepare('SELECT 1 FROM schema_version').get()) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`database schema ${current} is newer than this application knows (${latest}); refusing to touch it`);
  }
  let vacuum = false;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.prepare('UPDATE schema_version SET version = ?').run(migration.version);
    })();
    vacuum ||= migration.vacuum === true;
  }
  if (vacuum) {
    db.exec('VACUUM');
    // The WAL may still hold pages of deleted rows: fold it into the file and empty it.
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
