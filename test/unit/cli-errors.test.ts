/**
 * Every command-line error of issue 15, end to end on real files: each says what the problem
 * is and what to do, exits with the documented code, and changes nothing it should not (the
 * database files stay byte for byte as they were, no folder is created where none was asked).
 * The program itself runs where the process matters: `/proc` must not spin, a real read-only
 * file system (a tmpfs mounted read-only in a private mount namespace) must be called so.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_USAGE, IMPORT_USAGE, KIOSKS_USAGE, PUBLISH_USAGE, REMOVE_USAGE, SIMULATE_USAGE, VERIFY_USAGE } from '../../electron/cli/reperes';
import { monthsAgo, simulateAndExport } from '../harness/analyst-fixtures';
import { databaseBytes, reperes, reperesProgram } from '../harness/cli';
import { repoRoot } from '../harness/repo-root';

const dir = mkdtempSync(join(tmpdir(), 'reperes-cli-errors-'));
const kioskDb = join(dir, 'kiosk.db');
const analystDb = join(dir, 'analyst.db');
const usb = join(dir, 'usb');
let bundles: string[] = [];

beforeAll(async () => {
  bundles = [
    ...(await simulateAndExport(kioskDb, usb, { sessions: 30, seed: 51, site: 'LABO', until: monthsAgo(1), months: 2 })),
    ...(await simulateAndExport(kioskDb, usb, { sessions: 20, seed: 52, site: 'LABO', until: monthsAgo(0), months: 1 })),
  ];
  expect(bundles).toHaveLength(2);
  const imported = await reperes(['import', '--db', analystDb, '--trust-new', bundles[0] as string]);
  expect(imported.code, imported.err).toBe(0);
  // New visits, so that an export has something to write.
  const more = await reperes(['simulate', '--db', kioskDb, '--sessions', '5', '--seed', '53', '--months', '1']);
  expect(more.code, more.err).toBe(0);
}, 60_000);

/** Runs a command that must change neither database file. */
async function untouched(argv: string[]) {
  const before = [databaseBytes(kioskDb), databaseBytes(analystDb)];
  const run = await reperes(argv);
  expect([databaseBytes(kioskDb), databaseBytes(analystDb)], `${argv.join(' ')} changed a database`).toEqual(before);
  return run;
}

describe('a database of the wrong kind says what it is and what to do', () => {
  it('a kiosk database given to publish, import, kiosks and remove', async () => {
    for (const argv of [
      ['publish', '--db', kioskDb, '--out', join(dir, 'pub')],
      ['import', '--db', kioskDb, bundles[0] as string],
      ['kiosks', '--db', kioskDb],
      ['remove', '--db', kioskDb, '--kiosk', 'K-00000-00000', '--yes'],
    ]) {
      const run = await untouched(argv);
      expect(run.code, argv[0]).toBe(2);
      expect(run.err).toContain(`${kioskDb} is a kiosk database (the visits of one kiosk), not an analyst database: export its visits first (reperes export --db ${kioskDb} --out <folder>)`);
      expect(run.err).not.toMatch(/schema \d+ is newer/);
    }
    expect(existsSync(join(dir, 'pub'))).toBe(false);
  });

  it('an analyst database given to export', async () => {
    const run = await untouched(['export', '--db', analystDb, '--out', join(dir, 'out-analyst')]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${analystDb} is an analyst database (imported exports of kiosks), not a kiosk database: export reads a kiosk's database`);
    expect(run.err).not.toMatch(/Cannot read properties/);
    expect(existsSync(join(dir, 'out-analyst'))).toBe(false);
  });

  it('a file that is not a database, and a folder', async () => {
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'not sqlite at all, just text that is long enough to have a header');
    expect(await reperes(['kiosks', '--db', text])).toMatchObject({ code: 2, err: expect.stringContaining('is not a SQLite database') });
    expect(await reperes(['export', '--db', dir, '--out', join(dir, 'x')])).toMatchObject({ code: 2, err: expect.stringContaining('is a folder, not a database file') });
    expect(readFileSync(text, 'utf8')).toMatch(/^not sqlite/);
  });
});

