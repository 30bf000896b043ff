/**
 * The kiosk's health in every export (issue 16): the pure builder (coarse sizes, sorted
 * alert kinds, nothing but the documented fields), the counters the services keep across
 * starts (restarts, unclean stops, database recoveries, watchdog reloads) and the bundles a
 * real export writes: signed with the health, counters moved to the bundle that took them.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import { verifyBundleText } from '../../electron/services/export/verify-bundle';
import { HEALTH_COUNTERS_KEY } from '../../electron/services/kiosk-health';
import { signedText, type Bundle } from '../../shared/export/bundle';
import { bundleSchema } from '../../shared/export/bundle-schema';
import { buildHealth, twoSignificant, type HealthFacts, type KioskHealth } from '../../shared/export/health';
import { healthSchema, type ParsedHealth } from '../../shared/export/health-schema';
import { questionnaire } from '../../shared/questionnaire/definition';
import { version as appVersion } from '../../package.json';
import { cleanupKiosks, testKiosk, unlockedKiosk, type TestKiosk } from './export-fixtures';
import { questionnaireStamp } from '../../shared/questionnaire/current';

afterAll(() => cleanupKiosks());

const facts: HealthFacts = {
  appVersion: '1.2.3',
  questionnaireVersion: '2.0.0',
  restarts: 3,
  windowRecoveries: 2,
  uncleanStops: 1,
  databaseRecoveries: 0,
  staffAlerts: ['noRecoveryCode', 'backupFailed', 'noRecoveryCode'],
  freeDiskBytes: 12_345_678_901,
  databaseBytes: 4_321_000,
  lastBackupDay: '2026-11-19',
};

describe('buildHealth', () => {
  it('keeps counts, sorts alert kinds once each and makes sizes coarse', () => {
    expect(buildHealth(facts)).toEqual({
      appVersion: '1.2.3',
      questionnaireVersion: '2.0.0',
      restarts: 3,
      crashRecoveries: { window: 2, unclean: 1, database: 0 },
      staffAlerts: ['backupFailed', 'noRecoveryCode'],
      // 12 345 MB free rounded down, 4.3 MB of database rounded up (two significant figures).
      freeDiskMB: 12_000,
      databaseMB: 5,
      lastBackup: '2026-11-19',
    });
  });

  it('rounds free disk down and database size up, so a byte-exact size never leaves the kiosk', () => {
    expect(twoSignificant(0, 'down')).toBe(0);
    expect(twoSignificant(7, 'down')).toBe(7);
    expect(twoSignificant(99, 'up')).toBe(99);
    expect(twoSignificant(101, 'up')).toBe(110);
    expect(twoSignificant(101, 'down')).toBe(100);
    expect(twoSignificant(987_654, 'down')).toBe(980_000);
    // Databases that differ by a few visits' bytes look the same.
    const a = buildHealth({ ...facts, databaseBytes: 41_000_001 });
    const b = buildHealth({ ...facts, databaseBytes: 41_900_000 });
    expect(a.databaseMB).toBe(42);
    expect(b.databaseMB).toBe(42);
    // An empty database still says 1 MB; an unknown free space stays unknown.
    expect(buildHealth({ ...facts, databaseBytes: 0, freeDiskBytes: null })).toMatchObject({ databaseMB: 1, freeDiskMB: null });
  });

  it('clamps counts that are not whole non-negative numbers', () => {
    const health = buildHealth({ ...facts, restarts: -4, windowRecoveries: 2.7, uncleanStops: 5e9 });
    expect(health.restarts).toBe(0);
    expect(health.crashRecoveries).toEqual({ window: 2, unclean: 1_000_000, database: 0 });
  });

  it('refuses anything the format does not document (a path, a time, an unknown member)', () => {
    const good = buildHealth(facts);
    expect(healthSchema.safeParse(good).success).toBe(true);
    expect(healthSchema.safeParse({ ...good, movedTo: '/home/borne/reperes.db' }).success).toBe(false);
    expect(healthSchema.safeParse({ ...good, lastBackup: '2026-11-19T10:42' }).success).toBe(false);
    expect(healthSchema.safeParse({ ...good, staffAlerts: ['see /etc/passwd'] }).success).toBe(false);
    expect(() => buildHealth({ ...facts, appVersion: 'latest' })).toThrow();
  });

  // The export builds the health without the schema library (issue 13); what it lets through
  // must be what the analysts' schema accepts, or a kiosk would sign bundles nobody can import.
  it.each<[string, Partial<HealthFacts>]>([
    ['an application version that is not semver', { appVersion: 'latest' }],
    ['a questionnaire version with two numbers', { questionnaireVersion: '2.0' }],
    ['an alert kind with a path in it', { staffAlerts: ['see /etc/passwd'] }],
    ['an alert kind that starts with a capital', { staffAlerts: ['BackupFailed'] }],
    ['21 alert kinds', { staffAlerts: Array.from({ length: 21 }, (_, i) => `alert${String.fromCharCode(97 + i)}`) }],
    ['a backup day with a time of day', { lastBackupDay: '2026-11-19T10:42' }],
    ['a backup day that is no date', { lastBackupDay: '2026-13-40' }],
  ])('refuses, as the analysts would, %s', (_what, change) => {
    expect(() => buildHealth({ ...facts, ...change })).toThrow(/health cannot be exported/);
    const n = facts.restarts;
    const unchecked = {
      ...buildHealth(facts),
      appVersion: change.appVersion ?? facts.appVersion,
      questionnaireVersion: change.questionnaireVersion ?? facts.questionnaireVersion,
      staffAlerts: [...new Set(change.staffAlerts ?? facts.staffAlerts)].sort(),
      lastBackup: change.lastBackupDay ?? facts.lastBackupDay,
      restarts: n,
    };
    expect(healthSchema.safeParse(unchecked).success).toBe(false);
  });

  it('accepts what the analysts accept at the edges (20 alert kinds, no backup, a pre-release version)', () => {
    const edges: HealthFacts = { ...facts, appVersion: '1.0.0-rc.1', staffAlerts: Array.from({ length: 20 }, (_, i) => `alert${String.fromCharCode(97 + i)}`), lastBackupDay: null };
    expect(healthSchema.parse(buildHealth(edges))).toEqual(buildHealth(edges));
  });

  it('has the type the schema parses (health.ts writes it by hand)', () => {
    expectTypeOf<KioskHealth>().toEqualTypeOf<ParsedHealth>();
  });
});

/** The bundles a kiosk wrote to its stick, oldest first. */
function bundlesOn(kiosk: TestKiosk): Bundle[] {
  const usb = kiosk.folder.path as string;
  return readdirSync(usb)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const checked = verifyBundleText(readFileSync(join(usb, name), 'utf8'));
      if (!checked.ok) throw new Error(`${name}: ${checked.reason} ${checked.detail}`);
      return checked.bundle;
    });
}

