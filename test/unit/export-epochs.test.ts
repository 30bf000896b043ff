/**
 * Export epochs on the kiosk (electron/services/export/epochs.ts): the rule that tells a
 * normal restart from a database restored, recovered or new while exports were issued, and,
 * end to end through the command line, a kiosk restored from a backup whose every visit reaches
 * the analyst database exactly once.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../electron/cli/simulate';
import { runExport } from '../../electron/cli/export-command';
import { backupDatabase } from '../../electron/services/backups';
import { openOrRecoverDatabase } from '../../electron/services/database-recovery';
import { openDatabase } from '../../electron/services/database';
import { checkExportEpoch, lastLoggedSequence } from '../../electron/services/export/epochs';
import { identityFileFor, openKioskIdentity, readIdentityFile, type IdentityFile } from '../../electron/services/identity';
import { csvFolderName } from '../../shared/export/csv';
import type { Bundle } from '../../shared/export/bundle';
import { reperes } from '../harness/cli';
import { FAST_SCRYPT, FAST_TMP } from './export-fixtures';
import { createKioskServices } from '../../electron/services/kiosk';

const root = mkdtempSync(join(FAST_TMP, 'reperes-epochs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let kiosks = 0;
const today = new Date();
const until = today.toISOString().slice(0, 10);

function kioskFolder(): { dir: string; db: string; usb: string } {
  const dir = join(root, `k${++kiosks}`);
  mkdirSync(dir);
  return { dir, db: join(dir, 'reperes-kiosk.db'), usb: join(dir, 'usb') };
}

async function simulateVisits(db: string, sessions: number, seed: number): Promise<void> {
  await simulate({ db, sessions, seed, site: 'LABO', until: today, months: 1 });
}

async function exportAll(db: string, usb: string): Promise<string[]> {
  const result = await runExport(db, usb, today);
  expect(result.ok, result.lines.join('\n')).toBe(true);
  return result.lines;
}

function exportsOf(db: string) {
  const read = readIdentityFile(identityFileFor(db));
  if (!read.ok) throw new Error(read.detail);
  return read.data.exports;
}

/** Opens the database and its identity as the kiosk does, and applies the rule. */
function check(db: string, options: { identityRestored?: boolean } = {}) {
  const opened = openOrRecoverDatabase(db);
  try {
    const identity = openKioskIdentity({ db: opened.db, databaseFile: db, backupsDir: null, now: today }).store;
    return { ...checkExportEpoch(opened.db, identity, options), recovered: opened.recovery !== null, identity: identity.get().exports };
  } finally {
    opened.db.close();
  }
}

/** Copies the database as the daily backup does (SQLite's backup API), into `<dir>/backups`. */
async function backUp(k: { dir: string; db: string }): Promise<string> {
  const db = openDatabase(k.db);
  try {
    return (await backupDatabase(db, join(k.dir, 'backups'), until)).file;
  } finally {
    db.close();
  }
}

/** Puts a backup in place of the database (the guide's steps: the identity file stays). */
function restore(backup: string, db: string): void {
  for (const suffix of ['-wal', '-shm']) rmSync(db + suffix, { force: true });
  copyFileSync(backup, db);
}

function openCounts(db: string): number {
  const conn = openDatabase(db);
  try {
    return conn.prepare('SELECT coalesce(sum(visits), 0) FROM visit_counts WHERE period = (SELECT open FROM count_period)').pluck().get() as number;
  } finally {
    conn.close();
  }
}

