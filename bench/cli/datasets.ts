/**
 * The bench's data sets, made once and cached under bench/.cache/, keyed by what determines
 * them (seed, sizes, last day), because a million simulated visits take a while.
 *
 * Kiosk database with N visits recorded: `reperes simulate` (the real kiosk machine and the
 * real session repository, run as the CLI) counts a base of B visits (default 50,000, about a
 * minute); then every count is multiplied by N / B (a whole number), as if each simulated
 * visit had come N / B times: the counts of N visits, made of counts the repository wrote.
 * The kiosk keeps counts, not visits, so the database does not grow with N (only the
 * counts' values do): that is what makes the export's time independent of N. Simulating all
 * N directly costs about 1.2 ms of CPU per visit (20 minutes for a million): `--base` lets
 * the bench do that too (base = N).
 *
 * Export bundles: K kiosks × M monthly exports, each kiosk its own database filled by
 * `simulate` month by month and exported by `runExport` (the staff area's export, as the
 * analyst tests do), so every bundle is a real signed bundle of a real kiosk.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExport } from '../../electron/cli/export-command';
import { simulate } from '../../electron/cli/simulate';
import { openDatabase } from '../../electron/services/database';
import { coarseDay } from '../../shared/session/day';
import { assertOk, runReperes } from '../lib/child';

export interface KioskDataset {
  file: string;
  sessions: number;
  base: number;
  seed: number;
  /** Seconds spent making it now (0 when it came from the cache). */
  madeInS: number;
}

/** The kiosk database with `sessions` stored visits (cached). */
export async function kioskDataset(cacheDir: string, o: { sessions: number; base: number; seed: number; log: (line: string) => void }): Promise<KioskDataset> {
  const base = Math.min(o.base, o.sessions);
  const file = join(cacheDir, `kiosk-counts-seed${o.seed}-n${o.sessions}-base${base}.db`);
  if (existsSync(file)) return { file, sessions: o.sessions, base, seed: o.seed, madeInS: 0 };
  mkdirSync(cacheDir, { recursive: true });
  const started = Date.now();
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const factor = o.sessions / base;
  if (!Number.isInteger(factor)) throw new Error(`--export-sessions (${o.sessions}) must be a multiple of --export-base (${base})`);
  o.log(`making ${file}: reperes simulate --sessions ${base} --seed ${o.seed}, then every count × ${factor}`);
  const run = await runReperes(['simulate', '--db', partial, '--sessions', String(base), '--seed', String(o.seed), '--site', 'BENCH', '--until', coarseDay(new Date())]);
  assertOk(run, 'reperes simulate');
  o.log(`  ${run.stdout.trim()}`);
  const db = openDatabase(partial);
  try {
    db.transaction(() => {
      db.prepare('UPDATE visit_counts SET visits = visits * ?').run(factor);
      db.prepare('UPDATE cell_counts SET count = count * ?').run(factor);
    })();
    const stored = db.prepare('SELECT sum(visits) FROM visit_counts').pluck().get() as number;
    if (stored !== o.sessions) throw new Error(`the scaled counts hold ${stored} visits, expected ${o.sessions}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  renameSync(partial, file);
  for (const f of [`${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const madeInS = (Date.now() - started) / 1000;
  o.log(`  made in ${madeInS.toFixed(0)} s`);
  return { file, sessions: o.sessions, base, seed: o.seed, madeInS };
}

/** A private copy of a cached database (an export writes to it: log, period). */
export function copyDatabase(source: string, target: string): void {
  copyFileSync(source, target);
}

export interface BundleDataset {
  folder: string;
  files: number;
  kiosks: number;
  madeInS: number;
}

/** Last day of the month `offset` months before the current one (local noon). */
function monthEnd(offset: number, today = new Date()): Date {
  return new Date(today.getFullYear(), today.getMonth() - offset + 1, 0, 12);
}

/** `kiosks` × `perKiosk` real export bundles, one per kiosk and month (cached). */
export async function bundleDataset(
  cacheDir: string,
  o: { kiosks: number; perKiosk: number; sessionsPerBundle: number; seed: number; log: (line: string) => void },
): Promise<BundleDataset> {
  const folder = join(cacheDir, `bundles-seed${o.seed}-k${o.kiosks}x${o.perKiosk}-s${o.sessionsPerBundle}`);
  const count = () => (existsSync(folder) ? readdirSync(folder).filter((n) => /^reperes-.*\.json$/.test(n)).length : 0);
  if (existsSync(join(folder, '.complete'))) return { folder, files: count(), kiosks: o.kiosks, madeInS: 0 };
  rmSync(folder, { recursive: true, force: true });
  const work = `${folder}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'kiosks'), { recursive: true });
  const out = join(work, 'out');
  const started = Date.now();
  o.log(`making ${o.kiosks * o.perKiosk} bundles: ${o.kiosks} kiosks × ${o.perKiosk} monthly exports of ${o.sessionsPerBundle} simulated visits`);
  for (let k = 0; k < o.kiosks; k++) {
    const db = join(work, 'kiosks', `kiosk-${k}.db`);
    for (let m = 0; m < o.perKiosk; m++) {
      // Oldest month first, ending last month: sequences follow time, as on a real kiosk.
      const until = monthEnd(o.perKiosk - m);
      await simulate({ db, sessions: o.sessionsPerBundle, seed: o.seed + k * 100_003 + m, site: `BENCH-${k}`, until, months: 1 });
      const result = await runExport(db, out);
      if (!result.ok) throw new Error(result.lines.join('\n'));
    }
    o.log(`  kiosk ${k + 1}/${o.kiosks} done (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  // Only the bundle files: import reads reperes-*.json, the CSV views stay behind.
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(out).filter((n) => /^reperes-.*\.json$/.test(n))) renameSync(join(out, name), join(folder, name));
  rmSync(work, { recursive: true, force: true });
  writeFileSync(join(folder, '.complete'), `${JSON.stringify({ ...o, log: undefined, made: new Date().toISOString() })}\n`);
  const madeInS = (Date.now() - started) / 1000;
  o.log(`  made in ${madeInS.toFixed(0)} s`);
  return { folder, files: count(), kiosks: o.kiosks, madeInS };
}
