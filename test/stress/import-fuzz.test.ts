/**
 * Import fuzzing (issue 7, "Hostile input is refused clearly"). Real signed bundles are made
 * once from simulated kiosks (test/harness/analyst-fixtures.ts) and imported into an analyst
 * database; then at least 10,000 mutated files (REPERES_IMPORT_FUZZ_CASES for more), drawn from
 * a seeded PRNG (REPERES_IMPORT_FUZZ_SEED replays a run), go through the importer the
 * `reperes import` command uses, one file at a time:
 *   byte flips, truncations, inserted garbage, invalid UTF-8, wrong types at random JSON paths,
 *   huge / negative / fractional / non-finite / string counts (some re-signed with the kiosk's
 *   own key so that they reach the schema), unknown tables, extra fields, duplicated keys in
 *   the raw text, `__proto__` / `constructor` / `prototype` keys at any depth, deep nesting
 *   (up to 10,000 levels), random JSON and random bytes.
 * For each file: no throw, an outcome among accepted / duplicate / rejected, a specific reason
 * for every rejection (never `storageError`), a bounded time, nothing written by a refusal
 * (`total_changes()` per file; checksums of every table and of the checkpointed file per
 * batch), and every accepted file checked independently as a valid signed bundle.
 * A sample also goes through `main(['import', …])` in process, and the biggest and deepest
 * files (over the 5 MiB limit, a sparse 8 GiB file, 2.5 million levels of nesting) through
 * the `reperes` program as a child process with a timeout and a capped heap.
 */
import { spawn } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/reperes';
import { createAnalystServices, type AnalystServices } from '../../electron/services/analyst/index';
import { importSources, type ImportSource } from '../../electron/services/analyst/importer';
import { ANALYST_DATABASE_FILE } from '../../electron/services/analyst/migrations';
import { openDatabase } from '../../electron/services/database';
import { signBundle } from '../../electron/services/export/signing';
import { readIdentity } from '../../electron/services/identity';
import { IMPORT_REJECTIONS, type ImportFileResult } from '../../shared/analyst/types';
import { bundleSha256 } from '../../shared/export/bundle-hash';
import { signedText, type Bundle, type UnsignedBundle } from '../../shared/export/bundle';
import { bundleSchema } from '../../shared/export/bundle-schema';
import { MAX_BUNDLE_BYTES } from '../../shared/ipc/analyst-channels';
import { contentChecksum, fileChecksum, monthsAgo, simulateAndExport } from '../harness/analyst-fixtures';
import { repoRoot } from '../harness/repo-root';
import { mixSeed, prng } from './fixtures/records';

const SEED = process.env.REPERES_IMPORT_FUZZ_SEED === undefined ? (Date.now() ^ (process.pid << 8)) >>> 0 : Number(process.env.REPERES_IMPORT_FUZZ_SEED);
const CASES = Math.max(10_000, Number(process.env.REPERES_IMPORT_FUZZ_CASES ?? 10_000));
/** Time one file may take through the importer (the real cost is a few milliseconds). */
const PER_FILE_MS = 2_000;
const BATCH = 100;
/** Reasons that say nothing about the file: none of them may appear. */
const GENERIC = new Set(['storageError', 'readError']);

const dir = mkdtempSync(join(tmpdir(), 'reperes-import-fuzz-'));
const kioskA = join(dir, 'kiosk-a.db');
const kioskB = join(dir, 'kiosk-b.db');

interface Base {
  kioskDb: string;
  privateKey: string;
  text: string;
  bytes: Uint8Array;
  bundle: Bundle;
}
let bases: Base[] = [];
let analyst: AnalystServices;
let analystFile: string;

const figures = {
  seed: SEED,
  cases: 0,
  outcomes: { accepted: 0, duplicate: 0, rejected: 0 } as Record<string, number>,
  rejectedByReason: {} as Record<string, number>,
  byMutation: {} as Record<string, Record<string, number>>,
  acceptedByMutation: {} as Record<string, number>,
  maxMs: 0,
  maxMsCase: '',
  maxBytes: 0,
  heapStartMb: 0,
  heapMaxMb: 0,
  batchesChecked: 0,
  cliFiles: 0,
  childFiles: 0,
  childMs: 0,
  elapsedMs: 0,
};

