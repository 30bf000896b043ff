/**
 * The durability check every opened Repères database must pass (docs/development.md: WAL *and*
 * `synchronous = FULL` on every open). Shared by the stress tests and reusable by any test
 * that opens a database (kiosk, analyst, CLI): `expectDurable(db)`.
 *
 * `synchronous` belongs to the connection, not the file, so this checks the very connection
 * the code under test uses; `journal_mode = wal` is also persistent, and for a file database
 * the header says so (bytes 18–19 equal 2), so a later open by another tool stays in WAL.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { assertDurable, type Db } from '../../electron/services/database';

/** SQLite's `PRAGMA synchronous` values. */
export const SYNCHRONOUS = { OFF: 0, NORMAL: 1, FULL: 2, EXTRA: 3 } as const;

export function expectDurable(db: Db): void {
  const where = `database ${db.name}`;
  expect(db.open, `${where} is open`).toBe(true);
  expect(db.pragma('synchronous', { simple: true }), `${where}: synchronous`).toBe(SYNCHRONOUS.FULL);
  if (db.memory) return;
  expect(db.pragma('journal_mode', { simple: true }), `${where}: journal_mode`).toBe('wal');
  const header = readFileSync(db.name).subarray(0, 20);
  expect(header.subarray(0, 16).toString('latin1'), `${where}: SQLite header`).toBe('SQLite format 3\u0000');
  expect([header[18], header[19]], `${where}: file format versions (2 = WAL)`).toEqual([2, 2]);
  // The product's own guard agrees.
  expect(() => assertDurable(db)).not.toThrow();
}
