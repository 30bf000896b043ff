/**
 * `reperes simulate` then `reperes export`, in process through the CLI's main(), as an analyst
 * would make a demo bundle: a real database file, the real kiosk machine, the real exporter.
 * Returns the bundle and the illectronisme rates by age band it gives, read the way the
 * analyst dashboard reads them by default (completed + partial visits, "unknown" set aside).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_OK, main } from '../../electron/cli/reperes';
import type { Bundle } from '../../shared/export/bundle';

export interface RateByAge {
  yes: number;
  no: number;
  unknown: number;
  /** YES / (YES + NO), percent. */
  rate: number;
}

export async function simulatedBundle(sessions: number, seed: number): Promise<{ bundle: Bundle; rates: Record<string, RateByAge>; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'reperes-simexport-'));
  const db = join(dir, 'kiosk.db');
  const out = join(dir, 'out');
  const quiet = { out: () => {}, err: (line: string) => process.stderr.write(`${line}\n`) };
  const simulated = await main(['simulate', '--db', db, '--sessions', String(sessions), '--seed', String(seed), '--until', '2026-06-30'], quiet);
  if (simulated !== EXIT_OK) throw new Error(`reperes simulate exited ${simulated}`);
  const exported = await main(['export', '--db', db, '--out', out], quiet);
  if (exported !== EXIT_OK) throw new Error(`reperes export exited ${exported}`);
  const file = readdirSync(out).find((f) => f.endsWith('.json'));
  if (!file) throw new Error('no bundle written');
  const bundle = JSON.parse(readFileSync(join(out, file), 'utf8')) as Bundle;
  const rates: Record<string, RateByAge> = {};
  for (const cell of bundle.tables['ageBand_completion_illectronisme']?.cells ?? []) {
    const age = String(cell['ageBand']);
    const r = (rates[age] ??= { yes: 0, no: 0, unknown: 0, rate: Number.NaN });
    const flag = String(cell['illectronisme']);
    if (flag === 'YES') r.yes += cell.count;
    else if (flag === 'NO') r.no += cell.count;
    else r.unknown += cell.count;
  }
  for (const r of Object.values(rates)) r.rate = (100 * r.yes) / (r.yes + r.no);
  return { bundle, rates, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