const enc = new TextEncoder();
const clone = <T>(v: T): T => structuredClone(v);

beforeAll(async () => {
  const [a1 = '', a2 = ''] = [
    ...(await simulateAndExport(kioskA, join(dir, 'usb-a'), { sessions: 40, seed: 11, site: 'LABO', until: monthsAgo(3), months: 2 })),
    ...(await simulateAndExport(kioskA, join(dir, 'usb-a'), { sessions: 30, seed: 12, site: 'LABO', until: monthsAgo(0), months: 2 })),
  ];
  const [b1 = ''] = await simulateAndExport(kioskB, join(dir, 'usb-b'), { sessions: 30, seed: 13, site: 'CS-NORD', until: monthsAgo(0), months: 3 });
  const keyOf = (kioskDb: string) => {
    const db = openDatabase(kioskDb);
    try {
      const identity = readIdentity(db);
      if (!identity) throw new Error('no kiosk identity');
      return identity.privateKey;
    } finally {
      db.close();
    }
  };
  bases = [
    [a1, kioskA],
    [a2, kioskA],
    [b1, kioskB],
  ].map(([file = '', kioskDb = '']) => {
    const bytes = new Uint8Array(readFileSync(file));
    const text = new TextDecoder().decode(bytes);
    return { kioskDb, privateKey: keyOf(kioskDb), text, bytes, bundle: JSON.parse(text) as Bundle };
  });
  const userDataDir = join(dir, 'analyst');
  analyst = createAnalystServices({ userDataDir });
  analystFile = join(userDataDir, ANALYST_DATABASE_FILE);
  const report = importSources(
    analyst.store,
    bases.map((b, i) => ({ name: `base-${i}.json`, read: { ok: true, bytes: b.bytes } })),
    { trust: () => 'trust' },
  );
  expect(report.accepted).toBe(3);
}, 120_000);

