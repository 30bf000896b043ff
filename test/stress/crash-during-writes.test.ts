/**
 * Crash during writes (issue 7, "Data survives"; issue 13, counts). A child process saves
 * valid visits through the real `openDatabase` and the real session repository (one
 * transaction of upserts into the counts per visit), acknowledging each save on stdout once
 * `save` has returned; this test kills it with SIGKILL at a seeded random moment, at least
 * 300 times (REPERES_CRASH_KILLS for more), always on the same database file so that WAL
 * recovery runs again and again. After every kill:
 *   - the database opens with `openDatabase`, in WAL mode with synchronous = FULL;
 *   - `PRAGMA integrity_check` is `ok`;
 *   - the counts (visits per month and status, every cell of every declared table) equal
 *     exactly those of the acknowledged visits of every generation so far;
 *   - or those plus ONE visit: at most one save per kill was committed without being
 *     acknowledged (killed between the commit and the acknowledgement), and it is the one
 *     that was due; a visit is never half counted.
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
import { CRASH_WHEN, crashRecord, mixSeed, prng } from './fixtures/records';
import { visitFacts } from '../../electron/services/sessions';
import { TABLES, type SessionFacts } from '../../shared/export/tables';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';
import type { Db } from '../../electron/services/database';

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
      const [generation, seq] = line.split(' ').map(Number);
      if (!Number.isInteger(generation) || !Number.isInteger(seq)) throw new Error(`bad line from writer: ${line}`);
      writer.onAck({ generation: generation as number, seq: seq as number });
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

/** Counts keyed by what they count: `visits|<month>|<status>` and `<table>|<code1>|<code2>|<code3>`. */
type Counts = Map<string, number>;

/** Adds one visit as the repository counts it (this build's tables, the crash writer's clock). */
function addVisit(counts: Counts, facts: SessionFacts): void {
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  add(`visits|${facts.day.slice(0, 7)}|${facts.status}`);
  for (const table of TABLES) for (const tuple of table.tuples(facts)) add([table.id, tuple[0], tuple[1] ?? '', tuple[2] ?? ''].join('|'));
}

function factsOf(generation: number, seq: number): SessionFacts {
  return visitFacts(crashRecord(HASH, SEED, generation, seq), currentQuestionnaire.definition, DEFAULT_DIRECTORY, CRASH_WHEN);
}

function storedCounts(db: Db): Counts {
  const counts: Counts = new Map();
  for (const [month, status, n] of db.prepare('SELECT month, status, visits FROM visit_counts').raw(true).all() as [string, string, number][]) counts.set(`visits|${month}|${status}`, n);
  for (const [table, c1, c2, c3, n] of db.prepare('SELECT table_id, code1, code2, code3, count FROM cell_counts').raw(true).all() as [string, string, string, string, number][]) {
    counts.set([table, c1, c2, c3].join('|'), n);
  }
  return counts;
}

/** stored − expected, zero entries left out. */
function difference(stored: Counts, expected: Counts): Counts {
  const out: Counts = new Map();
  for (const key of new Set([...stored.keys(), ...expected.keys()])) {
    const d = (stored.get(key) ?? 0) - (expected.get(key) ?? 0);
    if (d !== 0) out.set(key, d);
  }
  return out;
}

describe('crash during writes', () => {
  it(
    `survives ${KILLS} SIGKILLs of a writer: integrity ok, counts equal the acknowledged visits`,
    async () => {
      const started = performance.now();
      const rand = prng(mixSeed(SEED, 0xc0ffee));
      /** The counts of every acknowledged visit (and of those committed just before a kill). */
      const expected: Counts = new Map();
      let acknowledged = 0;
      let unacknowledged = 0;
      const figures = { kills: 0, checkpointKills: 0, walLeftToRecover: 0, immediate: 0, spin: 0, timer: 0, countChecks: 0 };

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
          addVisit(expected, factsOf(generation, ack.seq));
          acknowledged++;
        });

        const wal = `${dbFile}-wal`;
        if (existsSync(wal) && statSync(wal).size > 0) figures.walLeftToRecover++;

        const db = openDatabase(dbFile);
        try {
          expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
          expect(db.pragma('synchronous', { simple: true })).toBe(2);
          expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
          const diff = difference(storedCounts(db), expected);
          if (diff.size > 0) {
            // Only the save that was being committed when the kill came can be there unannounced,
            // and then whole: exactly its counts, once.
            const due: Counts = new Map();
            addVisit(due, factsOf(generation, acks.length));
            expect(Object.fromEntries(diff), `after kill ${generation}: counts nobody acknowledged`).toEqual(Object.fromEntries(due));
            addVisit(expected, factsOf(generation, acks.length));
            unacknowledged++;
          }
          expect(db.prepare('SELECT sum(visits) FROM visit_counts').pluck().get()).toBe(acknowledged + unacknowledged);
          figures.countChecks += expected.size;
        } finally {
          db.close();
        }
      }

      const seconds = (performance.now() - started) / 1000;
      console.log(
        `crash-during-writes: ${figures.kills} kills survived (seed ${SEED}); ` +
          `${acknowledged} acknowledged visits, counts equal to theirs after every kill (${figures.countChecks} count checks); ` +
          `${unacknowledged} visits committed just before a kill (unacknowledged) counted whole; ` +
          `integrity_check ok and WAL + synchronous=FULL on all ${figures.kills} reopens; ` +
          `${figures.walLeftToRecover} kills left a WAL to recover, ${figures.checkpointKills} with a tiny wal_autocheckpoint; ` +
          `kill timing: ${figures.immediate} on an acknowledgement, ${figures.spin} after <1 ms, ${figures.timer} after 1–30 ms; ` +
          `${seconds.toFixed(1)} s`,
      );
      expect(figures.kills).toBe(KILLS);
      expect(acknowledged).toBeGreaterThanOrEqual(KILLS);
    },
    Math.max(600_000, KILLS * 3_000),
  );
});
