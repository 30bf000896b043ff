/**
 * `reperes export --db --out` and `reperes verify <bundle>`, run in-process through the CLI's
 * main(): the same export as the staff area, a verify that exits 0 on a good bundle and
 * non-zero with the reason on a tampered one.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../../electron/cli/reperes';
import type { Bundle } from '../../shared/export/bundle';
import { cleanupKiosks, testKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('reperes export', () => {
  it('exports incrementally from a database file, and verify accepts each bundle', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(9);
    kiosk.services.close(); // the CLI works on the file, like on a copy of a kiosk's database
    const out = join(kiosk.dir, 'out');

    const first = await run('export', '--db', kiosk.dbFile, '--out', out);
    expect(first, first.err).toMatchObject({ code: EXIT_OK });
    expect(first.out).toMatch(/sequence 1, 9 sessions/);
    const again = await run('export', '--db', kiosk.dbFile, '--out', out);
    expect(again.code).toBe(EXIT_OK);
    expect(again.out).toMatch(/nothing to export/);

    kiosk.reopen();
    kiosk.addQuickVisits(2);
    kiosk.services.close();
    expect((await run('export', '--db', kiosk.dbFile, '--out', out)).out).toMatch(/sequence 2, 2 sessions/);

    const bundles = readdirSync(out).filter((f) => f.endsWith('.json')).sort();
    expect(bundles).toHaveLength(2);
    // The kiosk's health comes along, as from the staff area: one start (the reopen) since the first bundle.
    const second = JSON.parse(readFileSync(join(out, bundles[1] as string), 'utf8')) as Bundle;
    expect(second.health).toMatchObject({ restarts: 1, crashRecoveries: { window: 0, unclean: 0, database: 0 }, staffAlerts: [] });
    for (const b of bundles) {
      const verified = await run('verify', join(out, b));
      expect(verified.code, verified.err).toBe(EXIT_OK);
      expect(verified.out).toMatch(/OK/);
    }
  });

  it('usage errors exit 2', async () => {
    expect((await run('export', '--out', '/tmp/x')).code).toBe(EXIT_USAGE);
    expect((await run('export', '--db', '/nonexistent/k.db', '--out', '/tmp/x')).code).toBe(EXIT_USAGE);
    expect((await run('verify')).code).toBe(EXIT_USAGE);
    expect((await run('export', '--help')).out).toMatch(/Usage: reperes export/);
  });
});

describe('reperes verify', () => {
  it('exits non-zero with the reason for a tampered copy', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(5);
    kiosk.services.close();
    const out = join(kiosk.dir, 'out');
    await run('export', '--db', kiosk.dbFile, '--out', out);
    const file = join(out, readdirSync(out).find((f) => f.endsWith('.json')) as string);
    const tampered = join(kiosk.dir, 'tampered.json');
    writeFileSync(tampered, readFileSync(file, 'utf8').replace(/("commune":"\w+","completion":"\w+","dsiCategory":"\w+","count":)(\d+)/, (_, head: string, n: string) => `${head}${Number(n) + 1}`));
    expect(readFileSync(tampered, 'utf8')).not.toBe(readFileSync(file, 'utf8'));
    const result = await run('verify', tampered);
    expect(result.code).toBe(EXIT_FAILURE);
    expect(result.err).toMatch(/INVALID \(hashMismatch\)/);

    writeFileSync(tampered, '{"format":"reperes-aggregates"}');
    expect(await run('verify', tampered)).toMatchObject({ code: EXIT_FAILURE, err: expect.stringMatching(/INVALID \(unsupportedFormatVersion\)/) });
    expect(await run('verify', join(kiosk.dir, 'missing.json'))).toMatchObject({ code: EXIT_FAILURE, err: expect.stringMatching(/does not exist/) });
  });
});
