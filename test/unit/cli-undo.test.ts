/**
 * Undo and epochs from the command line, on real files: `reperes kiosks` lists what the
 * analyst needs to decide (site, fingerprint, exports, epochs, missing sequences, last import);
 * `reperes remove` takes a kiosk or one export out in one transaction, after a confirmation
 * (or --yes), and the next publication no longer counts it; importing the same files brings it
 * back. And a kiosk restored from a backup: export, back up, export, import, restore, export,
 * import — the kiosk opens a new epoch, and every visit arrives.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../electron/services/key-fingerprint';
import { monthsAgo, readBundle, simulateAndExport } from '../harness/analyst-fixtures';
import { databaseBytes, reperes, reperesProgram } from '../harness/cli';

const dir = mkdtempSync(join(tmpdir(), 'reperes-cli-undo-'));
const kioskA = join(dir, 'a.db');
const kioskB = join(dir, 'b.db');
const analystDb = join(dir, 'analyst.db');
let a: string[] = [];
let b: string[] = [];

beforeAll(async () => {
  a = [
    ...(await simulateAndExport(kioskA, join(dir, 'usb-a'), { sessions: 60, seed: 61, site: 'LABO', until: monthsAgo(1), months: 2 })),
    ...(await simulateAndExport(kioskA, join(dir, 'usb-a'), { sessions: 30, seed: 62, site: 'LABO', until: monthsAgo(0), months: 1 })),
  ];
  b = await simulateAndExport(kioskB, join(dir, 'usb-b'), { sessions: 70, seed: 63, site: 'CS-NORD', until: monthsAgo(0), months: 3 });
  const run = await reperes(['import', '--db', analystDb, '--trust-new', join(dir, 'usb-a'), join(dir, 'usb-b')]);
  expect(run.code, run.err).toBe(0);
}, 60_000);

/** Sessions the publication counts over its whole period (the denominator of its status rows). */
/**
 * What a publication says it covers (the report's first line: exports, kiosks, visits). The
 * visit total itself may be secret (the joint disclosure control can hide it), so exports and
 * kiosks are what show a kiosk in or out.
 */
async function publishedCoverage(out: string): Promise<{ exports: number; kiosks: number }> {
  const run = await reperes(['publish', '--db', analystDb, '--out', out]);
  expect(run.code, run.err).toBe(0);
  const match = /(\d+) export\(s\) de (\d+) borne\(s\)/.exec(readFileSync(join(out, 'reperes-rapport.html'), 'utf8'));
  expect(match).not.toBeNull();
  return { exports: Number(match?.[1]), kiosks: Number(match?.[2]) };
}

const pseudonymOf = (file: string) => readBundle(file).kiosk.pseudonym;

describe('reperes kiosks', () => {
  it('lists pseudonym, site, fingerprint, exports, periods, epochs and the last import', async () => {
    const run = await reperes(['kiosks', '--db', analystDb]);
    expect(run.code, run.err).toBe(0);
    for (const file of [a[0], b[0]] as string[]) {
      const bundle = readBundle(file);
      expect(run.out).toContain(`${bundle.kiosk.pseudonym}  ${[bundle.kiosk.siteCode, bundle.kiosk.siteName].filter(Boolean).join(' ')}\n`);
      expect(run.out).toContain(`key fingerprint  ${keyFingerprint(bundle.kiosk.publicKey)}`);
    }
    expect(run.out).toMatch(/exports {10}2 \(90 sessions\), months \d{4}-\d{2} to \d{4}-\d{2}/);
    expect(run.out).toMatch(/imports {10}first \d{4}-\d{2}-\d{2}, last \d{4}-\d{2}-\d{2}/);
    expect(run.out).toContain('epoch legacy     2 export(s), sequences up to 2, none missing');
    expect(run.out).toContain('2 kiosk(s), 3 export(s), 160 sessions');
    const one = await reperes(['kiosks', '--db', analystDb, '--kiosk', pseudonymOf(a[0] as string)]);
    for (const file of a) expect(one.out).toContain(readBundle(file).export.id);
    expect((await reperes(['kiosks', '--db', analystDb, '--kiosk', 'K-00000-00000'])).code).toBe(1);
  });
});

