/**
 * Crash during writes (issue 7, "Data survives"). A child process saves valid sessions
 * through the real `openDatabase` and the real session repository, acknowledging each save
 * on stdout once `save` has returned; this test kills it with SIGKILL at a seeded random
 * moment, at least 300 times (REPERES_CRASH_KILLS for more), always on the same database
 * file so that WAL recovery runs again and again. After every kill:
 *   - the database opens with `openDatabase`, in WAL mode with synchronous = FULL;
 *   - `PRAGMA integrity_check` is `ok`;
 *   - every acknowledged save of every generation so far is there, by id and content;
 *   - nothing else is: at most one save per kill was committed without being acknowledged
 *     (killed between the commit and the acknowledgement), and it is the one that was due.
 *
 * Kills land while the child is writing: after a random number of acknowledgements, either
 * at once, after a busy-wait of under a millisecond, or after a timer of up to 30 ms; one
 * generation in three also sets a tiny wal_autocheckpoint so that kills land in checkpoints.
 *
 * REPERES_CRASH_SEED replays a run; the seed is printed with the figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/database';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import { repoRoot } from '../harness/repo-root';
import { EXPECTED_COLUMNS, crashRecord, expectedRow, mixSeed, prng } from './fixtures/records';

const KILLS = Number(process.env.REPERES_CRASH_KILLS ?? 300);
const SEED = Number(process.env.REPERES_CRASH_SEED ?? 0x7e9e5);
const HASH = currentQuestionnaire.hash;
/** Writers loading ahead of their turn: start-up (~0.3 s of CPU) would otherwise dominate. */
const SPARES = 2;

let dir: string;
let writerBundle: string;
let dbFile: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reperes-crash-'));
  writerBundle = join(dir, 'writer.cjs');
  dbFile = join(dir, 'reperes-kiosk.db');
  // One bundle per run: starting a plain .cjs costs far less than a TypeScript loader.
  // better-sqlite3 stays outside (native addon), required by its absolute path.
  const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3');
  await build({
    entryPoints: [join(repoRoot(), 'test/stress/fixtures/writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    outfile: writerBundle,
    logLevel: 'warning',
    plugins: [
      {
        name: 'better-sqlite3-external',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: betterSqlite3, external: true }));
        },
      },
    ],
  });
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Ack {
  id: number;
  generation: number;
  seq: number;
}

interface Writer {
  child: ChildProcess;
  ready: Promise<void>;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  onAck: (ack: Ack) => void;
  stderr: () => string;
}

function startWriter(): Writer {
  const child = spawn(process.execPath, [writerBundle, dbFile, String(SEED), HASH], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '', NODE_COMPILE_CACHE: join(dir, 'compile-cache') },
  });
  children.add(child);
  let stderr = '';
  let buffer = '';
  let markReady!: () => void;
  const writer: Writer = {
    child,
    ready: new Promise<void>((resolve) => (markReady = resolve)),
    closed: new Promise((resolve) =>
      child.on('close', (code, signal) => {
        children.delete(child);
        resolve({ code, signal });
      }),
    ),
    onAck: () => {
      throw new Error('acknowledgement before go');
    },
    stderr: () => stderr,
  };
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (line === 'ready') {
        markReady();
        continue;
      }
      const [id, generation, seq] = line.split(' ').map(Number);
      if (!Number.isInteger(id) || !Number.isInteger(generation) || !Number.isInteger(seq)) throw new Error(`bad line from writer: ${line}`);
      writer.onAck({ id: id as number, generation: generation as number, seq: seq as number });
    }
  });
  // Closing our end of stdin on a spare that never got its turn makes it exit.
  child.stdin!.on('error', () => {});
  return writer;
}

function busyWaitMicroseconds(us: number): void {
  const until = process.hrtime.bigint() + BigInt(Math.round(us * 1000));
  while (process.hrtime.bigint() < until) {
    /* spin: a timer cannot wait less than a millisecond */
  }
}

const rowKey = (row: Record<string, unknown>) => JSON.stringify(EXPECTED_COLUMNS.map((c) => row[c]));

