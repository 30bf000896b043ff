/**
 * The command-line side, each command run as a child process exactly as staff and analysts
 * run it (`node bin/reperes.mjs …`), timed from spawn to exit, with its peak RSS:
 *  - `reperes export` over the cached kiosk database of 1,000,000 visits recorded (a fresh
 *    copy per run: an export closes the open period), compared with the start of
 *    `reperes --help` (the kiosk keeps counts, so the export's work does not grow with the
 *    visits), beside a bare `GROUP BY` month and status over the visit counts;
 *  - `reperes import --trust-new` of the cached bundle folder into a fresh analyst database;
 *  - `reperes publish` of the last imported database.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { assertOk, runReperes } from '../lib/child';
import { copyDatabase } from './datasets';

/** Wall time of `reperes --help`: Node and tsx starting, the part of every command that is not its work. */
export async function benchStartup(o: { runs: number }): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < o.runs; run++) {
    const result = await runReperes(['--help']);
    assertOk(result, 'reperes --help');
    times.push(result.wallMs);
  }
  return times;
}

export interface CommandTimes {
  wallMs: number[];
  peakRssMiB: number[];
}

export interface ExportBench {
  export: CommandTimes;
  /** Milliseconds of the bare GROUP BY over the same copy, one per run. */
  groupByMs: number[];
  sessionsExported: number;
}

export async function benchExport(kioskDb: string, o: { runs: number; workDir: string; sessions: number; log: (line: string) => void }): Promise<ExportBench> {
  const out: ExportBench = { export: { wallMs: [], peakRssMiB: [] }, groupByMs: [], sessionsExported: 0 };
  for (let run = 0; run < o.runs; run++) {
    const dir = mkdtempSync(join(o.workDir, 'export-'));
    try {
      const db = join(dir, 'kiosk.db');
      copyDatabase(kioskDb, db);
      // The floor first: it also brings the copy into the page cache, for both to read alike.
      const reader = new Database(db, { readonly: true });
      try {
        const started = performance.now();
        reader.prepare('SELECT month, status, sum(visits) AS n FROM visit_counts GROUP BY month, status').all();
        out.groupByMs.push(performance.now() - started);
      } finally {
        reader.close();
      }
      const result = await runReperes(['export', '--db', db, '--out', join(dir, 'usb')]);
      assertOk(result, 'reperes export');
      const exported = [...result.stdout.matchAll(/, (\d+) sessions,/g)].reduce((sum, m) => sum + Number(m[1]), 0);
      if (exported !== o.sessions) throw new Error(`reperes export wrote ${exported} sessions, expected ${o.sessions}:\n${result.stdout}`);
      out.sessionsExported = exported;
      out.export.wallMs.push(result.wallMs);
      if (result.peakRssMiB !== null) out.export.peakRssMiB.push(result.peakRssMiB);
      o.log(`  run ${run + 1}/${o.runs}: export ${(result.wallMs / 1000).toFixed(2)} s (${result.peakRssMiB?.toFixed(0)} MiB), GROUP BY ${(out.groupByMs.at(-1)! / 1000).toFixed(2)} s`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

export interface AnalystBench {
  import: CommandTimes;
  publish: CommandTimes;
  files: number;
}

export async function benchImportPublish(bundleFolder: string, o: { runs: number; files: number; workDir: string; log: (line: string) => void }): Promise<AnalystBench> {
  const out: AnalystBench = { import: { wallMs: [], peakRssMiB: [] }, publish: { wallMs: [], peakRssMiB: [] }, files: o.files };
  const dir = mkdtempSync(join(o.workDir, 'analyst-'));
  try {
    let lastDb = '';
    for (let run = 0; run < o.runs; run++) {
      const db = join(dir, `analyst-${run}.db`);
      const result = await runReperes(['import', '--db', db, '--trust-new', bundleFolder]);
      assertOk(result, 'reperes import');
      if (!result.stdout.includes(`${o.files} accepted, 0 duplicate(s), 0 rejected`)) throw new Error(`reperes import did not accept all ${o.files} bundles:\n${result.stdout.slice(-2000)}`);
      out.import.wallMs.push(result.wallMs);
      if (result.peakRssMiB !== null) out.import.peakRssMiB.push(result.peakRssMiB);
      o.log(`  import run ${run + 1}/${o.runs}: ${(result.wallMs / 1000).toFixed(2)} s (${result.peakRssMiB?.toFixed(0)} MiB)`);
      lastDb = db;
    }
    for (let run = 0; run < o.runs; run++) {
      const folder = join(dir, `publication-${run}`);
      mkdirSync(folder, { recursive: true });
      const result = await runReperes(['publish', '--db', lastDb, '--out', folder]);
      assertOk(result, 'reperes publish');
      out.publish.wallMs.push(result.wallMs);
      if (result.peakRssMiB !== null) out.publish.peakRssMiB.push(result.peakRssMiB);
      o.log(`  publish run ${run + 1}/${o.runs}: ${(result.wallMs / 1000).toFixed(2)} s (${result.peakRssMiB?.toFixed(0)} MiB)`);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
