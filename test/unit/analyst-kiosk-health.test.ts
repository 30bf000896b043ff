/**
 * The analyst's side of kiosk health (issue 16): the newest health each kiosk reported, shown
 * by `reperes kiosks`; kiosks with no export for more than the analyst's number of days
 * flagged (the pure rule, the stored setting through the IPC gate, the CLI's override); and a
 * bundle without health (written before it existed) still imported.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../electron/cli/simulate';
import { runExport } from '../../electron/cli/export-command';
import { createAnalystServices, dispatchAnalyst } from '../../electron/services/analyst';
import { ANALYST_DATABASE_FILE, ANALYST_MIGRATIONS } from '../../electron/services/analyst/migrations';
import { openDatabase } from '../../electron/services/database';
import { createAnalystStore } from '../../electron/services/analyst/store';
import { DEFAULT_OVERDUE_DAYS, daysBetween, exportOverdue } from '../../shared/analyst/kiosk-health';
import type { AnalystOverview } from '../../shared/analyst/types';
import { readBundle, simulateAndExport } from '../harness/analyst-fixtures';
import { reperes } from '../harness/cli';
import { forge, put } from '../harness/hostile-bundles';

describe('exportOverdue', () => {
  it('counts calendar days, across months and leap years', () => {
    expect(daysBetween('2026-01-31', '2026-03-01')).toBe(29);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-06', '2026-12-06')).toBe(0);
    expect(daysBetween('not a day', '2026-12-06')).toBeNull();
  });

  it('flags a kiosk only when its newest export is MORE than the set days old', () => {
    expect(exportOverdue('2026-10-22', '2026-12-06', 45)).toBe(false); // 45 days: not yet
    expect(exportOverdue('2026-10-21', '2026-12-06', 45)).toBe(true); // 46 days
    expect(exportOverdue('2026-12-10', '2026-12-06', 45)).toBe(false); // a kiosk clock ahead
    expect(exportOverdue(null, '2026-12-06', 45)).toBe(false);
    expect(DEFAULT_OVERDUE_DAYS).toBe(45);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'reperes-analyst-health-'));
const oldKiosk = join(dir, 'old.db');
const newKiosk = join(dir, 'new.db');
const userData = join(dir, 'analyst');
const analystDb = join(userData, ANALYST_DATABASE_FILE);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
let oldFile = '';
let newFile = '';

beforeAll(async () => {
  mkdirSync(userData, { recursive: true });
  // A kiosk whose only export was made 60 days ago, and one that exported today.
  await simulate({ db: oldKiosk, sessions: 15, seed: 71, site: 'LABO', until: daysAgo(60), months: 1 });
  const exported = await runExport(oldKiosk, join(dir, 'usb-old'), daysAgo(60));
  expect(exported.ok, exported.lines.join('\n')).toBe(true);
  oldFile = join(dir, 'usb-old', readdirSync(join(dir, 'usb-old')).find((f) => f.endsWith('.json')) as string);
  newFile = (await simulateAndExport(newKiosk, join(dir, 'usb-new'), { sessions: 15, seed: 72, site: 'CS-NORD', until: new Date(), months: 1 }))[0] as string;
  const run = await reperes(['import', '--db', analystDb, '--trust-new', join(dir, 'usb-old'), join(dir, 'usb-new')]);
  expect(run.code, run.err).toBe(0);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reperes kiosks and the Bornes data', () => {
  it("lists each kiosk's health from its newest export and flags the one silent for more than 45 days", async () => {
    const run = await reperes(['kiosks', '--db', analystDb]);
    expect(run.code, run.err).toBe(0);
    const old = readBundle(oldFile);
    const recent = readBundle(newFile);
    expect(old.health).toBeDefined();
    expect(run.out).toContain(`${old.kiosk.pseudonym}  LABO  OVERDUE: no export for more than 45 days\n`);
    expect(run.out).toContain(`${recent.kiosk.pseudonym}  CS-NORD\n`);
    expect(run.out).toContain(`  last export      made ${old.export.created} (60 day(s) ago)`);
    expect(run.out).toContain(`  health           as of export 1 of ${recent.export.created}: app ${recent.health?.appVersion}, questionnaire ${recent.health?.questionnaireVersion}`);
    expect(run.out).toContain(`${recent.health?.restarts} restart(s), crash recoveries: 0 page, 0 unclean stop(s), 0 database`);
    expect(run.out).toContain(`staff alerts none; free disk ${recent.health?.freeDiskMB} MB, database ${recent.health?.databaseMB} MB, last backup none`);
    expect(run.out).toContain('1 kiosk(s) with no export for more than 45 days');
    // For one listing, another number of days; the stored setting is untouched.
    const lenient = await reperes(['kiosks', '--db', analystDb, '--overdue-days', '90']);
    expect(lenient.out).not.toContain('OVERDUE');
    expect(lenient.out).toContain('0 kiosk(s) with no export for more than 90 days');
    expect((await reperes(['kiosks', '--db', analystDb, '--overdue-days', '0'])).code).toBe(2);
    expect((await reperes(['kiosks', '--db', analystDb])).out).toContain('1 kiosk(s) with no export for more than 45 days');
  });

  it('keeps the number of days the analyst sets (checked at the IPC gate) for the window and the CLI', async () => {
    const services = createAnalystServices({ userDataDir: userData });
    try {
      const refused = await dispatchAnalyst(services.handlers, true, 'analyst:set-overdue-days', { days: 0 });
      expect(refused.ok).toBe(false);
      const set = await dispatchAnalyst(services.handlers, true, 'analyst:set-overdue-days', { days: 70 });
      expect(set).toEqual({ ok: true, value: { overdueAfterDays: 70 } });
      const overview = (await dispatchAnalyst(services.handlers, true, 'analyst:overview', undefined)) as { ok: true; value: AnalystOverview };
      expect(overview.value.overdueAfterDays).toBe(70);
      expect(overview.value.kiosks.map((k) => k.exportOverdue)).toEqual([false, false]);
      const old = overview.value.kiosks.find((k) => k.siteCode === 'LABO');
      expect(old?.daysSinceExport).toBe(60);
      expect(old?.health).toMatchObject({ sequence: 1, epoch: '', crashRecoveries: { window: 0, unclean: 0, database: 0 } });
    } finally {
      services.close();
    }
    const run = await reperes(['kiosks', '--db', analystDb]);
    expect(run.out).toContain('0 kiosk(s) with no export for more than 70 days');
    // Back to the default for the other tests.
    const again = createAnalystServices({ userDataDir: userData });
    again.store.setOverdueAfterDays(DEFAULT_OVERDUE_DAYS);
    again.close();
  });

  it('still imports a bundle without health, and says the kiosk has not reported any', async () => {
    const withoutHealth = forge(oldKiosk, oldFile, (b) => void delete b.health, { keepId: true });
    const usb = join(dir, 'usb-legacy');
    mkdirSync(usb, { recursive: true });
    put(usb, readdirSync(join(dir, 'usb-old')).find((f) => f.endsWith('.json')) as string, withoutHealth);
    const otherDb = join(dir, 'legacy-analyst.db');
    const imported = await reperes(['import', '--db', otherDb, '--trust-new', usb]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toMatch(/1 accepted/);
    const run = await reperes(['kiosks', '--db', otherDb]);
    expect(run.out).toContain('health           not reported (exports made before Repères reported health)');
  });
});

describe('analyst migration 3', () => {
  it('copies the health of bundles imported before it out of their signed text, and leaves the others empty', () => {
    const file = join(dir, 'before-migration-3.db');
    const before = openDatabase(file, ANALYST_MIGRATIONS.slice(0, 2));
    const old = readBundle(oldFile);
    const { health: _h, ...bare } = old;
    before.prepare("INSERT INTO kiosks VALUES (?, ?, 'x', '2026-10-01')").run(old.kiosk.pseudonym, old.kiosk.publicKey);
    const insert = before.prepare(`INSERT INTO bundles (export_id, pseudonym, epoch, sequence, sha256, site_code, site_name, questionnaire_id, questionnaire_version,
        questionnaire_hash, period_from, period_to, sessions, created_day, imported_day, file_name, bundle_text) VALUES (?, ?, '', ?, 'h', 'LABO', '', 'q', '2.0.0', 'h', ?, ?, 1, ?, '2026-12-01', 'f', ?)`);
    insert.run(old.export.id, old.kiosk.pseudonym, 1, old.export.from, old.export.to, old.export.created, JSON.stringify(old));
    insert.run('00000000-0000-4000-8000-000000000002', old.kiosk.pseudonym, 2, old.export.from, old.export.to, '2026-01-01', JSON.stringify(bare));
    before.close();
    const after = openDatabase(file, ANALYST_MIGRATIONS);
    try {
      const rows = after.prepare('SELECT sequence, health FROM bundles ORDER BY sequence').all() as { sequence: number; health: string | null }[];
      expect(rows.map((r) => [r.sequence, r.health === null ? null : JSON.parse(r.health)])).toEqual([
        [1, old.health],
        [2, null],
      ]);
      const [kiosk] = createAnalystStore(after).overview().kiosks;
      expect(kiosk?.health).toMatchObject({ ...old.health, sequence: 1 });
      expect(createAnalystStore(after).overdueAfterDays()).toBe(DEFAULT_OVERDUE_DAYS);
    } finally {
      after.close();
    }
  });
});