describe('crash during writes', () => {
  it(
    `survives ${KILLS} SIGKILLs of a writer: integrity ok, every acknowledged save present`,
    async () => {
      const started = performance.now();
      const rand = prng(mixSeed(SEED, 0xc0ffee));
      /** Every acknowledged save, by row id: the stored columns it must have. */
      const acknowledged = new Map<number, string>();
      /** Saves committed but killed before their acknowledgement: allowed, and kept too. */
      const unacknowledged = new Map<number, string>();
      const figures = { kills: 0, checkpointKills: 0, walLeftToRecover: 0, immediate: 0, spin: 0, timer: 0, rowChecks: 0 };

      // Writers start (load their modules) ahead of their turn, overlapping with the kills and
      // checks of the previous generations; they touch the database only on `go`.
      const spares: Writer[] = [];
      let launched = 0;
      const topUp = () => {
        while (spares.length < SPARES && launched < KILLS) {
          spares.push(startWriter());
          launched++;
        }
      };
      for (let generation = 0; generation < KILLS; generation++) {
        topUp();
        const writer = spares.shift() as Writer;
        topUp();
        await writer.ready;

        const ackTarget = 1 + Math.floor(rand() * 12);
        const mode = rand();
        const checkpoint = rand() < 1 / 3 ? 1 + Math.floor(rand() * 30) : null;
        if (checkpoint !== null) figures.checkpointKills++;
        const acks: Ack[] = [];
        let killed = false;
        const kill = () => {
          if (killed) return;
          killed = true;
          writer.child.kill('SIGKILL');
        };
        const watchdog = setTimeout(kill, 30_000);
        writer.onAck = (ack) => {
          acks.push(ack);
          if (acks.length !== ackTarget || killed) return;
          if (mode < 1 / 3) {
            figures.immediate++;
            kill();
          } else if (mode < 2 / 3) {
            figures.spin++;
            busyWaitMicroseconds(rand() * 1000);
            kill();
          } else {
            figures.timer++;
            setTimeout(kill, 1 + rand() * 29);
          }
        };
        writer.child.stdin!.write(`go ${generation} ${checkpoint ?? '-'}\n`);
        const exit = await writer.closed;
        clearTimeout(watchdog);
        if (exit.signal !== 'SIGKILL') {
          throw new Error(`writer ${generation} ended by itself (${exit.code}, ${exit.signal}): ${writer.stderr()}`);
        }
        expect(acks.length, `generation ${generation}: acknowledgements before the watchdog`).toBeGreaterThanOrEqual(ackTarget);
        figures.kills++;

        // Acknowledgements still in the pipe when the child died were read before 'close'.
        acks.forEach((ack, i) => {
          expect(ack.generation).toBe(generation);
          expect(ack.seq).toBe(i);
          expect(acknowledged.has(ack.id), `row id ${ack.id} acknowledged twice`).toBe(false);
          acknowledged.set(ack.id, rowKey({ ...expectedRow(crashRecord(HASH, SEED, generation, ack.seq)) }));
        });

        const wal = `${dbFile}-wal`;
        if (existsSync(wal) && statSync(wal).size > 0) figures.walLeftToRecover++;

        const db = openDatabase(dbFile);
        try {
          expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
          expect(db.pragma('synchronous', { simple: true })).toBe(2);
          expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
          const rows = db.prepare(`SELECT id, ${EXPECTED_COLUMNS.join(', ')} FROM sessions`).all() as ({ id: number } & Record<string, unknown>)[];
          const stored = new Map(rows.map((row) => [row.id, rowKey(row)]));
          for (const [id, expected] of acknowledged) {
            const actual = stored.get(id);
            if (actual !== expected) {
              throw new Error(`after kill ${generation}: acknowledged save ${id} ${actual === undefined ? 'is missing' : `differs:\n${actual}\n${expected}`}`);
            }
            figures.rowChecks++;
          }
          for (const [id, expected] of unacknowledged) expect(stored.get(id), `committed unacknowledged save ${id}`).toBe(expected);
          const extra = rows.filter((row) => !acknowledged.has(row.id) && !unacknowledged.has(row.id));
          // Only the save that was being committed when the kill came can be there unannounced.
          expect(extra.length, `after kill ${generation}: rows nobody acknowledged`).toBeLessThanOrEqual(1);
          for (const row of extra) {
            const due = rowKey({ ...expectedRow(crashRecord(HASH, SEED, generation, acks.length)) });
            expect(rowKey(row), `after kill ${generation}: unacknowledged row ${row.id}`).toBe(due);
            unacknowledged.set(row.id, due);
          }
          expect(rows.length).toBe(acknowledged.size + unacknowledged.size);
        } finally {
          db.close();
        }
      }

      const seconds = (performance.now() - started) / 1000;
      console.log(
        `crash-during-writes: ${figures.kills} kills survived (seed ${SEED}); ` +
          `${acknowledged.size} acknowledged saves, all present and intact after every kill (${figures.rowChecks} row checks); ` +
          `${unacknowledged.size} saves committed just before a kill (unacknowledged) also intact; ` +
          `${acknowledged.size + unacknowledged.size} rows in the database; integrity_check ok and WAL + synchronous=FULL on all ${figures.kills} reopens; ` +
          `${figures.walLeftToRecover} kills left a WAL to recover, ${figures.checkpointKills} with a tiny wal_autocheckpoint; ` +
          `kill timing: ${figures.immediate} on an acknowledgement, ${figures.spin} after <1 ms, ${figures.timer} after 1–30 ms; ` +
          `${seconds.toFixed(1)} s`,
      );
      expect(figures.kills).toBe(KILLS);
      expect(acknowledged.size).toBeGreaterThanOrEqual(KILLS);
    },
    Math.max(600_000, KILLS * 3_000),
  );
});