describe('the export epoch rule', () => {
  it('an identity file written before epochs were ids (epoch 1) reads as the first epoch', async () => {
    const k = kioskFolder();
    await simulateVisits(k.db, 1, 10);
    await exportAll(k.db, k.usb);
    const file = identityFileFor(k.db);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"epoch": ""', '"epoch": 1'));
    expect(readFileSync(file, 'utf8')).toContain('"epoch": 1');
    expect(exportsOf(k.db)).toMatchObject({ epoch: '', lastSequence: 1 });
    expect(check(k.db)).toMatchObject({ opened: false, epoch: '' });
  });


  it('a normal restart keeps the epoch; an identity file behind the log catches up', async () => {
    const k = kioskFolder();
    await simulateVisits(k.db, 4, 1);
    await exportAll(k.db, k.usb);
    expect(exportsOf(k.db)).toMatchObject({ epoch: '', lastSequence: 1 });
    expect(check(k.db)).toMatchObject({ epoch: '', opened: false, reason: null, delivered: 0 });
    // The identity file is behind the log (a crash between them): it catches up, same epoch.
    const file = identityFileFor(k.db);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"lastSequence": 1', '"lastSequence": 0'));
    expect(check(k.db)).toMatchObject({ opened: false, identity: { epoch: '', lastSequence: 1 } });
  });

  it('a new database beside an identity that issued exports opens a new epoch; a fresh kiosk does not', async () => {
    const k = kioskFolder();
    await simulateVisits(k.db, 3, 2);
    expect(check(k.db)).toMatchObject({ opened: false, epoch: '' }); // first start: nothing issued yet
    await exportAll(k.db, k.usb);
    for (const suffix of ['', '-wal', '-shm']) rmSync(k.db + suffix, { force: true });
    const fresh = check(k.db);
    expect(fresh).toMatchObject({ opened: true, reason: 'databaseBehind', delivered: 0, identity: { lastSequence: 0 } });
    expect(fresh.epoch).toMatch(/^[0-9a-f-]{36}$/);
    // Then a restart is a normal one: the epoch stays.
    expect(check(k.db)).toMatchObject({ opened: false, epoch: fresh.epoch });
  });

  it('a database recovered after damage opens a new epoch', async () => {
    const k = kioskFolder();
    await simulateVisits(k.db, 3, 3);
    await exportAll(k.db, k.usb);
    for (const suffix of ['-wal', '-shm']) rmSync(k.db + suffix, { force: true });
    writeFileSync(k.db, 'not a database, a damaged file');
    const recovered = check(k.db);
    expect(recovered).toMatchObject({ recovered: true, opened: true, reason: 'databaseBehind' });
    expect(exportsOf(k.db)).toMatchObject({ epoch: recovered.epoch, lastSequence: 0 });
  });

  it('a restored database opens a new epoch, and its counts delivered after the backup are not exported again', async () => {
    const k = kioskFolder();
    await simulateVisits(k.db, 3, 4);
    await exportAll(k.db, k.usb);
    await simulateVisits(k.db, 5, 5); // in the open period at the backup
    const backup = await backUp(k);
    await exportAll(k.db, k.usb); // sequence 2 delivers those 5
    restore(backup, k.db);
    expect(openCounts(k.db)).toBe(5);
    const restored = check(k.db);
    expect(restored).toMatchObject({ opened: true, reason: 'databaseBehind', delivered: 5 });
    expect(openCounts(k.db)).toBe(0);
    // Had the identity file refused the write, nothing would have moved (one transaction).
    restore(backup, k.db);
    const again = openDatabase(k.db);
    try {
      const stale = { epoch: '', lastSequence: 2, sincePeriod: 0 };
      const refusing = { file: 'x', get: () => ({ exports: stale }) as IdentityFile, update: () => { throw Object.assign(new Error('disk full'), { code: 'ENOSPC' }); } };
      expect(() => checkExportEpoch(again, refusing)).toThrow('disk full');
    } finally {
      again.close();
    }
    expect(openCounts(k.db)).toBe(5);
    // The same backup restored a second time, before any export of the new epoch: behind again.
    expect(check(k.db)).toMatchObject({ opened: true, reason: 'databaseBehind', delivered: 5 });
    const db = openDatabase(k.db);
    try {
      expect(lastLoggedSequence(db, '')).toBe(1);
      // Still counted for the dashboard, in period 0 (never exported).
      expect(db.prepare('SELECT sum(visits) FROM visit_counts').pluck().get()).toBe(8);
    } finally {
      db.close();
    }
  });

  it('an identity put back from a backup copy opens a new epoch, without touching the counts', async () => {
    const k = kioskFolder();
    await simulateVisits(k.db, 3, 6);
    await exportAll(k.db, k.usb);
    await simulateVisits(k.db, 2, 7);
    expect(check(k.db, { identityRestored: true })).toMatchObject({ opened: true, reason: 'identityRestored', delivered: 0 });
    const db = openDatabase(k.db);
    try {
      // Never exported: not taken for delivered (nothing in period 0); they go in the new epoch.
      expect(db.prepare('SELECT count(*) FROM visit_counts WHERE period = 0').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
    // The staff's list and "Réécrire" are the new epoch's: sequence 1 is its own, not the old one.
    const services = createKioskServices({ userDataDir: k.dir, mode: 'kiosk', now: () => today, scrypt: FAST_SCRYPT, backups: false });
    try {
      expect(services.exporter.log()).toEqual([]);
      expect(await services.exporter.reissue(1, k.usb)).toMatchObject({ ok: false, reason: 'unknownSequence' });
      expect(await services.exporter.exportTo(k.usb)).toMatchObject({ ok: true, bundles: [{ sequence: 1, sessions: 2 }] });
      expect(services.exporter.log()).toMatchObject([{ sequence: 1, sessions: 2, status: 'verified' }]);
      expect(await services.exporter.reissue(1, k.usb)).toMatchObject({ ok: true, bundles: [{ sequence: 1, sessions: 2 }] });
    } finally {
      services.close();
    }
  });
});

describe('the kiosk at start', () => {
  it('a damaged database set aside opens a new epoch, and the next export is sequence 1 of it', async () => {
    const k = kioskFolder();
    await simulateVisits(k.db, 3, 8);
    const start = () => createKioskServices({ userDataDir: k.dir, mode: 'kiosk', now: () => today, scrypt: FAST_SCRYPT, backups: false });
    let services = start();
    expect((await services.exporter.exportTo(k.usb)).ok).toBe(true);
    services.close();
    expect(exportsOf(k.db)).toMatchObject({ epoch: '', lastSequence: 1 });

    for (const suffix of ['-wal', '-shm']) rmSync(k.db + suffix, { force: true });
    writeFileSync(k.db, 'a database damaged by a power cut');
    services = start();
    services.close();
    const { epoch } = exportsOf(k.db);
    expect(epoch).toMatch(/^[0-9a-f-]{36}$/);

    await simulateVisits(k.db, 2, 9);
    services = start();
    try {
      const outcome = await services.exporter.exportTo(k.usb);
      expect(outcome).toMatchObject({ ok: true, bundles: [{ sequence: 1, sessions: 2 }] });
      expect(outcome.bundles[0]?.fileName).toContain(`-${epoch.slice(0, 8)}-000001.json`);
      expect(exportsOf(k.db)).toMatchObject({ epoch, lastSequence: 1 });
    } finally {
      services.close();
    }
  });
});

describe('a kiosk restored from a backup, end to end with the command line', () => {
  it('export, back up, export, import, restore, export, import: every visit arrives exactly once', async () => {
    const k = kioskFolder();
    const analystDir = join(root, 'analyst');
    mkdirSync(analystDir);
    const analystDb = join(analystDir, 'analyst.db');
    const simulated = [7, 4, 6, 5];

    expect((await reperes(['simulate', '--db', k.db, '--sessions', '7', '--seed', '11', '--months', '1', '--until', until])).code).toBe(0);
    expect((await reperes(['export', '--db', k.db, '--out', k.usb])).code).toBe(0);
    expect((await reperes(['simulate', '--db', k.db, '--sessions', '4', '--seed', '12', '--months', '1', '--until', until])).code).toBe(0);
    const backup = await backUp(k); // 4 visits in the open period, not exported yet
    expect((await reperes(['simulate', '--db', k.db, '--sessions', '6', '--seed', '13', '--months', '1', '--until', until])).code).toBe(0);
    expect((await reperes(['export', '--db', k.db, '--out', k.usb])).code).toBe(0); // 4 + 6 delivered
    const first = await reperes(['import', '--db', analystDb, '--trust-new', k.usb]);
    expect(first.code, first.err).toBe(0);

    restore(backup, k.db);
    // The first command on the restored database (here the visits, as the kiosk at start) opens the epoch.
    const visits = await reperes(['simulate', '--db', k.db, '--sessions', '5', '--seed', '14', '--months', '1', '--until', until]);
    expect(visits.code, visits.err).toBe(0);
    expect(visits.out).toMatch(/new export epoch [0-9a-f]{8}: this database is behind .* the 4 sessions it held that were already delivered will not be exported again/);
    const after = await reperes(['export', '--db', k.db, '--out', k.usb]);
    expect(after.code, after.err).toBe(0);
    expect(after.out).not.toMatch(/new export epoch/);
    expect((await reperes(['help', 'export'])).out).toMatch(/first opens a\s+new export epoch: sequences start again at 1/);
    expect(after.out).toMatch(/epoch [0-9a-f]{8}, sequence 1, 5 sessions/);
    const second = await reperes(['import', '--db', analystDb, k.usb]);
    expect(second.code, second.err).toBe(0);

    const analyst = new Database(analystDb, { readonly: true });
    try {
      const total = analyst.prepare('SELECT sum(sessions) FROM bundles').pluck().get();
      expect(total).toBe(simulated.reduce((a, b) => a + b, 0));
      expect(analyst.prepare("SELECT epoch, sequence, sessions FROM bundles ORDER BY epoch = '' DESC, sequence").raw().all()).toEqual([
        ['', 1, 7],
        ['', 2, 10],
        [expect.stringMatching(/^[0-9a-f-]{36}$/), 1, 5],
      ]);
    } finally {
      analyst.close();
    }

    // The new epoch's file and its CSV summary carry the epoch.
    const epoch = exportsOf(k.db).epoch;
    const name = readdirSync(k.usb).find((f) => f.includes(epoch.replace(/-/g, '').slice(0, 8)) && f.endsWith('.json'));
    expect(name).toBeDefined();
    const bundle = JSON.parse(readFileSync(join(k.usb, name as string), 'utf8')) as Bundle;
    expect(bundle.export).toMatchObject({ epoch, sequence: 1, sessions: 5 });
    const summary = join(k.usb, csvFolderName(name as string), '00-export.csv');
    expect(existsSync(summary)).toBe(true);
    expect(readFileSync(summary, 'utf8')).toContain(epoch);
  });
});
