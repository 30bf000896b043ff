/**
 * IPC fuzzing (issue 7, "Hostile input is refused clearly"). The real main-process services
 * on temp databases — the kiosk's (citizen and staff channels) and the analyst's — behind the
 * real `dispatch` gate receive random and malformed payloads on every channel the contract
 * has, iterated from CHANNELS with each channel's own zod schema, so channels added later
 * are fuzzed too:
 *   - anything at all (fc.anything with prototype-pollution keys, Maps, typed arrays…), huge
 *     strings and arrays, deep nesting, shared-reference bombs, NaN/±Infinity;
 *   - mutations of valid payloads generated from the channel's schema;
 *   - for `session:save`, mutations of records the kiosk machine really sends
 *     (`sessionRecordOf`) and of seeded random valid records.
 * Everything runs twice: on a fresh kiosk (staff area locked, no PIN) and with the staff area
 * unlocked, so the staff handlers behind the lock are fuzzed too.
 *
 * Every call must resolve (never throw) to `{ ok: true }` only when the payload passes the
 * channel's schema, or to `{ ok: false, error: { code } }` with a code of IPC_ERROR_CODES;
 * a refused call writes nothing to either database; Object.prototype is not polluted; an
 * untrusted sender is refused on every channel without running its handler. For
 * `session:save`, records that parse but do not fit the questionnaire are refused with
 * invalidPayload and write nothing, and records that fit are stored as derived.
 *
 * REPERES_FUZZ_SEED replays a run; REPERES_FUZZ_SCALE multiplies the number of runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAnalystServices, type AnalystServices } from '../../electron/services/analyst';
import type { Db } from '../../electron/services/database';
import { dispatch } from '../../electron/services/dispatch';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk';
import { CHANNELS, IPC_ERROR_CODES, ipcContract, isChannel, type Channel, type Handlers } from '../../shared/ipc/contract';
import type { ExerciseOutcome } from '../../shared/questionnaire/schema';
import type { SessionRecord } from '../../shared/session/record';
import {
  POLLUTION_KEYS,
  POLLUTION_PAYLOADS,
  applyMutations,
  describePayload,
  hostileValue,
  mutationsArb,
  sharedReferenceBomb,
  validPayloadOf,
} from './fixtures/fuzz';
import { prng, randomValidRecord } from './fixtures/records';
import { coarseDay } from '../../shared/session/day';
import { KNOWN_BUGS, machineRecord, misfits, recordBase } from './fixtures/session-oracle';
import { currentQuestionnaire } from '../../shared/questionnaire/current';

const SCALE = Number(process.env.REPERES_FUZZ_SCALE ?? 1);
const SEED = process.env.REPERES_FUZZ_SEED === undefined ? (Date.now() ^ (process.pid << 8)) >>> 0 : Number(process.env.REPERES_FUZZ_SEED);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const fcOptions = (numRuns: number, salt: number) => ({ numRuns: runs(numRuns), seed: (SEED + salt) | 0, endOnFailure: true });
const HASH = currentQuestionnaire.hash;
const START = new Date(2026, 10, 16, 14, 30).getTime();
const PIN = '731904';
/** scrypt at full cost takes ~100 ms a PIN: far too slow for thousands of attempts. */
const CHEAP_SCRYPT = { N: 2 ** 10, r: 8, p: 1, keylen: 32 };

const figures = {
  cases: 0,
  accepted: 0,
  rejectedByCode: {} as Record<string, number>,
  knownBugAccepted: {} as Record<string, number>,
  unserved: new Set<string>(),
};
const internalErrors: string[] = [];

/** What the prototypes look like before any payload was dispatched. */
const PROTOTYPES = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Number: Number.prototype };
const prototypeShape = () => Object.fromEntries(Object.entries(PROTOTYPES).map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).sort()]));
const prototypesBefore = prototypeShape();
const polluted = () => ({} as Record<string, unknown>).polluted !== undefined || ([] as unknown as Record<string, unknown>).polluted !== undefined;

// ---------------------------------------------------------------------------------------
// The services under test, and what their databases hold.

interface Witness {
  changes: number[];
  schema: number[];
  counts: string;
  /** Visits the kiosk has counted. */
  visits: number;
}

