import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/database';
import { openOrRecoverDatabase } from '../../electron/services/database-recovery';
import { createSessionRepository } from '../../electron/services/sessions';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';
import { questionnaire } from '../../shared/questionnaire/definition';
import { completedRecord } from '../fixtures/records';

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'reperes-recovery-'));
}

/** A real kiosk database with `n` sessions, closed. */
function kioskFile(dir: string, n: number): string {
  const file = join(dir, 'reperes-kiosk.db');
  const db = openDatabase(file);
  const repo = createSessionRepository(db, questionnaire, () => DEFAULT_DIRECTORY);
  for (let i = 0; i < n; i++) repo.save(completedRecord());
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

const damages: [string, (file: string) => void][] = [
  ['a truncated file', (file) => truncateSync(file, 5000)],
  ['random bytes', (file) => writeFileSync(file, randomBytes(64 * 1024))],
  ['a file that is not SQLite', (file) => writeFileSync(file, 'Ceci est une liste de courses, pas une base de données.\n')],
  ['a damaged page in the middle', (file) => {
    const bytes = readFileSync(file);
    randomBytes(4096).copy(bytes, 4096 * 2);
    writeFileSync(file, bytes);
  }],
];

describe('opening the kiosk database at start', () => {
  it('opens a healthy database as it is', () => {
    const dir = folder();
    const file = kioskFile(dir, 3);
    const { db, recovery } = openOrRecoverDatabase(file);
    expect(recovery).toBeNull();
    expect(db.prepare('SELECT sum(visits) FROM visit_counts').pluck().get()).toBe(3);
    db.close();
  });

  it.each(damages)('moves %s aside under a dated name, keeps its bytes, and starts a working database', (_name, damage) => {
    const dir = folder();
    const file = kioskFile(dir, 40);
    damage(file);
    const damagedBytes = readFileSync(file);
    const now = new Date('2026-11-28T09:15:00Z');

    const { db, recovery } = openOrRecoverDatabase(file, () => now);

    expect(recovery).not.toBeNull();
    expect(recovery?.day).toBe('2026-11-28');
    expect(recovery?.movedTo).toMatch(/reperes-kiosk\.damaged-2026-11-28T09-15-00-000Z\.db$/);
    // Never deleted: the old file is byte for byte where the recovery says.
    expect(readFileSync(recovery?.movedTo ?? '')).toEqual(damagedBytes);
    // The new database serves citizens.
    const repo = createSessionRepository(db, questionnaire, () => DEFAULT_DIRECTORY);
    repo.save(completedRecord());
    expect(repo.count()).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    expect(readdirSync(dir).filter((f) => f.includes('damaged')).length).toBeGreaterThanOrEqual(1);
  });

  it('reports errors that are not damage (a folder that does not exist) instead of moving anything', () => {
    const dir = folder();
    const missing = join(dir, 'nested', 'does-not-exist', 'reperes-kiosk.db');
    expect(() => openOrRecoverDatabase(missing)).toThrow();
    expect(existsSync(missing)).toBe(false);
  });
});
