/**
 * Every import guard end to end through the command line, on real files: a real kiosk export
 * changed as an attacker holding that kiosk's key would, signed again with the key, written to
 * a file, then `reperes verify` and `reperes import` on it. Each is refused with its reason and
 * what to do, the command exits 1, and the analyst database file stays byte for byte as it was.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { monthsAgo, readBundle, simulateAndExport } from '../harness/analyst-fixtures';
import { databaseBytes, hasRawControl, reperes } from '../harness/cli';
import { firstCell, forge, monthOf, moveMonths, put, scale } from '../harness/hostile-bundles';

const dir = mkdtempSync(join(tmpdir(), 'reperes-cli-guards-'));
const kioskA = join(dir, 'a.db');
const analystDb = join(dir, 'analyst', 'analyst.db');
const hostile = join(dir, 'hostile');
let a1: string;
let a2: string;

beforeAll(async () => {
  [a1 = ''] = await simulateAndExport(kioskA, join(dir, 'usb'), { sessions: 50, seed: 41, site: 'LABO', until: monthsAgo(2), months: 2 });
  [a2 = ''] = await simulateAndExport(kioskA, join(dir, 'usb'), { sessions: 40, seed: 42, site: 'LABO', until: monthsAgo(0), months: 2 });
  mkdirSync(join(dir, 'analyst'));
  mkdirSync(hostile);
  const first = await reperes(['import', '--db', analystDb, '--trust-new', a1]);
  expect(first.code, first.err).toBe(0);
}, 60_000);

/**
 * `reperes verify` then `reperes import` of one file: both refuse it with `reason` (verify
 * knows no database: a reason that depends on one only comes from import), and the database
 * file is unchanged.
 */
async function refusedByCli(name: string, text: string, reason: string, says: RegExp, o: { aboutTheDatabase?: boolean } = {}): Promise<void> {
  const file = put(hostile, `reperes-${name}.json`, text);
  const verify = await reperes(['verify', file]);
  if (o.aboutTheDatabase) expect(verify.code, verify.err).toBe(0);
  else {
    expect(verify.code, verify.out).toBe(1);
    expect(verify.err).toMatch(new RegExp(`(INVALID|IMPLAUSIBLE) \\(${reason}\\)`));
  }
  const before = databaseBytes(analystDb);
  const run = await reperes(['import', '--db', analystDb, file]);
  expect(run.code, run.out).toBe(1);
  expect(run.err).toContain(`${file}: REJECTED (${reason})`);
  expect(run.err).toMatch(says);
  expect(run.out).toMatch(/0 accepted, 0 duplicate\(s\), 1 rejected/);
  expect(databaseBytes(analystDb), `${name}: the database file changed`).toBe(before);
}