interface Env {
  dir: string;
  clock: { t: number };
  kiosk: KioskServices;
  analyst: AnalystServices;
  spies: Partial<Record<Channel, ReturnType<typeof vi.fn>>>;
  handlers: Handlers;
  dbs: [string, Db][];
  unlocked: boolean;
  mirror: Map<string, string[]>;
  witnessed: Witness;
  callsSinceFullCheck: number;
}
let env: Env;

async function createEnv(unlocked: boolean): Promise<Env> {
  const dir = mkdtempSync(join(tmpdir(), 'reperes-ipc-fuzz-'));
  const clock = { t: START };
  const now = () => new Date(clock.t);
  const kiosk = createKioskServices({ userDataDir: join(dir, 'kiosk'), mode: 'kiosk', now, scrypt: CHEAP_SCRYPT, staffIdleTimeoutMs: 10 * 365 * 86_400_000 });
  const analyst = createAnalystServices({ userDataDir: join(dir, 'analyst'), now });
  if (unlocked) expect(await kiosk.staffAuth.setFirstPin(PIN)).toMatchObject({ ok: true });
  // Spies around the real handlers: they run for real, and we see whether they ran. A channel
  // is served by the kiosk's services or the analyst's (each window registers its own).
  const spies: Env['spies'] = {};
  for (const channel of CHANNELS) {
    const served = [kiosk.handlers, analyst.handlers].find((h) => Object.hasOwn(h, channel)) as Record<string, (payload: unknown) => unknown> | undefined;
    if (served) spies[channel] = vi.fn(served[channel] as (payload: unknown) => unknown);
    else figures.unserved.add(channel);
  }
  const e: Env = {
    dir,
    clock,
    kiosk,
    analyst,
    spies,
    handlers: spies as unknown as Handlers,
    dbs: [
      ['kiosk', kiosk.db],
      ['analyst', analyst.db],
    ],
    unlocked,
    mirror: new Map(),
    witnessed: { changes: [], schema: [], counts: '', visits: 0 },
    callsSinceFullCheck: 0,
  };
  env = e;
  e.mirror = dump();
  e.witnessed = witness();
  return e;
}

function closeEnv(): void {
  if (!env) return;
  expectMirrorMatches();
  env.kiosk.close();
  env.analyst.close();
  rmSync(env.dir, { recursive: true, force: true });
}

// Per call, cheap witnesses that nothing was written: each connection's total_changes() (every
// row inserted, updated or deleted through it — the services' only connections), the schema
// versions and every table's row count. And a mirror of every table's contents, extended
// after each accepted write and compared with a fresh dump every few hundred calls and at the
// end of each phase, so a change to any stored byte is caught too.

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const json = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
const tablesOf = (db: Db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);

function witness(): Witness {
  return {
    changes: env.dbs.map(([, db]) => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n),
    schema: env.dbs.map(([, db]) => db.pragma('schema_version', { simple: true }) as number),
    counts: env.dbs
      .flatMap(([name, db]) => tablesOf(db).map((t) => `${name}/${t}:${(db.prepare(`SELECT count(*) AS n FROM ${quoted(t)}`).get() as { n: number }).n}`))
      .join(' '),
    visits: env.kiosk.sessions.count(),
  };
}
const sameWitness = (a: Witness, b: Witness) => a.visits === b.visits && a.counts === b.counts && a.changes.join() === b.changes.join() && a.schema.join() === b.schema.join();

