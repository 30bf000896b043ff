/**
 * The analyst preview's demo database (issue 18): made on first use by the `reperes`
 * commands it prints (simulate and export per kiosk, then import), reused afterwards, and
 * never left half-made — a start stopped half-way, or a command that fails, leaves no
 * database, so the next start makes the demo again. Small plans keep this fast; the full demo
 * runs in test/e2e/preview.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/reperes';
import { ANALYST_DATABASE_FILE } from '../../electron/services/analyst/migrations';
import { createAnalystServices } from '../../electron/services/analyst/index';
import { DEMO_KIOSKS, DEMO_PLAN, demoCommands, displayPath, ensureAnalystDemo, type DemoPlan } from '../../scripts/preview/analyst-demo';

const SMALL: DemoPlan = { kiosks: [{ site: 'LABO', sessions: 12, seed: 1 }, { site: 'CS-NORD', sessions: 8, seed: 2 }, { site: 'CS-SUD', sessions: 6, seed: 3 }], months: 2 };

function overview(analystDir: string) {
  const services = createAnalystServices({ userDataDir: analystDir });
  try {
    return services.store.overview();
  } finally {
    services.close();
  }
}

describe('the analyst demo', () => {
  it('is three kiosks, each simulated then exported, all imported with --trust-new', () => {
    expect(DEMO_KIOSKS.map((k) => k.site)).toHaveLength(3);
    const commands = demoCommands('d', 'd/a.db');
    expect(commands.map((argv) => argv[0])).toEqual(['simulate', 'export', 'simulate', 'export', 'simulate', 'export', 'import']);
    expect(commands.at(-1)).toEqual(['import', '--db', 'd/a.db', '--trust-new', join('d', 'usb')]);
    expect(commands[0]).toEqual(['simulate', '--db', join('d', 'kiosks', 'LABO.db'), '--sessions', '400', '--seed', '1801', '--site', 'LABO', '--months', String(DEMO_PLAN.months)]);
  });

  // Real work (real databases and bundles): 5 s is too short on a busy 2-core machine.
  it('is made on first use by those commands, and reused afterwards', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reperes-demo-'));
    const analystDir = join(dir, 'analyst');
    const made = await ensureAnalystDemo(analystDir, { cwd: dir, plan: SMALL });
    expect(made.created).toBe(true);
    expect(made.database).toBe(join(analystDir, ANALYST_DATABASE_FILE));
    expect(made.commands[0]).toBe(`npx reperes simulate --db ${join('analyst', 'demo', 'kiosks', 'LABO.db')} --sessions 12 --seed 1 --site LABO --months 2`);
    const first = overview(analystDir);
    expect(first.kiosks.map((k) => k.siteCode).sort()).toEqual(['CS-NORD', 'CS-SUD', 'LABO']);
    expect(first.sessions).toBe(26);
    expect(readdirSync(join(analystDir, 'demo', 'usb')).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    expect(existsSync(join(analystDir, 'demo.building'))).toBe(false);

    // The printed commands are what was run: replaying the import by hand finds only duplicates.
    const lines: string[] = [];
    expect(await main(['import', '--db', made.database, '--trust-new', join(analystDir, 'demo', 'usb')], { out: (l) => lines.push(l), err: (l) => lines.push(l) })).toBe(0);
    expect(lines.at(-1)).toMatch(/^0 accepted, 3 duplicate\(s\), 0 rejected/);

    const mtime = statSync(join(analystDir, 'demo', 'kiosks', 'LABO.db')).mtimeMs;
    const again = await ensureAnalystDemo(analystDir, { cwd: dir, plan: SMALL });
    expect(again).toEqual({ ...made, created: false });
    expect(statSync(join(analystDir, 'demo', 'kiosks', 'LABO.db')).mtimeMs).toBe(mtime);
  });

  it('is made again when a previous start stopped half-way (no database yet)', async () => {
    const analystDir = join(mkdtempSync(join(tmpdir(), 'reperes-demo-')), 'analyst');
    mkdirSync(join(analystDir, 'demo.building', 'kiosks'), { recursive: true });
    writeFileSync(join(analystDir, 'demo.building', 'kiosks', 'LABO.db'), 'half-written');
    mkdirSync(join(analystDir, 'demo', 'usb'), { recursive: true });
    writeFileSync(join(analystDir, 'demo', 'usb', 'reperes-stale.json'), '{}');
    expect((await ensureAnalystDemo(analystDir, { plan: SMALL })).created).toBe(true);
    expect(overview(analystDir).sessions).toBe(26);
    expect(readdirSync(join(analystDir, 'demo', 'usb'))).not.toContain('reperes-stale.json');
  });

  it('leaves no database when a command fails, and says which one', async () => {
    const analystDir = join(mkdtempSync(join(tmpdir(), 'reperes-demo-')), 'analyst');
    const broken: DemoPlan = { kiosks: [{ site: 'not a site code', sessions: 3, seed: 1 }], months: 1 };
    await expect(ensureAnalystDemo(analystDir, { plan: broken })).rejects.toThrow(/reperes simulate .* exited with 2/);
    expect(existsSync(join(analystDir, ANALYST_DATABASE_FILE))).toBe(false);
  });

  it('prints paths as the user would type them', () => {
    expect(displayPath('/a/b/c', '/a')).toBe(join('b', 'c'));
    expect(displayPath('/a', '/a')).toBe('.');
    expect(displayPath('/elsewhere/x', '/a')).toBe('/elsewhere/x');
  });
});