describe('reperes remove', () => {
  it('asks first: without a terminal nor --yes, or with another answer than "yes", nothing changes', async () => {
    const before = databaseBytes(analystDb);
    const target = ['remove', '--db', analystDb, '--kiosk', pseudonymOf(b[0] as string)];
    const silent = await reperes(target);
    expect(silent.code).toBe(2);
    expect(silent.err).toContain('not removed: this would remove kiosk');
    expect(silent.err).toContain('confirm in a terminal, or add --yes');
    const no = await reperes(target, { answer: 'no' });
    expect(no.code).toBe(1);
    expect(no.err).toMatch(/Remove kiosk K-\w{5}-\w{5} \(CS-NORD\), key [0-9a-f ]+: its 1 export\(s\), 70 sessions/);
    const program = await reperesProgram(target, { timeoutMs: 30_000 });
    expect(program.code, program.err).toBe(2);
    expect(databaseBytes(analystDb)).toBe(before);
  }, 40_000);

  it('a kiosk: out of the next publication; importing its files again brings it back', async () => {
    expect(await publishedCoverage(join(dir, 'pub-1'))).toEqual({ exports: 3, kiosks: 2 });
    const removed = await reperes(['remove', '--db', analystDb, '--kiosk', pseudonymOf(a[0] as string)], { answer: 'yes' });
    expect(removed.code, removed.err).toBe(0);
    expect(removed.out).toContain('removed 1 kiosk, 2 export(s), 90 sessions');
    expect(await publishedCoverage(join(dir, 'pub-2'))).toEqual({ exports: 1, kiosks: 1 });
    expect((await reperes(['kiosks', '--db', analystDb])).out).not.toContain(pseudonymOf(a[0] as string));
    // Its key is no longer trusted: it needs --trust-new again.
    expect(await reperes(['import', '--db', analystDb, join(dir, 'usb-a')])).toMatchObject({ code: 1, err: expect.stringContaining('REJECTED (untrustedKiosk)') });
    expect((await reperes(['import', '--db', analystDb, '--trust-new', join(dir, 'usb-a')])).out).toContain('2 accepted');
    expect((await reperes(['kiosks', '--db', analystDb])).out).toContain('2 kiosk(s), 3 export(s), 160 sessions');
  }, 60_000);

  it('one export: reported missing, then back', async () => {
    const id = readBundle(a[0] as string).export.id;
    const run = await reperes(['remove', '--db', analystDb, '--bundle', id, '--yes']);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('removed 1 export(s), 60 sessions');
    expect((await reperes(['kiosks', '--db', analystDb])).out).toContain('epoch legacy     1 export(s), sequences up to 2, missing 1');
    expect(await reperes(['remove', '--db', analystDb, '--bundle', id, '--yes'])).toMatchObject({ code: 1, err: expect.stringContaining('nothing was removed') });
    expect((await reperes(['import', '--db', analystDb, a[0] as string])).out).toContain('1 accepted');
    expect(await reperes(['remove', '--db', analystDb, '--bundle', 'not-a-uuid', '--yes'])).toMatchObject({ code: 2 });
  });
});

describe('a kiosk restored from a backup', () => {
  it('export, back up, export, import, restore, export, import: the kiosk opens a new epoch and every visit arrives', async () => {
    const kiosk = join(dir, 'restored.db');
    const backup = join(dir, 'restored-backup.db');
    const usb = join(dir, 'usb-restored');
    const db = join(dir, 'restored-analyst.db');
    const [first] = await simulateAndExport(kiosk, usb, { sessions: 30, seed: 71, site: 'CS-SUD', until: monthsAgo(1), months: 1 });
    copyFileSync(kiosk, backup);
    const [second] = await simulateAndExport(kiosk, usb, { sessions: 20, seed: 72, site: 'CS-SUD', until: monthsAgo(0), months: 1 });
    expect((await reperes(['import', '--db', db, '--trust-new', usb])).out).toContain('2 accepted');
    // The restore: the backup replaces the database, which forgets export 2.
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${kiosk}${suffix}`, { force: true });
    copyFileSync(backup, kiosk);
    const after = join(dir, 'usb-after-restore');
    const [third] = await simulateAndExport(kiosk, after, { sessions: 25, seed: 73, site: 'CS-SUD', until: monthsAgo(0), months: 1 });
    // The kiosk found its database behind the export it issued: a new epoch, numbered from 1.
    const { epoch = '', sequence } = readBundle(third as string).export;
    expect(epoch).toMatch(/^[0-9a-f-]{36}$/);
    expect(sequence).toBe(1);
    const run = await reperes(['import', '--db', db, after]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`warning newEpoch: Kiosk ${pseudonymOf(first as string)} starts a new series of exports (epoch ${epoch.slice(0, 8)}, 2 series in all)`);
    expect(run.out).toContain(`epoch ${epoch.slice(0, 8)}, sequence 1, 25 sessions`);
    const listed = await reperes(['kiosks', '--db', db]);
    expect(listed.out).toContain('3 export(s), 75 sessions');
    expect(listed.out).toContain('epoch legacy     2 export(s), sequences up to 2, none missing');
    expect(listed.out).toContain(`epoch ${epoch.slice(0, 8)}   1 export(s), sequences up to 1, none missing`);
    expect([first, second, third].map((f) => readBundle(f as string).export.sessions)).toEqual([30, 20, 25]);
  });
});