describe('import', () => {
  it('of an empty folder exits 1 with the reason, and creates no database', async () => {
    const empty = join(dir, 'empty-stick');
    mkdirSync(join(empty, 'some-folder'), { recursive: true });
    writeFileSync(join(empty, 'notes.txt'), 'x');
    const db = join(dir, 'never.db');
    const run = await reperes(['import', '--db', db, empty]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${empty}: no export file (reperes-….json) in this folder or its sub-folders; copy the exports from the kiosk`);
    expect(run.err).toContain('nothing imported');
    expect(existsSync(db)).toBe(false);
    const missing = await reperes(['import', '--db', db, join(dir, 'no-such-stick')]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('does not exist (check the path of the stick or folder)') });
  });

  it('into a database in a folder that does not exist creates no folder', async () => {
    const db = join(dir, 'nonexistent', 'dir', 'a.db');
    const run = await reperes(['import', '--db', db, bundles[0] as string]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`the folder ${join(dir, 'nonexistent', 'dir')} does not exist: create it first, or give --db a file in an existing folder (nothing was created)`);
    expect(existsSync(join(dir, 'nonexistent'))).toBe(false);
  });

  it('takes many files and folders, each bundle once, sub-folders included, without looping on a link to a parent', async () => {
    const stick = join(dir, 'stick');
    mkdirSync(join(stick, 'site-a', 'deeper'), { recursive: true });
    writeFileSync(join(stick, 'site-a', 'deeper', 'reperes-copy.json'), readFileSync(bundles[1] as string));
    symlinkSync('..', join(stick, 'site-a', 'deeper', 'loop'));
    symlinkSync(stick, join(stick, 'site-a', 'back-to-stick'));
    const db = join(dir, 'many.db');
    const run = await reperes(['import', '--db', db, '--trust-new', bundles[0] as string, stick, usb, stick]);
    expect(run.code, run.err).toBe(0);
    // bundles[0] is given and also in usb; bundles[1] is in usb and copied on the stick: the
    // same content under two names is a duplicate, the same file twice is read once.
    expect(run.out).toMatch(/2 accepted, 1 duplicate\(s\), 0 rejected/);
    expect(run.out.split('\n').filter((l) => l.startsWith(bundles[0] as string))).toHaveLength(1);
  });
});

describe('export and publish destinations', () => {
  it('export --out <a file> says it is a file, and writes nothing', async () => {
    const file = join(dir, 'a-file.txt');
    writeFileSync(file, 'keep me');
    const run = await untouched(['export', '--db', kioskDb, '--out', file]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(`${file} is a file, not a folder: give a folder for --out`);
    expect(run.err).not.toMatch(/run the export again/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    const under = await untouched(['export', '--db', kioskDb, '--out', join(file, 'sub')]);
    expect(under).toMatchObject({ code: 2, err: expect.stringContaining(`${file} is a file, not a folder`) });
  });

  it('export and publish --out /proc/x end at once with what to do (no endless retry)', async () => {
    for (const args of [
      ['export', '--db', kioskDb, '--out', '/proc/x/y'],
      ['publish', '--db', analystDb, '--out', '/proc/x'],
    ]) {
      const run = await reperesProgram(args, { timeoutMs: 30_000 });
      expect(run.timedOut, `${args[0]} spun`).toBe(false);
      expect(run.code, run.err).toBe(2);
      expect(run.err).toContain('(the system refuses it there): choose a folder on a disk or a USB stick for --out');
    }
  }, 70_000);

  it('a read-only stick is reported as read-only, not as removed', async () => {
    const mountPoint = join(dir, 'ro-stick');
    mkdirSync(mountPoint);
    // A tmpfs mounted read-only in a private mount namespace: the kernel's own EROFS.
    const script = [
      `mount -t tmpfs -o ro,size=1m tmpfs '${mountPoint}' || exit 97`,
      `'${process.execPath}' '${join(repoRoot(), 'bin/reperes.mjs')}' export --db '${kioskDb}' --out '${join(mountPoint, 'new-folder')}'; echo "exit=$?" >&2`,
      `'${process.execPath}' '${join(repoRoot(), 'bin/reperes.mjs')}' export --db '${kioskDb}' --out '${mountPoint}'; echo "exit=$?" >&2`,
      `'${process.execPath}' '${join(repoRoot(), 'bin/reperes.mjs')}' publish --db '${analystDb}' --out '${mountPoint}'; echo "exit=$?" >&2`,
    ].join('\n');
    const before = databaseBytes(kioskDb);
    const run = spawnSync('unshare', ['--mount', '--map-root-user', 'sh', '-c', script], { cwd: repoRoot(), encoding: 'utf8', timeout: 60_000 });
    expect(run.error, 'unshare could not run').toBeUndefined();
    expect(run.status, `could not mount a read-only tmpfs in a private namespace: ${run.stderr}`).not.toBe(97);
    expect(run.stderr.match(/exit=2/g), run.stderr).toHaveLength(3);
    const stderr = run.stderr;
    expect(stderr.match(/is on a read-only disk \(a locked USB stick\?\): unlock the stick, or choose another folder for --out/g), stderr).toHaveLength(3);
    expect(stderr).not.toMatch(/removed media|disappeared/);
    expect(databaseBytes(kioskDb)).toBe(before);
  }, 70_000);

  it('publish on an empty database, or one that does not exist, says to import first', async () => {
    const emptyDb = join(dir, 'empty-analyst.db');
    // An analyst database whose only kiosk was removed: it holds nothing.
    expect((await reperes(['import', '--db', emptyDb, '--trust-new', bundles[1] as string])).code).toBe(0);
    const pseudonym = /^(K-\w{5}-\w{5})/m.exec((await reperes(['kiosks', '--db', emptyDb])).out)?.[1] as string;
    expect((await reperes(['remove', '--db', emptyDb, '--kiosk', pseudonym, '--yes'])).code).toBe(0);
    const run = await reperes(['publish', '--db', emptyDb, '--out', join(dir, 'pub-empty')]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('nothing to publish: the database holds no imported export yet; import the kiosks\' exports first (reperes import --db <analyst.db> <folder>), then publish again');
    expect(run.err).not.toMatch(/^publish failed \(nothingToPublish\)$/m);
    const missing = await reperes(['publish', '--db', join(dir, 'missing.db'), '--out', join(dir, 'pub-missing')]);
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('does not exist: import the kiosks\' exports into it first') });
    expect(existsSync(join(dir, 'missing.db'))).toBe(false);
  });
});

describe('verify', () => {
  it('takes many files and folders and reports each', async () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'reperes-truncated.json'), readFileSync(bundles[0] as string, 'utf8').slice(0, 300));
    const good = await reperes(['verify', bundles[0] as string, usb]);
    expect(good.code, good.err).toBe(0);
    expect(good.out.match(/: OK — /g)).toHaveLength(2);
    expect(good.out).toMatch(/key fingerprint [0-9a-f]{4}( [0-9a-f]{4}){7}/);
    expect(good.out).toContain('2 valid, 0 invalid');
    const mixed = await reperes(['verify', usb, bad]);
    expect(mixed.code).toBe(1);
    expect(mixed.err).toContain('reperes-truncated.json: INVALID (notJson)');
    expect(mixed.out).toContain('2 valid, 1 invalid');
    expect(await reperes(['verify', join(dir, 'empty-stick')])).toMatchObject({ code: 1, err: expect.stringContaining('no export file') });
  });
});

describe('help', () => {
  it('reperes help <command> prints that command\'s help', async () => {
    const usages: Record<string, string> = { simulate: SIMULATE_USAGE, export: EXPORT_USAGE, verify: VERIFY_USAGE, import: IMPORT_USAGE, kiosks: KIOSKS_USAGE, remove: REMOVE_USAGE, publish: PUBLISH_USAGE };
    for (const [command, usage] of Object.entries(usages)) {
      const run = await reperes(['help', command]);
      expect(run, command).toMatchObject({ code: 0, out: usage });
      expect(usage).toMatch(new RegExp(`^Usage: reperes ${command} `));
      expect((await reperes([command, '--help'])).out).toBe(usage);
    }
    expect(await reperes(['help', 'nope'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "nope"') });
    const program = await reperesProgram(['help', 'export'], { timeoutMs: 30_000 });
    expect(program).toMatchObject({ code: 0, out: `${EXPORT_USAGE}\n` });
  }, 40_000);
});
