/**
 * The analyst mode's demo database for `npm run preview -- --analyst`, made on first use the
 * way a real one is: three kiosks filled by `reperes simulate`, each exported by
 * `reperes export` (signed bundles, counts only), all imported by `reperes import`. The very
 * commands run in this process (electron/cli/reperes.ts), so the dashboard, the map and the
 * publication show what the real pipeline produces.
 *
 * Built in a side folder and moved into place at the end: a preview stopped half-way leaves
 * no half-made database, and the next start makes it again.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { main, type Output } from '../../electron/cli/reperes';
import { ANALYST_DATABASE_FILE } from '../../electron/services/analyst/migrations';

export interface DemoKiosk {
  site: string;
  sessions: number;
  seed: number;
}

/**
 * Three sites of different sizes, 800 visits over eight months: about a hundred a month in
 * all, so that most monthly figures stay above the small-cell threshold and the dashboard is not
 * mostly hidden cells, while the demo takes only a few seconds to make.
 */
export const DEMO_KIOSKS: readonly DemoKiosk[] = [
  { site: 'LABO', sessions: 400, seed: 1801 },
  { site: 'CS-NORD', sessions: 250, seed: 1802 },
  { site: 'CS-SUD', sessions: 150, seed: 1803 },
];
export const DEMO_MONTHS = 8;

/** A path as the user would type it from `cwd`: relative inside it, absolute elsewhere. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

export interface DemoOutcome {
  /** False when the database was already there (nothing was run). */
  created: boolean;
  /** The analyst database the preview opens. */
  database: string;
  /** The commands that made it, to run again by hand (paths relative to `cwd`). */
  commands: string[];
}

/** What the demo is made of; the tests make smaller ones. */
export interface DemoPlan {
  kiosks: readonly DemoKiosk[];
  months: number;
}
export const DEMO_PLAN: DemoPlan = { kiosks: DEMO_KIOSKS, months: DEMO_MONTHS };

/** The `reperes` command lines that make the demo in `dir` (kiosk databases, their exports, the analyst database). */
export function demoCommands(dir: string, analystDb: string, plan: DemoPlan = DEMO_PLAN): string[][] {
  const commands: string[][] = [];
  for (const kiosk of plan.kiosks) {
    const db = join(dir, 'kiosks', `${kiosk.site}.db`);
    commands.push(['simulate', '--db', db, '--sessions', String(kiosk.sessions), '--seed', String(kiosk.seed), '--site', kiosk.site, '--months', String(plan.months)]);
    commands.push(['export', '--db', db, '--out', join(dir, 'usb')]);
  }
  // --trust-new: the demo's kiosks are the ones just made here.
  commands.push(['import', '--db', analystDb, '--trust-new', join(dir, 'usb')]);
  return commands;
}

/**
 * Makes `<analystDir>/reperes-analyst.db` from three simulated kiosks unless it exists.
 * The kiosk databases and their exports stay in `<analystDir>/demo/` for whoever wants to
 * look at them (or import them again from the window: they are reported as duplicates).
 */
export async function ensureAnalystDemo(analystDir: string, options: { cwd?: string; plan?: DemoPlan } = {}): Promise<DemoOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const plan = options.plan ?? DEMO_PLAN;
  const database = join(analystDir, ANALYST_DATABASE_FILE);
  const finalDir = join(analystDir, 'demo');
  const commands = demoCommands(displayPath(finalDir, cwd), displayPath(database, cwd), plan).map((argv) => `npx reperes ${argv.join(' ')}`);
  if (existsSync(database)) return { created: false, database, commands };

  const building = join(analystDir, 'demo.building');
  rmSync(building, { recursive: true, force: true });
  rmSync(finalDir, { recursive: true, force: true });
  mkdirSync(join(building, 'kiosks'), { recursive: true });
  const builtDb = join(building, ANALYST_DATABASE_FILE);
  const lines: string[] = [];
  const output: Output = { out: (line) => lines.push(line), err: (line) => lines.push(line) };
  for (const argv of demoCommands(building, builtDb, plan)) {
    const code = await main(argv, output);
    if (code !== 0) throw new Error(`the demo could not be made: reperes ${argv.join(' ')} exited with ${code}\n${lines.join('\n')}`);
  }
  renameSync(building, finalDir);
  // Last: the database's presence is what says the demo is complete.
  renameSync(join(finalDir, ANALYST_DATABASE_FILE), database);
  return { created: true, database, commands };
}