afterAll(() => {
  analyst?.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------
// Mutations. Each returns the file's bytes and a label for the figures.

type Rand = () => number;
const int = (r: Rand, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[int(r, xs.length)] as T;

function uuidOf(r: Rand): string {
  const h = Array.from({ length: 32 }, () => int(r, 16).toString(16));
  h[12] = '4';
  h[16] = pick(r, ['8', '9', 'a', 'b']);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

type Path = (string | number)[];
/** Every path of a JSON value (objects and arrays included). */
function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}
const pathCache = new Map<Base, { all: Path[]; objects: Path[]; counts: Path[] }>();
function pathsOf(base: Base) {
  let p = pathCache.get(base);
  if (!p) {
    const all = paths(base.bundle);
    const at = (path: Path) => getAt(base.bundle, path);
    p = {
      all,
      objects: all.filter((x) => { const v = at(x); return v !== null && typeof v === 'object' && !Array.isArray(v); }),
      counts: [...all.filter((x) => x.at(-1) === 'count'), ['export', 'sessions'], ['export', 'sequence']],
    };
    pathCache.set(base, p);
  }
  return p;
}
function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}
function setAt(root: unknown, path: Path, value: unknown): void {
  if (path.length === 0) return;
  const parent = getAt(root, path.slice(0, -1));
  if (parent !== null && typeof parent === 'object') (parent as Record<string | number, unknown>)[path.at(-1) as string | number] = value;
}
function deleteAt(root: unknown, path: Path): void {
  if (path.length === 0) return;
  const parent = getAt(root, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
  else if (parent !== null && typeof parent === 'object') delete (parent as Record<string, unknown>)[path.at(-1) as string];
}

const WRONG_VALUES: readonly unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -1e308, '', 'x', 'NaN', 'Infinity', '-0', '1e999', [], {}, [1, 2], { a: 1 }, 'K-00000-00000', '2026-13', '<img src=x onerror=alert(1)>'];
const HUGE_COUNTS: readonly unknown[] = [0, -1, -(2 ** 31), 0.5, 1.000001, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e21, 1e300, Number.MAX_VALUE, 'NaN', 'Infinity', '1e999', '12', -0, 4294967296];
const RAW_NUMBERS = ['1e999', '-1e999', 'NaN', 'Infinity', '-1', '0.5', '00012', '1E2', '9007199254740993', '-0', '0x10', '1_000', '+1', '.5', '1.', '123456789012345678901234567890'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Signs altered content with the kiosk's own key, so that the file reaches the schema (and beyond). */
function signed(base: Base, content: Record<string, unknown>, r: Rand, fresh: boolean): string {
  const unsigned = clone(content);
  delete unsigned['integrity'];
  if (fresh) {
    // A new export id and sequence: if the content is still valid, it is a genuine signed bundle.
    const e = unsigned['export'] as Record<string, unknown> | undefined;
    if (e && typeof e === 'object') {
      e['id'] = uuidOf(r);
      // Small: a large sequence runs into the known sequenceGap bug below (seconds per file).
      e['sequence'] = 4 + int(r, 60);
    }
  }
  try {
    return JSON.stringify(signBundle(unsigned as unknown as UnsignedBundle, base.privateKey), null, int(r, 3));
  } catch {
    // Content canonicalJson cannot serialise: leave the old integrity.
    return JSON.stringify({ ...unsigned, integrity: content['integrity'] });
  }
}

/** Inserts `insert` right after a random `{` of the text (outside strings: bundles hold no braces in strings). */
function afterRandomBrace(r: Rand, text: string, member: string): string {
  const braces: number[] = [];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x7b) braces.push(i);
  const at = (pick(r, braces) ?? 0) + 1;
  const rest = text.slice(at).trimStart();
  return `${text.slice(0, at)}${member}${rest.startsWith('}') ? '' : ','}${text.slice(at)}`;
}

function deep(n: number, open: string, close: string, inner = '1'): string {
  return open.repeat(n) + inner + close.repeat(n);
}

type Mutation = (r: Rand, base: Base) => Uint8Array | string;
const MUTATIONS: Record<string, Mutation> = {
  byteFlip(r, base) {
    const b = new Uint8Array(base.bytes);
    const n = 1 + int(r, 8);
    for (let i = 0; i < n; i++) {
      const at = int(r, b.length);
      b[at] = (b[at] ?? 0) ^ (1 + int(r, 255));
    }
    return b;
  },
  bitFlipInSignature(r, base) {
    const text = base.text;
    const at = text.indexOf('"signature"') + 15 + int(r, 40);
    const b = enc.encode(text);
    b[at] = (b[at] ?? 0) ^ (1 << int(r, 7));
    return b;
  },
  truncate(r, base) {
    return base.bytes.slice(0, int(r, base.bytes.length));
  },
  insertGarbage(r, base) {
    const at = int(r, base.bytes.length);
    const garbage = Uint8Array.from({ length: 1 + int(r, 64) }, () => int(r, 256));
    const out = new Uint8Array(base.bytes.length + garbage.length);
    out.set(base.bytes.subarray(0, at));
    out.set(garbage, at);
    out.set(base.bytes.subarray(at), at + garbage.length);
    return out;
  },
  invalidUtf8(r, base) {
    const seqs = [[0xff], [0xfe], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]];
    const seq = pick(r, seqs);
    const at = int(r, base.bytes.length);
    const out = new Uint8Array(base.bytes.length + seq.length);
    out.set(base.bytes.subarray(0, at));
    out.set(seq, at);
    out.set(base.bytes.subarray(at), at + seq.length);
    return out;
  },
  wrongType(r, base) {
    const content = clone(base.bundle) as unknown as Record<string, unknown>;
    const { all } = pathsOf(base);
    const n = 1 + int(r, 3);
    for (let i = 0; i < n; i++) setAt(content, pick(r, all), clone(pick(r, WRONG_VALUES)));
    return r() < 0.6 ? signed(base, content, r, r() < 0.03) : JSON.stringify(content, null, 2);
  },
  removeMember(r, base) {
    const content = clone(base.bundle) as unknown as Record<string, unknown>;
    deleteAt(content, pick(r, pathsOf(base).all));
    return r() < 0.6 ? signed(base, content, r, r() < 0.03) : JSON.stringify(content);
  },
  badCount(r, base) {
    const content = clone(base.bundle) as unknown as Record<string, unknown>;
    setAt(content, pick(r, pathsOf(base).counts), pick(r, HUGE_COUNTS));
    return signed(base, content, r, r() < 0.05);
  },
  rawNumber(r, base) {
    // A number of the text replaced by something JSON does not allow, or does not mean.
    const matches = [...base.text.matchAll(/(?<=[:[,]\s*)-?\d+(?:\.\d+)?(?=\s*[,}\]])/g)];
    const m = pick(r, matches);
    if (!m || m.index === undefined) return base.text;
    return base.text.slice(0, m.index) + pick(r, RAW_NUMBERS) + base.text.slice(m.index + m[0].length);
  },
  unknownTable(r, base) {
    const content = clone(base.bundle) as unknown as { tables: Record<string, unknown> };
    const ids = Object.keys(content.tables);
    const id = pick(r, ids);
    const name = pick(r, ['evil', 'month_status2', '', 'MONTH_STATUS', '../../etc', 'toString', 'hasOwnProperty', 'valueOf', ' month_status']);
    if (r() < 0.5) {
      content.tables[name] = content.tables[id];
      delete content.tables[id];
    } else content.tables[name] = clone(content.tables[id]);
    return signed(base, content as Record<string, unknown>, r, r() < 0.05);
  },
  extraField(r, base) {
    const content = clone(base.bundle) as unknown as Record<string, unknown>;
    const target = getAt(content, pick(r, pathsOf(base).objects)) as Record<string, unknown>;
    target[pick(r, ['extra', 'x', 'comment', 'toString', 'valueOf', 'isAdmin', 'count', 'month'])] = clone(pick(r, WRONG_VALUES));
    return signed(base, content, r, r() < 0.05);
  },
  duplicatedKey(r, base) {
    // `"key": value` of the text repeated with another value, before or after the original.
    const matches = [...base.text.matchAll(/"([A-Za-z_]+)":\s*("[^"]*"|-?\d+)/g)];
    const m = pick(r, matches);
    if (!m || m.index === undefined) return base.text;
    const other = pick(r, ['"other"', '0', '-1', '999999', 'null', '"2026-01"', 'true', m[2] as string]);
    const dup = `"${m[1]}": ${other}`;
    const end = m.index + m[0].length;
    return r() < 0.5 ? `${base.text.slice(0, m.index)}${dup}, ${base.text.slice(m.index)}` : `${base.text.slice(0, end)}, ${dup}${base.text.slice(end)}`;
  },
  prototypeKey(r, base) {
    const key = pick(r, PROTO_KEYS);
    const value = pick(r, ['{"polluted":1}', '{"isAdmin":true}', 'null', '1', '[]', '{"__proto__":{"polluted":1}}', '"x"']);
    const escaped = r() < 0.2 ? key.replace('_', '\\u005f').replace('o', '\\u006f') : key;
    return afterRandomBrace(r, base.text, `"${escaped}":${value}`);
  },
  deepNesting(r, base) {
    const n = pick(r, [65, 100, 1000, 10_000]);
    const kind = int(r, 3);
    const bomb = kind === 0 ? deep(n, '[', ']') : kind === 1 ? deep(n, '{"a":', '}') : deep(n, '[{"x":', '}]');
    if (r() < 0.4) return bomb;
    return afterRandomBrace(r, base.text, `"nested":${bomb}`);
  },
  nestingUnderLimit(r, base) {
    // Deep, but within the 64 levels: it must reach the schema and be refused there.
    return afterRandomBrace(r, base.text, `"nested":${deep(50, '[', ']')}`);
  },
  otherFormat(r, base) {
    const content = clone(base.bundle) as unknown as Record<string, unknown>;
    if (r() < 0.5) content['format'] = pick(r, ['reperes-aggregate', 'REPERES-AGGREGATES', '', null, 1, ['reperes-aggregates']]);
    else content['formatVersion'] = pick(r, [0, 2, '1', 1.0000001, null, -1, 1e308]);
    return JSON.stringify(content);
  },
  randomJson(r) {
    const atoms = ['null', 'true', '0', '-1', '""', '"reperes-aggregates"', '{}', '[]', '{"format":"reperes-aggregates","formatVersion":1}', '{"format":"reperes-aggregates","formatVersion":1,"tables":{}}'];
    const n = 1 + int(r, 4);
    const parts = Array.from({ length: n }, () => pick(r, atoms));
    return n === 1 ? parts.join('') : `[${parts.join(',')}]`;
  },
  randomBytes(r) {
    return Uint8Array.from({ length: int(r, 2048) }, () => int(r, 256));
  },
  whitespace(r, base) {
    // Still the same content: must be a duplicate, never a refusal or a second import.
    return `${pick(r, ['\uFEFF', '', ' \n\t'])}${base.text}${' '.repeat(int(r, 100))}`;
  },
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

// ---------------------------------------------------------------------------------------
// Independent check of an accepted file: the schema, the hash and the Ed25519 signature.

function independentlyValid(bytes: Uint8Array): string | null {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  const data = JSON.parse(text) as unknown;
  const parsed = bundleSchema.safeParse(data);
  if (!parsed.success) return `schema: ${parsed.error.message}`;
  const bundle = parsed.data as Bundle;
  const digest = createHash('sha256').update(signedText(bundle), 'utf8').digest('hex');
  if (digest !== bundle.integrity.sha256 || digest !== bundleSha256(bundle)) return 'hash';
  const key = createPublicKey({ key: Buffer.from(bundle.kiosk.publicKey, 'base64'), format: 'der', type: 'spki' });
  if (!verify(null, Buffer.from(signedText(bundle), 'utf8'), key, Buffer.from(bundle.integrity.signature, 'base64'))) return 'signature';
  if (!bases.some((b) => b.bundle.kiosk.publicKey === bundle.kiosk.publicKey)) return 'unknown key';
  for (const cell of Object.values(bundle.tables).flatMap((t) => t.cells)) if (!Number.isSafeInteger(cell.count) || cell.count < 1) return `count ${cell.count}`;
  return null;
}

function sha256File(file: string): string {
  const h = createHash('sha256').update(readFileSync(file));
  if (existsSync(`${file}-wal`)) h.update(readFileSync(`${file}-wal`));
  return h.digest('hex');
}

const totalChanges = () => (analyst.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
const bump = (rec: Record<string, number>, key: string) => (rec[key] = (rec[key] ?? 0) + 1);
const mb = (n: number) => Math.round(n / 1024 / 1024);

/** Files kept (on disk) for the in-process command line run. */
const cliSample: { file: string; result: ImportFileResult }[] = [];

describe('import fuzzing', () => {
  it(`refuses ${CASES} mutated bundles with a specific reason, within bounds, writing nothing`, () => {
    const started = performance.now();
    const r = prng(SEED);
    const heapStart = process.memoryUsage().heapUsed;
    figures.heapStartMb = mb(heapStart);
    const cliDir = join(dir, 'cli-sample');
    mkdirSync(cliDir);
    const failures: string[] = [];
    for (let batchStart = 0; batchStart < CASES; batchStart += BATCH) {
      const contentBefore = contentChecksum(analyst.db);
      const bytesBefore = fileChecksum(analyst.db, analystFile);
      let acceptedInBatch = 0;
      for (let i = batchStart; i < Math.min(CASES, batchStart + BATCH); i++) {
        const caseRand = prng(mixSeed(SEED, i));
        const mutation = i < MUTATION_NAMES.length ? (MUTATION_NAMES[i] as string) : pick(r, MUTATION_NAMES);
        const base = pick(caseRand, bases);
        const made = (MUTATIONS[mutation] as Mutation)(caseRand, base);
        const bytes = typeof made === 'string' ? enc.encode(made) : made;
        const label = `case ${i} (${mutation}, seed ${SEED})`;
        const source: ImportSource = { name: `fuzz-${i}.json`, read: { ok: true, bytes } };
        const changesBefore = totalChanges();
        const t0 = performance.now();
        let result: ImportFileResult | undefined;
        try {
          const report = importSources(analyst.store, [source], { trust: () => (caseRand() < 0.8 ? 'trust' : 'reject') });
          result = report.files[0];
        } catch (error) {
          failures.push(`${label}: threw ${String(error)}`);
          continue;
        }
        const ms = performance.now() - t0;
        figures.cases++;
        figures.maxBytes = Math.max(figures.maxBytes, bytes.length);
        if (ms > figures.maxMs) {
          figures.maxMs = ms;
          figures.maxMsCase = label;
        }
        if (ms > PER_FILE_MS) failures.push(`${label}: took ${Math.round(ms)} ms`);
        if (!result || !['accepted', 'duplicate', 'rejected'].includes(result.status)) {
          failures.push(`${label}: outcome ${JSON.stringify(result)}`);
          continue;
        }
        bump(figures.outcomes, result.status);
        const perMutation = (figures.byMutation[mutation] ??= {});
        if (result.status === 'rejected') {
          bump(figures.rejectedByReason, result.reason);
          bump(perMutation, result.reason);
          if (!(IMPORT_REJECTIONS as readonly string[]).includes(result.reason) || GENERIC.has(result.reason)) failures.push(`${label}: generic reason ${result.reason}: ${result.detail}`);
          if (!result.detail) failures.push(`${label}: no detail for ${result.reason}`);
          if (totalChanges() !== changesBefore) failures.push(`${label}: rejected (${result.reason}) but wrote to the database`);
        } else {
          bump(perMutation, result.status);
          if (result.status === 'duplicate' && totalChanges() !== changesBefore) failures.push(`${label}: duplicate but wrote to the database`);
          if (result.status === 'accepted') {
            acceptedInBatch++;
            bump(figures.acceptedByMutation, mutation);
          }
          const problem = independentlyValid(bytes);
          if (problem) failures.push(`${label}: ${result.status} but not a valid bundle: ${problem}`);
        }
        if (i % 40 === 0 && cliSample.length < 400 && result.status === 'rejected') {
          const file = join(cliDir, `reperes-fuzz-${String(i).padStart(6, '0')}.json`);
          writeFileSync(file, bytes);
          cliSample.push({ file, result });
        }
      }
      const heap = process.memoryUsage().heapUsed;
      figures.heapMaxMb = Math.max(figures.heapMaxMb, mb(heap));
      if (acceptedInBatch === 0) {
        figures.batchesChecked++;
        expect(contentChecksum(analyst.db), `batch from case ${batchStart}: content changed by refused files`).toBe(contentBefore);
        expect(fileChecksum(analyst.db, analystFile), `batch from case ${batchStart}: file bytes changed by refused files`).toBe(bytesBefore);
      }
      expect(failures.slice(0, 20)).toEqual([]);
    }
    // The heap does not grow with the number of files (a leak of ~10 kB a file would show).
    expect(figures.heapMaxMb - figures.heapStartMb).toBeLessThan(400);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    expect(figures.cases).toBe(CASES);
    // Every mutation family was drawn, and every unchanged-content file is a duplicate.
    for (const name of MUTATION_NAMES) expect(figures.byMutation[name], name).toBeDefined();
    expect(Object.keys(figures.byMutation['whitespace'] ?? {})).toEqual(['duplicate']);
    for (const name of ['prototypeKey']) expect(Object.keys(figures.byMutation[name] ?? {}).sort(), name).toEqual(['forbiddenKey']);
    expect(figures.rejectedByReason['tooDeep']).toBeGreaterThan(0);
    expect(figures.rejectedByReason['schema']).toBeGreaterThan(0);
    expect(figures.rejectedByReason['hashMismatch']).toBeGreaterThan(0);
    // Accepted mutated files can only be re-signed ones, with the kiosk's own key (checked above).
    for (const name of Object.keys(figures.acceptedByMutation)) expect(['wrongType', 'removeMember', 'badCount', 'unknownTable', 'extraField']).toContain(name);
    figures.elapsedMs = Math.round(performance.now() - started);
  }, 600_000);

  it('gives the same refusals through `reperes import` in process, and leaves the database file byte for byte as it was', async () => {
    const db = join(dir, 'cli', 'analyst.db');
    // `reperes import` creates the database file, never its folder.
    mkdirSync(join(dir, 'cli'));
    const quiet = { out: () => undefined, err: () => undefined };
    expect(await main(['import', '--db', db, '--trust-new', ...bases.map((_, i) => writeBase(i))], quiet)).toBe(0);
    expect(cliSample.length).toBeGreaterThan(100);
    for (let s = 0; s < cliSample.length; s += 100) {
      const batch = cliSample.slice(s, s + 100);
      const before = sha256File(db);
      const err: string[] = [];
      const out: string[] = [];
      const code = await main(['import', '--db', db, '--trust-new', ...batch.map((b) => b.file)], { out: (l) => out.push(l), err: (l) => err.push(l) });
      expect(code).toBe(1);
      for (const { file, result } of batch) {
        const line = err.find((l) => l.startsWith(`${file}: REJECTED (`));
        expect(line, file).toBeDefined();
        const reason = /REJECTED \((\w+)\)/.exec(line ?? '')?.[1];
        expect(reason, file).toBe(result.status === 'rejected' ? result.reason : '');
        figures.cliFiles++;
      }
      expect(out.at(-1)).toMatch(new RegExp(`^0 accepted, 0 duplicate\\(s\\), ${batch.length} rejected`));
      expect(sha256File(db), 'the database file changed').toBe(before);
    }
  }, 120_000);

  it('refuses the biggest and deepest files through the `reperes` program, in bounded time and memory', async () => {
    const big = join(dir, 'big');
    mkdirSync(big);
    const files: Record<string, string> = {};
    const put = (name: string, content: string | Uint8Array) => {
      const file = join(big, `reperes-${name}.json`);
      writeFileSync(file, content);
      files[name] = file;
    };
    const base = bases[0] as Base;
    // One byte over the limit, with valid content: refused from its size alone.
    put('over-limit', base.text + ' '.repeat(MAX_BUNDLE_BYTES + 1 - base.bytes.length));
    put('over-limit-garbage', Buffer.alloc(MAX_BUNDLE_BYTES + 4096, 0x5b));
    // 8 GiB sparse: never read.
    const sparse = join(big, 'reperes-sparse.json');
    const fd = openSync(sparse, 'w');
    ftruncateSync(fd, 8 * 1024 ** 3);
    closeSync(fd);
    files['sparse'] = sparse;
    // Just under the limit: 2.5 million levels of nesting, a 5 MB string, 10,000 levels inside a bundle.
    put('deep-2.5M', deep(2_500_000, '[', ']'));
    put('deep-objects', deep(600_000, '{"a":', '}'));
    put('long-string', `{"format":"reperes-aggregates","formatVersion":1,"kiosk":"${'A'.repeat(MAX_BUNDLE_BYTES - 100)}"}`);
    put('many-keys', `{${Array.from({ length: 250_000 }, (_, i) => `"k${i}":1`).join(',')}}`);
    put('deep-10k-in-bundle', afterRandomBrace(prng(1), base.text, `"nested":${deep(10_000, '[', ']')}`));
    const expected: Record<string, string> = {
      'over-limit': 'tooLarge',
      'over-limit-garbage': 'tooLarge',
      sparse: 'tooLarge',
      'deep-2.5M': 'tooDeep',
      'deep-objects': 'tooDeep',
      'long-string': 'schema',
      'many-keys': 'unknownFormat',
      'deep-10k-in-bundle': 'tooDeep',
    };
    const db = join(dir, 'child', 'analyst.db');
    mkdirSync(join(dir, 'child'));
    const seedDb = await main(['import', '--db', db, '--trust-new', writeBase(0)], { out: () => undefined, err: () => undefined });
    expect(seedDb).toBe(0);
    const before = sha256File(db);
    const t0 = performance.now();
    const { code, stdout, stderr, timedOut } = await runReperes(['import', '--db', db, '--trust-new', ...Object.values(files)], 60_000);
    figures.childMs = Math.round(performance.now() - t0);
    expect(timedOut, 'the reperes program hung').toBe(false);
    expect(code, stderr).toBe(1);
    for (const [name, file] of Object.entries(files)) {
      expect(stderr, name).toContain(`${file}: REJECTED (${expected[name]})`);
      figures.childFiles++;
    }
    expect(stdout).toContain(`0 accepted, 0 duplicate(s), ${Object.keys(files).length} rejected`);
    expect(sha256File(db)).toBe(before);
    // The worst files one at a time, each within the bound (start-up of the program included).
    for (const name of ['over-limit', 'deep-2.5M', 'long-string', 'many-keys']) {
      const file = files[name] as string;
      const t = performance.now();
      const one = await runReperes(['import', '--db', db, file], 30_000);
      const ms = performance.now() - t;
      expect(one.timedOut, name).toBe(false);
      expect(one.stderr, name).toContain(`REJECTED (${expected[name]})`);
      expect(ms, name).toBeLessThan(15_000);
    }
    expect(sha256File(db)).toBe(before);
  }, 300_000);

  // KNOWN PRODUCT BUG (reported, not fixed here): bundleSchema bounds export.sequence only
  // below (z.number().int().min(1)), and importer.ts `warningsFor` lists every missing
  // sequence from 1 to export.sequence one by one (`sequenceGap`), as does the overview's
  // missingSequences. A bundle signed by a trusted kiosk, or by any new key under
  // `--trust-new`, with sequence 10,000,000 takes ~12 s and an 89 MB warning; with
  // Number.MAX_SAFE_INTEGER the import never ends. Enable once the sequence or the gap list is bounded.
  it('a signed bundle with a huge sequence number is imported or refused in bounded time', async () => {
    const base = bases[0] as Base;
    const content = clone(base.bundle) as unknown as Record<string, unknown>;
    const text = signed(base, content, prng(7), true).replace(/"sequence": ?\d+/, '"sequence": 9007199254740991');
    const resigned = signed(base, JSON.parse(text) as Record<string, unknown>, prng(8), false);
    const file = join(dir, 'reperes-huge-sequence.json');
    writeFileSync(file, resigned);
    const db = join(dir, 'huge-seq', 'analyst.db');
    mkdirSync(join(dir, 'huge-seq'));
    expect(await main(['import', '--db', db, '--trust-new', writeBase(0)], { out: () => undefined, err: () => undefined })).toBe(0);
    const run = await runReperes(['import', '--db', db, file], 30_000);
    expect(run.timedOut, 'the import hung on export.sequence = 2^53 - 1').toBe(false);
  }, 60_000);
});

function writeBase(i: number): string {
  const file = join(dir, `reperes-base-${i}.json`);
  writeFileSync(file, (bases[i] as Base).bytes);
  return file;
}

/** `reperes` as the analyst runs it (bin/reperes.mjs), with a capped heap and a timeout. */
function runReperes(args: string[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--max-old-space-size=256', join(repoRoot(), 'bin/reperes.mjs'), ...args], { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

afterAll(() => {
  const rejected = Object.entries(figures.rejectedByReason).sort((a, b) => b[1] - a[1]);
  console.log(
    [
      `import fuzz: seed ${figures.seed} (REPERES_IMPORT_FUZZ_SEED=${figures.seed} to replay), ${figures.cases} cases in ${figures.elapsedMs} ms`,
      `  outcomes: ${JSON.stringify(figures.outcomes)}`,
      `  rejected by reason: ${rejected.map(([k, v]) => `${k} ${v}`).join(', ')}`,
      `  accepted by mutation (re-signed with the kiosk's own key, checked valid): ${JSON.stringify(figures.acceptedByMutation)}`,
      `  by mutation: ${JSON.stringify(figures.byMutation)}`,
      `  max time per file ${figures.maxMs.toFixed(1)} ms (${figures.maxMsCase}), largest in-process file ${figures.maxBytes} bytes`,
      `  heap ${figures.heapStartMb} MB at start, ${figures.heapMaxMb} MB at most; ${figures.batchesChecked} batches checksummed unchanged`,
      `  reperes import in process: ${figures.cliFiles} files; reperes program (child): ${figures.childFiles} big/deep files in ${figures.childMs} ms`,
    ].join('\n'),
  );
});