async function exportNow(kiosk: TestKiosk): Promise<void> {
  await unlockedKiosk(kiosk).catch(() => undefined);
  const unlocked = await kiosk.services.handlers['staff:unlock']({ pin: '246810' });
  if (!unlocked.ok) throw new Error('could not unlock');
  const outcome = await kiosk.services.handlers['staff:export'](undefined);
  if (!outcome.ok) throw new Error(`export failed: ${outcome.reason}`);
}

describe('health in the kiosk exports', () => {
  it('counts restarts, unclean stops and watchdog reloads since the previous bundle, signed with it', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(12);
    // A normal restart (daily restart, quit), then a crash: the database closed without the services.
    kiosk.reopen();
    reopenAfterCrash(kiosk);
    kiosk.services.health.recordWindowRecovery();
    kiosk.services.health.recordWindowRecovery();
    await exportNow(kiosk);

    const [first] = bundlesOn(kiosk);
    expect(first?.health).toMatchObject({
      appVersion,
      questionnaireVersion: questionnaire.version,
      // Three starts: the first, the normal restart and the one after the crash.
      restarts: 3,
      crashRecoveries: { window: 2, unclean: 1, database: 0 },
      // Nothing for staff to act on (the first PIN came with its recovery code).
      staffAlerts: [],
    });
    expect(first?.health?.databaseMB).toBeGreaterThanOrEqual(1);
    expect(first?.health?.freeDiskMB).not.toBeNull();
    // The signature covers the health: the signed text holds it, and a changed count fails.
    expect(signedText(first as Bundle)).toContain('"crashRecoveries":{"database":0,"unclean":1,"window":2}');
    const usb = kiosk.folder.path as string;
    const file = join(usb, readdirSync(usb).find((n) => n.endsWith('.json')) as string);
    const forged = readFileSync(file, 'utf8').replace('"restarts": 3', '"restarts": 0');
    expect(forged).not.toBe(readFileSync(file, 'utf8'));
    expect(verifyBundleText(forged)).toMatchObject({ ok: false, reason: 'hash' });

    // The next bundle starts counting again from the first one.
    kiosk.addQuickVisits(5);
    await exportNow(kiosk);
    const second = bundlesOn(kiosk)[1];
    expect(second?.health).toMatchObject({ restarts: 0, crashRecoveries: { window: 0, unclean: 0, database: 0 } });
  });

  it('gives the counts to the first bundle of an export that writes several (one per questionnaire run)', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(6);
    // Six more visits answered another wording of the questionnaire: a second bundle.
    const { counts } = kiosk.services.sessions;
    kiosk.services.db.transaction(() => {
      for (const facts of kiosk.quickFacts) counts.add({ ...questionnaireStamp(), hash: 'c'.repeat(64) }, facts);
    })();
    kiosk.services.health.recordWindowRecovery();
    await exportNow(kiosk);
    const bundles = bundlesOn(kiosk);
    expect(bundles).toHaveLength(2);
    expect(bundles.map((b) => [b.health?.restarts, b.health?.crashRecoveries.window])).toEqual([
      [1, 1],
      [0, 0],
    ]);
  });

  it('counts a damaged database moved aside at start, and names the newest backup day', async () => {
    const kiosk = await testKiosk();
    // The daily backup at start runs in the background; wait for its file.
    await waitFor(() => readdirSync(join(kiosk.dir, 'backups')).some((n) => n.endsWith('.db')));
    kiosk.services.close();
    writeFileSync(kiosk.dbFile, 'this is not a SQLite database, it was damaged by a power cut'.repeat(100));
    kiosk.reopen();
    expect(kiosk.services.recovery).not.toBeNull();
    kiosk.addQuickVisits(3);
    await exportNow(kiosk);
    const [bundle] = bundlesOn(kiosk);
    expect(bundle?.health?.crashRecoveries.database).toBe(1);
    expect(bundle?.health?.staffAlerts).toContain('databaseRecovered');
    expect(bundle?.health?.lastBackup).toBe('2026-11-20');
  });

  it('reads a bundle without health (written before it existed) and counts from zero after a counter row edited by hand', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(4);
    kiosk.services.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run('{"restarts":"many","window":-3,"running":"yes"}', HEALTH_COUNTERS_KEY);
    await exportNow(kiosk);
    const [bundle] = bundlesOn(kiosk);
    expect(bundle?.health?.restarts).toBe(0);
    const { health: _health, ...older } = bundle as Bundle;
    expect(bundleSchema.safeParse(older).success).toBe(true);
  });
});

/** Starts the services again on a database whose last run never closed them (crash, power cut). */
function reopenAfterCrash(kiosk: TestKiosk): void {
  // The database goes away under the services, as in a crash: their close() then cannot write.
  kiosk.services.db.close();
  kiosk.reopen();
}

async function waitFor(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ready()) throw new Error('timed out');
}
