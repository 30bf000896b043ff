/**
 * What a `--db` file is, found before anything opens it for writing: a kiosk database given
 * to `publish` used to run the analyst's migrations on it ("schema 3 is newer than this
 * application knows"), and an analyst database given to `export` ran the kiosk's
 * ("Cannot read properties of undefined (reading 'sql')"), half-changing the file. Each command
 * checks the kind first and, when it is the wrong one, says what the file is and what to do.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openForInspection, type Db } from '../services/database';

export type DatabaseKind = 'missing' | 'folder' | 'empty' | 'kiosk' | 'analyst' | 'notSqlite' | 'other' | 'unreadable';

/** Tables only a kiosk database has (any one of them is enough, as the schema grows). */
const KIOSK_TABLES = ['settings', 'export_log', 'sessions', 'visit_counts', 'staff_auth', 'kiosk_identity', 'kiosk_installation', 'config_packs'];
/** Tables only an analyst database has (all of them). */
const ANALYST_TABLES = ['kiosks', 'bundles', 'cells'];

export function databaseKind(file: string): DatabaseKind {
  if (!existsSync(file)) return 'missing';
  const stats = statSync(file);
  if (stats.isDirectory()) return 'folder';
  if (stats.size === 0) return 'empty';
  let db: Db | undefined;
  try {
    // Read-only, and no migration: looking changes nothing.
    db = openForInspection(file);
    const names = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    if (ANALYST_TABLES.every((t) => names.has(t))) return 'analyst';
    if (KIOSK_TABLES.some((t) => names.has(t))) return 'kiosk';
    const userTables = [...names].filter((n) => n !== 'schema_version' && !n.startsWith('sqlite_'));
    return userTables.length === 0 ? 'empty' : 'other';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') return 'notSqlite';
    return 'unreadable';
  } finally {
    db?.close();
  }
}

/** What a file of this kind is, in a sentence. */
export function describeKind(file: string, kind: DatabaseKind): string {
  switch (kind) {
    case 'missing':
      return `${file} does not exist`;
    case 'folder':
      return `${file} is a folder, not a database file`;
    case 'empty':
      return `${file} is an empty database`;
    case 'kiosk':
      return `${file} is a kiosk database (the visits of one kiosk)`;
    case 'analyst':
      return `${file} is an analyst database (imported exports of kiosks)`;
    case 'notSqlite':
      return `${file} is not a SQLite database`;
    case 'other':
      return `${file} is a SQLite database of another application`;
    case 'unreadable':
      return `${file} cannot be read`;
  }
}

/** The folder that would hold a new database file, when it does not exist. */
export function missingParent(file: string): string | null {
  const parent = dirname(resolve(file));
  return existsSync(parent) ? null : parent;
}
