import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, listBackups } from '../../electron/services/backups';
import { openDatabase } from '../../electron/services/database';
import { createSessionRepository } from '../../electron/services/sessions';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';
import { questionnaire } from '../../shared/questionnaire/definition';
import { completedRecord } from '../fixtures/records';

describe('rotating backups', () => {
  it('copies a consistent database that opens and holds every visit counted, while the kiosk keeps writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reperes-backup-'));
    const db = openDatabase(join(dir, 'reperes-kiosk.db'));
    const repo = createSessionRepository(db, questionnaire, () => DEFAULT_DIRECTORY);
    for (let i = 0; i < 200; i++) repo.save(completedRecord());

    const { file } = await backupDatabase(db, join(dir, 'backups'), '2026-11-28');
    repo.save(completedRecord()); // the live database moves on

    const copy = openDatabase(file);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT sum(visits) FROM visit_counts').pluck().get()).toBe(200);
    copy.close();
    db.close();
  });

  it('keeps the newest seven days and removes older ones and leftovers never count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reperes-backup-'));
    const backups = join(dir, 'backups');
    const db = openDatabase(join(dir, 'reperes-kiosk.db'));
    for (let day = 1; day <= 10; day++) await backupDatabase(db, backups, `2026-11-${String(day).padStart(2, '0')}`);
    writeFileSync(join(backups, 'notes.txt'), 'not a backup');
    const kept = listBackups(backups).map((f) => f.slice(-13, -3));
    expect(kept).toEqual(['2026-11-10', '2026-11-09', '2026-11-08', '2026-11-07', '2026-11-06', '2026-11-05', '2026-11-04']);
    expect(readdirSync(backups)).toContain('notes.txt');
    expect(readdirSync(backups).some((f) => f.endsWith('.partial'))).toBe(false);
    db.close();
  });

  it('restores: copying a backup over the database file gives back its counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reperes-backup-'));
    const live = join(dir, 'reperes-kiosk.db');
    const db = openDatabase(live);
    const repo = createSessionRepository(db, questionnaire, () => DEFAULT_DIRECTORY);
    for (let i = 0; i < 5; i++) repo.save(completedRecord());
    const { file } = await backupDatabase(db, join(dir, 'backups'), '2026-11-28');
    db.close();

    const restored = join(dir, 'restored', 'reperes-kiosk.db');
    mkdirSync(join(dir, 'restored'));
    copyFileSync(file, restored);
    expect(existsSync(restored)).toBe(true);
    const back = openDatabase(restored);
    expect(createSessionRepository(back, questionnaire, () => DEFAULT_DIRECTORY).count()).toBe(5);
    back.close();
  });
});