/** Every table as JSON lines; the kiosk's append-only `sessions` only from `sinceId` on. */
function dump(sinceId = 0): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const [name, db] of env.dbs) {
    tables.set(`${name}/sqlite_master`, (db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY name').raw().all() as unknown[]).map(json));
    for (const table of tablesOf(db)) {
      const sessions = name === 'kiosk' && table === 'sessions';
      const statement = db.prepare(sessions ? 'SELECT * FROM sessions WHERE id > ? ORDER BY id' : `SELECT * FROM ${quoted(table)}`).raw();
      tables.set(`${name}/${table}`, (sessions ? statement.all(sinceId) : statement.all()).map(json));
    }
  }
  return tables;
}

/** After a legitimate write: take in the new session rows and every other table. */
function extendMirror(): void {
  const known = env.mirror.get('kiosk/sessions') ?? [];
  const lastId = known.length === 0 ? 0 : (JSON.parse(known.at(-1) as string) as number[])[0];
  const fresh = dump(lastId);
  env.mirror = new Map([...fresh].map(([name, rows]) => [name, name === 'kiosk/sessions' ? [...known, ...rows] : rows]));
}

function expectMirrorMatches(): void {
  env.callsSinceFullCheck = 0;
  const actual = dump();
  for (const name of new Set([...actual.keys(), ...env.mirror.keys()])) {
    const want = env.mirror.get(name) ?? [];
    const got = actual.get(name) ?? [];
    if (got.length !== want.length || got.some((row, i) => row !== want[i])) {
      const i = got.findIndex((row, k) => row !== want[k]);
      throw new Error(`table ${name} differs from what the accepted calls wrote (${got.length} rows, expected ${want.length}); first difference:\n  ${String(got[i]).slice(0, 300)}\n  expected ${String(want[i]).slice(0, 300)}`);
    }
  }
}

/** Unlocked phase: whatever the last payload did (staff:lock, wrong PINs…), unlock again. */
async function keepUnlocked(): Promise<void> {
  const status = env.kiosk.staffAuth.status();
  if (status.unlocked) return;
  if (status.retryAfterS > 0) env.clock.t += (status.retryAfterS + 1) * 1000;
  const result = await env.kiosk.staffAuth.unlock(PIN);
  if (!result.ok) throw new Error(`the staff area could not be unlocked again: ${json(result)}`);
}

// ---------------------------------------------------------------------------------------
// One call through the gate, and everything that must hold about it.

function check(condition: boolean, message: () => string): asserts condition {
  // Messages are built only on failure: payloads can be megabytes.
  if (!condition) throw new Error(message());
}

async function call(channel: unknown, payload: unknown, trustedSender = true): Promise<void> {
  if (env.unlocked) {
    // Unlocking again writes (the failure counter): take that in before the call.
    await keepUnlocked();
    const current = witness();
    if (!sameWitness(current, env.witnessed)) extendMirror();
    env.witnessed = current;
  }
  const before = env.witnessed;
  figures.cases++;
  const callsBefore = CHANNELS.map((c) => env.spies[c]?.mock.calls.length ?? 0);
  let response: Awaited<ReturnType<typeof dispatch>>;
  try {
    response = await dispatch(env.handlers, trustedSender, channel, payload, {
      onInternalError: (c, error) => {
        internalErrors.push(`${c}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      },
    });
  } catch (error) {
    throw new Error(`dispatch threw on ${describePayload(channel)} ${describePayload(payload)}: ${String(error)}`, { cause: error });
  }
  const after = witness();
  env.witnessed = after;
  const context = () =>
    `${trustedSender ? '' : 'untrusted, '}${env.unlocked ? 'unlocked, ' : ''}channel ${describePayload(channel)}, payload ${describePayload(payload)} → ${describePayload(response)}`;

  // The response is always one of the two typed shapes.
  check(typeof response === 'object' && response !== null && typeof response.ok === 'boolean', () => `untyped response: ${context()}`);
  if (response.ok) {
    check(Object.keys(response).sort().join() === 'ok,value', () => `unexpected keys: ${context()}`);
    if (!sameWitness(before, after)) extendMirror();
  } else {
    check((IPC_ERROR_CODES as readonly string[]).includes(response.error.code), () => `unknown error code: ${context()}`);
    check(Object.keys(response.error).every((k) => k === 'code' || k === 'detail'), () => `unexpected error keys: ${context()}`);
    check(response.error.detail === undefined || typeof response.error.detail === 'string', () => `detail not a string: ${context()}`);
    figures.rejectedByCode[response.error.code] = (figures.rejectedByCode[response.error.code] ?? 0) + 1;
    // Nothing written by a refused call.
    check(sameWitness(before, after), () => `database written by a refused call (${json(before)} → ${json(after)}): ${context()}`);
  }
  if (++env.callsSinceFullCheck >= 250) expectMirrorMatches();
  check(!polluted() && Object.getPrototypeOf({}) === Object.prototype, () => `Object.prototype polluted by ${context()}`);
  const ran = CHANNELS.filter((c, i) => (env.spies[c]?.mock.calls.length ?? 0) !== callsBefore[i]);

  if (!trustedSender) {
    check(!response.ok && response.error.code === 'untrustedSender' && response.error.detail === undefined, () => `untrusted sender not refused: ${context()}`);
    check(ran.length === 0, () => `handler ran for an untrusted sender: ${context()}`);
    return;
  }
  if (!isChannel(channel) || !env.spies[channel]) {
    check(!response.ok && response.error.code === 'unknownChannel', () => `unknown or unserved channel not refused: ${context()}`);
    check(ran.length === 0, () => `a handler ran for an unknown channel: ${context()}`);
    return;
  }
  const parsed = ipcContract[channel].payload.safeParse(payload);
  if (!parsed.success) {
    check(!response.ok && response.error.code === 'invalidPayload', () => `payload its schema refuses not refused with invalidPayload: ${context()}`);
    check(ran.length === 0, () => `handler ran on an invalid payload: ${context()}`);
    return;
  }
  if (holdsOwnProtoKey(payload)) {
    // zod drops `__proto__` keys silently; the gate refuses such payloads before parsing.
    check(!response.ok && response.error.code === 'invalidPayload', () => `payload with a __proto__ key not refused: ${context()}`);
    check(ran.length === 0, () => `handler ran on a payload with a __proto__ key: ${context()}`);
    return;
  }
  check(ran.length === 1 && ran[0] === channel, () => `handler of ${channel} did not run exactly once: ${context()}`);
  if (response.ok) figures.accepted++;
  if (channel !== 'session:save') return;

  const record = parsed.data as SessionRecord;
  const misfit = misfits(record);
  // Every misfit must be refused: the bugs once tolerated here (B1–B4) are fixed.
  const hard = misfit;
  if (hard.length > 0) {
    check(!response.ok && response.error.code === 'invalidPayload', () => `stored a session that does not fit (${hard.map((m) => m.reason).join('; ')}): ${context()}`);
  } else if (misfit.length > 0) {
    // Fits apart from known bugs: whatever the answer, the gate stayed typed and clean above.
    if (response.ok) for (const m of misfit) figures.knownBugAccepted[m.knownBug as string] = (figures.knownBugAccepted[m.knownBug as string] ?? 0) + 1;
  } else {
    check(response.ok, () => `refused a session that fits: ${context()}`);
    check(after.visits === before.visits + 1, () => `a fitting session was not counted once: ${context()}`);
    // Counted in the month of the kiosk clock, in its status; nothing per visit stored.
    const month = coarseDay(new Date(env.clock.t)).slice(0, 7);
    check(
      (env.kiosk.db.prepare('SELECT sum(visits) FROM visit_counts WHERE month = ? AND status = ?').pluck().get(month, record.status) as number) >= 1,
      () => `a fitting session is not in its month's counts: ${context()}`,
    );
  }
}

/** Any own `__proto__` key, at any depth, each object once. */
function holdsOwnProtoKey(value: unknown, seen = new Set<object>()): boolean {
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  seen.add(value);
  return Object.hasOwn(value, '__proto__') || Object.values(value).some((v) => holdsOwnProtoKey(v, seen));
}

// ---------------------------------------------------------------------------------------

afterAll(() => {
  const rejected = Object.entries(figures.rejectedByCode).map(([code, n]) => `${code} ${n}`).join(', ');
  const known = Object.entries(figures.knownBugAccepted).map(([bug, n]) => `${bug} ${n}`).join(', ');
  console.log(
    `ipc-fuzz: ${figures.cases} cases over ${CHANNELS.length} channels, staff area locked then unlocked, seed ${SEED}; ` +
      `${figures.accepted} accepted, refused: ${rejected}; ` +
      `session:save payloads accepted only because of known bugs: ${known || 'none'}; ` +
      `${figures.unserved.size > 0 ? `channels without a handler (refused as unknownChannel): ${[...figures.unserved].join(', ')}; ` : ''}` +
      `Object.prototype unpolluted; every refusal left both databases unchanged`,
  );
});

describe.each([
  { phase: 'fresh kiosk, staff area locked', unlocked: false },
  { phase: 'staff area unlocked', unlocked: true },
])('IPC fuzzing through dispatch on every channel — $phase', ({ unlocked }) => {
  beforeAll(async () => {
    await createEnv(unlocked);
  });
  afterAll(closeEnv);

  it('has channels to fuzz, each with a schema', () => {
    expect(CHANNELS.length).toBeGreaterThan(0);
    for (const channel of CHANNELS) expect(typeof ipcContract[channel].payload.safeParse).toBe('function');
  });

  it.each(CHANNELS)('%s: any value at all is refused cleanly, or accepted only when its schema accepts it', async (channel) => {
    await fc.assert(fc.asyncProperty(hostileValue, (payload) => call(channel, payload)), fcOptions(150, 1));
    for (const payload of [...POLLUTION_PAYLOADS, undefined, null, NaN, Infinity, -Infinity, [], {}, Object.create(null)]) await call(channel, payload);
  });

  it.each(CHANNELS)('%s: mutations of valid payloads built from its schema', async (channel) => {
    const schema = ipcContract[channel].payload;
    await fc.assert(fc.asyncProperty(validPayloadOf(schema), mutationsArb, (base, mutations) => call(channel, applyMutations(base, mutations))), fcOptions(150, 2));
    // The unmutated valid payloads go through the gate too.
    await fc.assert(fc.asyncProperty(validPayloadOf(schema), (payload) => call(channel, payload)), fcOptions(30, 3));
  });

  it('every channel refuses an untrusted sender without running its handler', async () => {
    for (const channel of CHANNELS) {
      const schema = ipcContract[channel].payload;
      await fc.assert(fc.asyncProperty(fc.oneof(validPayloadOf(schema), hostileValue), (payload) => call(channel, payload, false)), fcOptions(40, 6));
    }
    await fc.assert(fc.asyncProperty(fc.anything(), hostileValue, (channel, payload) => call(channel, payload, false)), fcOptions(100, 7));
  });

  it('shared-reference bombs (100^8 paths in ~2 KB of structured clone) are answered at once on every channel', async () => {
    const bombs = [sharedReferenceBomb(8, 100), sharedReferenceBomb(8, 100, JSON.parse('{"__proto__": {"polluted": 1}}'))];
    const record = machineRecord(3);
    for (const channel of CHANNELS) {
      for (const bomb of bombs) {
        for (const payload of [bomb, { pin: bomb }, { files: bomb }, { ...record, answers: bomb }, { ...record, exercises: { exTap: bomb } }]) {
          const started = performance.now();
          await call(channel, payload);
          // Generous for a loaded CI machine; a walk of every path would take hours.
          expect(performance.now() - started, `${channel}`).toBeLessThan(2_000);
        }
      }
    }
  });

  it('unknown channels, including inherited names and near-misses, are refused', async () => {
    const names = fc.oneof(
      fc.string(),
      fc.constantFrom(...POLLUTION_KEYS, ...CHANNELS.map((c) => `${c} `), ...CHANNELS.map((c) => c.toUpperCase()), ...CHANNELS.map((c) => `${c}\u0000`)),
      fc.anything(),
    );
    await fc.assert(fc.asyncProperty(names, hostileValue, (channel, payload) => call(channel, payload)), fcOptions(200, 8));
  });

  if (!unlocked) {
    it('session:save: mutations of records the kiosk machine really sends', async () => {
      await fc.assert(fc.asyncProperty(recordBase, mutationsArb, (base, mutations) => call('session:save', applyMutations(base, mutations))), fcOptions(1200, 4));
    });

    it('session:save: targeted malformed records (missing, retyped and extra fields, free text, bad numbers)', async () => {
      const base = machineRecord(42);
      const variants: unknown[] = [];
      for (const key of Object.keys(base)) {
        const { [key as keyof SessionRecord]: _dropped, ...rest } = base;
        variants.push(rest);
        for (const value of [null, 0, '', 'x', [], {}, true, NaN, -1, Infinity, 'x'.repeat(1_000_000)]) variants.push({ ...base, [key]: value });
      }
      for (const key of POLLUTION_KEYS) {
        const extra = { ...base };
        Object.defineProperty(extra, key, { value: { polluted: 'yes' }, enumerable: true });
        variants.push(extra);
        const answers = { ...base.answers };
        Object.defineProperty(answers, key, { value: 'YES', enumerable: true });
        variants.push({ ...base, answers });
      }
      variants.push(
        { ...base, durationS: -1 },
        { ...base, durationS: NaN },
        { ...base, durationS: Infinity },
        { ...base, durationS: 24 * 3600 + 1 },
        { ...base, durationS: '312' },
        { ...base, answers: { ...base.answers, ageBand: 'Marie Dupont, 06 12 34 56 78' } },
        { ...base, answers: { ...base.answers, commune: 'Cambrai, 12 rue Victor Hugo' } },
        { ...base, answers: { ...base.answers, wantsToLearn: new Array(41).fill('EMAIL') } },
        { ...base, answers: { ...base.answers, wantsToLearn: new Array(100_000).fill('EMAIL') } },
        { ...base, answers: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`q${i}`, 'YES'])) },
        { ...base, exercises: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`ex${i}`, { outcome: 'SUCCESS', durationS: 1 }])) },
        { ...base, exercises: { exTap: { outcome: 'SUCCESS', durationS: -5 } } },
        { ...base, exercises: { exTap: { outcome: 'SUCCESS', durationS: 1.5 } } },
        { ...base, exercises: { exTap: { outcome: 'WON', durationS: 1 } } },
        { ...base, language: 'xx' },
        { ...base, status: 'hacked' },
        { ...base, lastStep: '../../etc/passwd' },
        { ...base, questionnaire: { ...base.questionnaire, id: 'other-questionnaire' } },
        { ...base, questionnaire: { ...base.questionnaire, hash: 'F'.repeat(64) } },
        { ...base, answers: new Map(Object.entries(base.answers)) },
        [base],
        JSON.stringify(base),
      );
      for (const payload of variants) await call('session:save', payload);
    });

    it('session:save: every valid record is stored, re-derived by the main process', async () => {
      const before = env.kiosk.sessions.count();
      await fc.assert(fc.asyncProperty(recordBase, (record) => call('session:save', record)), fcOptions(100, 5));
      expect(env.kiosk.sessions.count()).toBeGreaterThan(before);
    });

    it('session:save: records that parse but do not fit the questionnaire are refused and write nothing', async () => {
      const base = machineRecord(7);
      const cases: SessionRecord[] = [
        { ...base, questionnaire: { ...base.questionnaire, id: 'another-questionnaire' } },
        { ...base, answers: { ...base.answers, notAQuestion: 'YES' } },
        { ...base, answers: { ...base.answers, ageBand: 'NOT_AN_OPTION' } },
        { ...base, answers: { ...base.answers, ageBand: ['A40_59'] } },
        { ...base, answers: { ...base.answers, smartphone: ['YES', 'NO'] } },
        { ...base, answers: { ...base.answers, wantsToLearn: 'EMAIL' } },
        { ...base, answers: { ...base.answers, wantsToLearn: [] } },
        { ...base, answers: { ...base.answers, wantsToLearn: ['EMAIL', 'EMAIL'] } },
        { ...base, answers: { ...base.answers, wantsToLearn: ['EMAIL', 'NOTHING'] } },
        { ...base, answers: { ...base.answers, exTap: 'DONT_KNOW' } },
        { ...base, answers: { ...base.answers, exTap: 'MAYBE' } },
        { ...base, answers: { ...base.answers, exercisesIntro: 'REFUSED' } },
        { ...base, answers: { ...base.answers, constructor: 'YES' } },
        { ...base, answers: { ...base.answers, toString: ['YES'] } },
        { ...base, lastStep: 'notAStep' },
        { ...base, lastStep: 'constructor' },
      ];
      for (const record of cases) {
        expect(ipcContract['session:save'].payload.safeParse(record).success, describePayload(record)).toBe(true);
        expect(misfits(record).some((m) => !m.knownBug), describePayload(record)).toBe(true);
        await call('session:save', record);
      }
    });

    it('in kiosk mode, channels the kiosk does not serve are unknown, never an internal error', async () => {
      for (const channel of CHANNELS) {
        if (Object.hasOwn(env.kiosk.handlers, channel)) continue;
        const [payload] = fc.sample(validPayloadOf(ipcContract[channel].payload), { numRuns: 1, seed: SEED });
        const errors: unknown[] = [];
        const response = await dispatch(env.kiosk.handlers, true, channel, payload, { onInternalError: (_c, e) => errors.push(e) });
        expect(response, channel).toEqual({ ok: false, error: { code: 'unknownChannel' } });
        expect(errors).toEqual([]);
      }
    });

    // Bugs the fuzzer found in SessionRepository.save (electron/services/sessions.ts), now fixed:
    // each test states the correct behaviour.
    describe('session:save — records that parse but do not fit are refused', () => {
      const refusedAndNothingWritten = async (record: SessionRecord) => {
        const before = witness();
        const response = await dispatch(env.kiosk.handlers, true, 'session:save', record);
        const after = witness();
        if (!sameWitness(before, after)) extendMirror();
        env.witnessed = after;
        expect(response).toEqual({ ok: false, error: { code: 'invalidPayload' } });
        expect(after).toEqual(before);
      };
      const withExercises = () => randomValidRecord(prng(11), HASH, { withExercises: true, abandonRate: 0 });

      it(`B1: ${KNOWN_BUGS.B1} — an exercise result on a non-exercise question`, async () => {
        const base = withExercises();
        await refusedAndNothingWritten({ ...base, exercises: { ...base.exercises, ageBand: { outcome: 'SUCCESS', durationS: 5 } } });
      });

      it(`B1: ${KNOWN_BUGS.B1} — an exercise result named after an Object.prototype member`, async () => {
        const base = withExercises();
        const exercises: SessionRecord['exercises'] = { ...base.exercises };
        exercises['constructor'] = { outcome: 'SUCCESS', durationS: 5 };
        await refusedAndNothingWritten({ ...base, exercises });
      });

      it(`B1: ${KNOWN_BUGS.B1} — an exercise result that contradicts the answer`, async () => {
        const base = withExercises();
        const flipped: ExerciseOutcome = base.answers['exTap'] === 'SUCCESS' ? 'FAILURE' : 'SUCCESS';
        await refusedAndNothingWritten({ ...base, exercises: { ...base.exercises, exTap: { outcome: flipped, durationS: 5 } } });
      });

      it(`B2: ${KNOWN_BUGS.B2}`, async () => {
        const base = withExercises();
        await refusedAndNothingWritten({ ...base, questionnaire: { ...base.questionnaire, version: '9.9.9', hash: 'f'.repeat(64) } });
      });

      it(`B3: ${KNOWN_BUGS.B3} — completed, but the last step is a question`, async () => {
        const base = withExercises();
        await refusedAndNothingWritten({ ...base, status: 'completed', lastStep: 'ageBand' });
      });

      it(`B4: ${KNOWN_BUGS.B4}`, async () => {
        const base = withExercises();
        await refusedAndNothingWritten({ ...base, accompanied: base.answers['accompanied'] !== 'PROFESSIONAL' });
      });
    });
  }

  if (unlocked) {
    // Found in the staff area (electron/services/settings.ts, SettingsStore.update), fixed.
    it(`B5: ${KNOWN_BUGS.B5}`, async () => {
      await keepUnlocked();
      const before = env.kiosk.settings.get();
      const errors: unknown[] = [];
      let response: Awaited<ReturnType<typeof dispatch>>;
      try {
        response = await dispatch(env.kiosk.handlers, true, 'staff:update-settings', { siteCode: undefined }, { onInternalError: (_c, e) => errors.push(e) });
      } finally {
        extendMirror();
        env.witnessed = witness();
      }
      expect(errors).toEqual([]);
      expect(response.ok || response.error.code === 'invalidPayload').toBe(true);
      expect(env.kiosk.settings.get()).toEqual(before);
    });
  }

  it('no handler failed unexpectedly, and no prototype was touched', () => {
    expect(internalErrors).toEqual([]);
    expect(polluted()).toBe(false);
    expect(prototypeShape()).toEqual(prototypesBefore);
  });
});

describe('IPC fuzzing — totals', () => {
  it('ran thousands of cases', () => {
    expect(figures.cases).toBeGreaterThanOrEqual(runs(3000));
  });
});