describe('reperes import: one end-to-end refusal per guard, the database file untouched', () => {
  it('a period in month 0000-01 (before the product existed)', async () => {
    await refusedByCli('year-zero', forge(kioskA, a2, (b) => moveMonths(b, '0000-01')), 'datedBeforeProduct', /check the kiosk's date/);
  });

  it('a bundle dated in the future (2099-12), and one two months ahead', async () => {
    await refusedByCli(
      'future',
      forge(kioskA, a2, (b) => {
        moveMonths(b, '2099-11');
        b.export.created = '2100-01-15';
      }),
      'datedInFuture',
      /clock is ahead or the file is forged/,
    );
    await refusedByCli(
      'ahead',
      forge(kioskA, a2, (b) => {
        moveMonths(b, monthOf(new Date(), 2));
        b.export.created = `${b.export.to}-28`;
      }),
      'datedInFuture',
      /Nothing was imported/,
    );
  });

  it('a creation day before the end of the period', async () => {
    await refusedByCli('created-early', forge(kioskA, a2, (b) => (b.export.created = `${b.export.from}-01`)), 'createdBeforePeriodEnd', /dated before the visits it counts/);
  });

  it('tables contradicting each other: language ×1000, commune +500', async () => {
    await refusedByCli('language', forge(kioskA, a2, (b) => b.tables['language_status']?.cells.forEach((c) => (c.count *= 1000))), 'inconsistentTables', /do not import it/);
    await refusedByCli('commune', forge(kioskA, a2, (b) => (firstCell(b, 'commune_dsiCategory').count += 500)), 'inconsistentTables', /commune_dsiCategory/);
  });

  it('2^53 − 1 visits, and a consistent bundle of 40 million visits', async () => {
    await refusedByCli('huge', forge(kioskA, a2, (b) => (b.export.sessions = Number.MAX_SAFE_INTEGER)), 'tooManySessions', /more visits than a kiosk can count/);
    await refusedByCli('scaled', forge(kioskA, a2, (b) => scale(b, 1_000_000)), 'tooManySessions', /the limit for one export is 10000000/);
  });

  it('another questionnaire id', async () => {
    await refusedByCli('other-questionnaire', forge(kioskA, a2, (b) => (b.questionnaire.id = 'autre-questionnaire')), 'otherQuestionnaire', /import it into another database/, { aboutTheDatabase: true });
  });

  it('a duplicate JSON key', async () => {
    const text = readFileSync(a2, 'utf8').replace(/"sessions": (\d+)/, '"sessions": 999999, "sessions": $1');
    await refusedByCli('duplicate-key', text, 'duplicateKey', /same key twice/);
  });

  it('a sequence reused in the same epoch (a restored kiosk that does not start a new epoch)', async () => {
    const ok = await reperes(['import', '--db', analystDb, a2]);
    expect(ok.code, ok.err).toBe(0);
    await refusedByCli('reused', forge(kioskA, a2, () => undefined), 'sequenceReused', /opens a new series \(epoch\)/, { aboutTheDatabase: true });
  });

  it('keys are compared as bytes: the same key without its base64 padding is the same kiosk', async () => {
    const key = readBundle(a1).kiosk.publicKey;
    expect(key.endsWith('=')).toBe(true);
    const file = put(
      hostile,
      'reperes-unpadded.json',
      forge(kioskA, a2, (b) => {
        b.kiosk.publicKey = key.replace(/=+$/, '');
        b.export.sequence = 5;
      }),
    );
    const run = await reperes(['import', '--db', analystDb, file]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`${file}: accepted`);
    expect(run.out).not.toContain('newKiosk');
    const verified = await reperes(['verify', '--public-key', key.replace(/=+$/, ''), a1]);
    expect(verified.code, verified.err).toBe(0);
    expect((await reperes(['remove', '--db', analystDb, '--bundle', readBundle(file).export.id, '--yes'])).code).toBe(0);
  });

  it('control characters from a signed file are escaped in every line printed', async () => {
    const text = forge(kioskA, a2, (b) => {
      b.kiosk.siteName = '\u001b[2J\u001b[32mALL GOOD\u001b[0m \u202Eevil';
      b.export.sequence = 7;
    });
    const file = put(hostile, 'reperes-\u001b]0;title\u0007.json', text);
    for (const argv of [['verify', file], ['import', '--db', analystDb, file], ['kiosks', '--db', analystDb]]) {
      const run = await reperes(argv);
      expect(hasRawControl(run.out + run.err), argv[0]).toBe(false);
    }
    const verify = await reperes(['verify', file]);
    expect(verify.out).toContain('\\x1b[2J\\x1b[32mALL GOOD\\x1b[0m \\u202eevil');
    expect(verify.out).toContain('reperes-\\x1b]0;title\\x07.json');
    expect((await reperes(['kiosks', '--db', analystDb])).out).toContain('\\x1b[2J');
    // The export was accepted (a site name is only text), so remove it again.
    const id = readBundle(file).export.id;
    expect((await reperes(['remove', '--db', analystDb, '--bundle', id, '--yes'])).code).toBe(0);
  });
});
