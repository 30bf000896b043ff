/**
 * Saving a session in the main process, as the kiosk does at the end of each visit: the
 * `session:save` handler through `dispatch` (payload schema, pending queue, repository:
 * pruning, scores, next steps, then the upserts into every declared table's counts) into a
 * real database file with WAL and synchronous = FULL, so every save is one commit and one
 * fsync of the WAL. Records are real ones: those the kiosk machine sent during `simulate`.
 *
 * To say what the fsync costs here, the same saves also run with synchronous = OFF (bench
 * only, never the app), and a bare write + fsync of 4 KiB is timed on the same file system.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync, fsyncSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { simulate } from '../../electron/cli/simulate';
import { dispatch } from '../../electron/services/dispatch';
import { createKioskServices } from '../../electron/services/kiosk';
import type { SessionRecord } from '../../shared/session/record';

export interface SaveResult {
  /** Milliseconds per save through the handler, synchronous = FULL (what the kiosk does). */
  full: number[];
  /** The same saves with synchronous = OFF: the difference is the commit's fsync. */
  noSync: number[];
  /** A bare 4 KiB write + fsync on the same file system. */
  fsync: number[];
  runs: number;
  perRun: number;
}

async function realRecords(dir: string, count: number): Promise<SessionRecord[]> {
  const records: SessionRecord[] = [];
  await simulate({ db: join(dir, 'records.db'), sessions: count, seed: 7, onSaved: (record) => records.push(structuredClone(record)) });
  return records;
}

export async function measureSaves(o: { runs: number; perRun: number; dir?: string }): Promise<SaveResult> {
  // The bench's own folder by default: the kiosk's database lives on a disk, not in RAM.
  const root = mkdtempSync(join(o.dir ?? tmpdir(), 'reperes-bench-save-'));
  try {
    const records = await realRecords(root, o.perRun);
    const out: SaveResult = { full: [], noSync: [], fsync: [], runs: o.runs, perRun: o.perRun };
    for (let run = 0; run < o.runs; run++) {
      for (const mode of ['full', 'noSync'] as const) {
        const services = createKioskServices({ userDataDir: join(root, `${mode}-${run}`), mode: 'kiosk' });
        try {
          if (mode === 'noSync') services.db.pragma('synchronous = OFF');
          for (const record of records) {
            const started = performance.now();
            const response = await dispatch(services.handlers, true, 'session:save', record);
            out[mode].push(performance.now() - started);
            if (!response.ok) throw new Error(`session:save failed: ${JSON.stringify(response)}`);
          }
        } finally {
          services.close();
        }
      }
      const probe = join(root, `fsync-${run}`);
      const fd = openSync(probe, 'w');
      try {
        const block = Buffer.alloc(4096, 1);
        for (let i = 0; i < o.perRun; i++) {
          const started = performance.now();
          writeSync(fd, block, 0, block.length, 0);
          fsyncSync(fd);
          out.fsync.push(performance.now() - started);
        }
      } finally {
        closeSync(fd);
      }
    }
    return out;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
