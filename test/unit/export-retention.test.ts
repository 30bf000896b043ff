/**
 * Retention never deletes a session that no verified export covers: old exported sessions go,
 * old unexported (or only pending) ones stay, recent ones stay. And session ids are never
 * reused after a purge, so the watermark cannot swallow a new visit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeExportFs, type ExportFs } from '../../electron/services/export/files';
import { applyRetention, retentionCutoff } from '../../electron/services/retention';
import { cleanupKiosks, testKiosk, unlockedKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

const days = (kiosk: Awaited<ReturnType<typeof testKiosk>>) => kiosk.services.sessions.list().map((s) => s.day);

/** Gives every stored session this day (as if they had all been recorded then). */
function age(kiosk: Awaited<ReturnType<typeof testKiosk>>, day: string) {
  kiosk.services.db.prepare('UPDATE sessions SET day = ?').run(day);
}

describe('retention', () => {
  it('computes the cutoff in calendar months', () => {
    expect(retentionCutoff(new Date(2026, 10, 20), 12)).toBe('2025-11-20');
    expect(retentionCutoff(new Date(2026, 2, 31), 1)).toBe('2026-02-28');
    expect(retentionCutoff(new Date(2026, 0, 15), 3)).toBe('2025-10-15');
  });

  it('never deletes an unexported session, however old', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(5);
    age(kiosk, '2020-01-06');
    expect(applyRetention(kiosk.services.db, { today: kiosk.clock.now, retentionMonths: 1 }).deleted).toBe(0);
    kiosk.reopen(); // retention also runs at start
    expect(kiosk.services.sessions.count()).toBe(5);
  });

  it('never deletes sessions of a pending (unverified) export', async () => {
    const state = { fail: true };
    const fs: ExportFs = {
      ...nodeExportFs,
      async writeSynced(file, data) {
        if (state.fail) throw Object.assign(new Error('full'), { code: 'ENOSPC' });
        return nodeExportFs.writeSynced(file, data);
      },
    };
    const kiosk = await testKiosk({ exportFs: fs });
    kiosk.addQuickVisits(4);
    age(kiosk, '2020-01-06');
    await unlockedKiosk(kiosk);
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: false, reason: 'noSpace' });
    await kiosk.services.handlers['staff:update-settings']({ retentionMonths: 1 });
    expect(kiosk.services.sessions.count()).toBe(4);
    state.fail = false;
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: true });
    // Verified now, and older than a month: gone right after the export.
    expect(kiosk.services.sessions.count()).toBe(0);
  });

  it('deletes exported sessions older than the setting, keeps recent and unexported ones', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(6);
    age(kiosk, '2025-03-10'); // 20 months before the kiosk's "today" (2026-11-20)
    await unlockedKiosk(kiosk);
    await kiosk.services.handlers['staff:export'](undefined);
    // The default (12 months) deleted the six old exported sessions right after the export.
    expect(kiosk.services.sessions.count()).toBe(0);

    kiosk.addQuickVisits(3); // recent, then exported
    await kiosk.services.handlers['staff:export'](undefined);
    kiosk.addQuickVisits(2); // recent, unexported
    kiosk.services.db.prepare("UPDATE sessions SET day = '2019-05-02' WHERE id > (SELECT max(last_session_id) FROM export_log)").run();
    const left = applyRetention(kiosk.services.db, { today: kiosk.clock.now, retentionMonths: 12 });
    expect(left.deleted).toBe(0);
    expect(days(kiosk).filter((d) => d === '2019-05-02')).toHaveLength(2);
    expect(kiosk.services.sessions.count()).toBe(5);
  });

  it('does not reuse session ids after a purge: the next visit is exported, not skipped', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(3);
    age(kiosk, '2024-01-08');
    await unlockedKiosk(kiosk);
    await kiosk.services.handlers['staff:export'](undefined);
    expect(kiosk.services.sessions.count()).toBe(0);
    const watermark = kiosk.services.exporter.watermark();
    kiosk.addQuickVisits(1);
    const [visit] = kiosk.services.sessions.list();
    expect(visit?.id).toBeGreaterThan(watermark);
    expect(kiosk.services.exporter.sessionsSinceExport()).toBe(1);
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: true, bundles: [{ sequence: 2, sessions: 1 }] });
  });

  it('leaves nothing of deleted sessions readable in the database files', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(3);
    kiosk.services.db.prepare("UPDATE sessions SET last_step = 'result', day = '2024-01-08'").run();
    // A marker only deleted rows hold (a known-valid answer code, stored as JSON text).
    kiosk.services.db.prepare("UPDATE sessions SET answers = json_set(answers, '$.procedureSoon', 'YES')").run();
    await unlockedKiosk(kiosk);
    await kiosk.services.handlers['staff:export'](undefined);
    expect(kiosk.services.sessions.count()).toBe(0);
    kiosk.services.close();
    const bytes = Buffer.concat([readFileSync(kiosk.dbFile), existsSync(`${kiosk.dbFile}-wal`) ? readFileSync(`${kiosk.dbFile}-wal`) : Buffer.alloc(0)]);
    expect(bytes.includes(Buffer.from('"procedureSoon":"YES"'))).toBe(false);
  });
});
