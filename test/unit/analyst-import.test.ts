/**
 * Importing bundles into the analyst database: valid bundles of several kiosks add up to
 * their tables, and every refusal gives its reason and leaves the database exactly as it
 * was (checksum of every table's content, and of the file's bytes after a checkpoint).
 */
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/reperes';
import { checkBundleBytes, jsonDepthExceeds, readLimited } from '../../electron/services/analyst/bundle-file';
import { createAnalystServices, openAnalystDatabase, type AnalystServices } from '../../electron/services/analyst/index';
import { importSources, type ImportSource } from '../../electron/services/analyst/importer';
import { ANALYST_DATABASE_FILE } from '../../electron/services/analyst/migrations';
import { createAnalystStore } from '../../electron/services/analyst/store';
import { generateIdentity } from '../../electron/services/identity';
import { signBundle } from '../../electron/services/export/signing';
import { serializeBundle, type Bundle } from '../../shared/export/bundle';
import { bundleSha256 } from '../../shared/export/bundle-hash';
import { addTables, type Tables } from '../../shared/export/tables';
import { NO_FILTERS, type ImportFileResult } from '../../shared/analyst/types';
import { contentChecksum, fileChecksum, kioskTables, monthsAgo, readBundle, resign, simulateAndExport, withoutIntegrity } from '../harness/analyst-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'reperes-analyst-import-'));
const kioskA = join(dir, 'a.db');
const kioskB = join(dir, 'b.db');
let a1: string;
let a2: string;
let b1: string;

beforeAll(async () => {
  [a1 = ''] = await simulateAndExport(kioskA, join(dir, 'usb-a'), { sessions: 60, seed: 1, site: 'LABO', until: monthsAgo(3), months: 3 });
  [a2 = ''] = await simulateAndExport(kioskA, join(dir, 'usb-a'), { sessions: 40, seed: 2, site: 'LABO', until: monthsAgo(0), months: 2 });
  [b1 = ''] = await simulateAndExport(kioskB, join(dir, 'usb-b'), { sessions: 50, seed: 3, site: 'CS-NORD', until: monthsAgo(0), months: 4 });
}, 60_000);

const output = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, o: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
};

const source = (name: string, bytes: Uint8Array | string): ImportSource => ({ name, read: { ok: true, bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes } });
const fileSource = (file: string): ImportSource => source(file.split('/').at(-1) as string, readFileSync(file));

/** A fresh analyst database that already trusts kiosk A and holds its first bundle. */
function freshServices(): { services: AnalystServices; file: string } {
  const userDataDir = mkdtempSync(join(dir, 'analyst-'));
  const services = createAnalystServices({ userDataDir });
  const report = importSources(services.store, [fileSource(a1)], { trust: () => 'trust' });
  expect(report.accepted).toBe(1);
  return { services, file: join(userDataDir, ANALYST_DATABASE_FILE) };
}

/** Imports one source and checks it is refused with `reason`, the database left exactly as it was. */
function expectRejected(src: ImportSource, reason: string, trust: 'trust' | 'reject' = 'trust'): ImportFileResult {
  const { services, file } = freshServices();
  try {
    const before = contentChecksum(services.db);
    const bytesBefore = fileChecksum(services.db, file);
    const report = importSources(services.store, [src], { trust: () => trust });
    const result = report.files[0] as ImportFileResult;
    expect(result.status).toBe('rejected');
    expect(result.status === 'rejected' && result.reason).toBe(reason);
    expect(report.rejected).toBe(1);
    expect(contentChecksum(services.db)).toBe(before);
    expect(fileChecksum(services.db, file)).toBe(bytesBefore);
    return result;
  } finally {
    services.close();
  }
}

function sortedTables(tables: Tables): Tables {
  return addTables(tables);
}

describe('analyst import', () => {
  it('merges valid bundles of several kiosks into the sums of their tables', () => {
    const services = createAnalystServices({ userDataDir: mkdtempSync(join(dir, 'merge-')) });
    try {
      // Given in the wrong order: processed by kiosk and sequence, so no false gap.
      const report = importSources(services.store, [fileSource(a2), fileSource(b1), fileSource(a1)], { trust: () => 'trust' });
      expect(report.files.map((f) => f.status)).toEqual(['accepted', 'accepted', 'accepted']);
      expect(report.files.flatMap((f) => (f.status === 'accepted' ? f.warnings.map((w) => w.code) : []))).not.toContain('sequenceGap');
      const summed = services.store.sumTables(NO_FILTERS, false);
      const fromBundles = addTables(...[a1, a2, b1].map((f) => readBundle(f).tables as Tables));
      expect(sortedTables(summed.tables)).toEqual(fromBundles);
      // And those are the tables of every session stored by the two kiosks.
      expect(fromBundles).toEqual(addTables(kioskTables(kioskA), kioskTables(kioskB)));
      expect(summed.bundles).toBe(3);
      expect(summed.kiosks).toBe(2);
      const overview = services.store.overview();
      expect(overview.sessions).toBe(150);
      expect(overview.kiosks.map((k) => k.epochs.flatMap((e) => e.missingSequences))).toEqual([[], []]);
      expect(overview.questionnaires).toHaveLength(1);
    } finally {
      services.close();
    }
  });

  it('a duplicate changes nothing', () => {
    const { services, file } = freshServices();
    try {
      const before = contentChecksum(services.db);
      const bytes = fileChecksum(services.db, file);
      const report = importSources(services.store, [fileSource(a1)], { trust: () => 'trust' });
      expect(report.files[0]?.status).toBe('duplicate');
      expect(report.duplicates).toBe(1);
      expect(contentChecksum(services.db)).toBe(before);
      expect(fileChecksum(services.db, file)).toBe(bytes);
    } finally {
      services.close();
    }
  });

  it('reports a sequence gap and an overlapping period, and accepts the bundle', () => {
    const services = createAnalystServices({ userDataDir: mkdtempSync(join(dir, 'gap-')) });
    try {
      const report = importSources(services.store, [fileSource(a2)], { trust: () => 'trust' });
      const first = report.files[0];
      expect(first?.status).toBe('accepted');
      expect(first?.status === 'accepted' && first.warnings.map((w) => w.code)).toEqual(['newKiosk', 'sequenceGap', 'newQuestionnaireVersion']);
      expect(services.store.overview().kiosks[0]?.epochs.flatMap((e) => e.missingSequences)).toEqual([1]);
      // Sequence 1 then fills the gap.
      importSources(services.store, [fileSource(a1)], { trust: () => 'trust' });
      expect(services.store.overview().kiosks[0]?.epochs.flatMap((e) => e.missingSequences)).toEqual([]);
      // Sequence 3 re-signed by the kiosk with a period starting before sequence 2 ended.
      const bundle = withoutIntegrity(readBundle(a2));
      bundle.export.id = '7b1f3c52-9d1e-4f7a-8f5e-3c2a1b0d9e8f';
      bundle.export.sequence = 3;
      bundle.export.from = readBundle(a1).export.from;
      const overlap = importSources(services.store, [source('overlap.json', resign(kioskA, bundle))], { trust: () => 'trust' }).files[0];
      expect(overlap?.status).toBe('accepted');
      expect(overlap?.status === 'accepted' && overlap.warnings.map((w) => w.code)).toContain('periodOverlap');
    } finally {
      services.close();
    }
  });

  it('refuses a known kiosk presenting another key', () => {
    const forged = withoutIntegrity(readBundle(a2));
    const other = generateIdentity(new Date());
    forged.kiosk.publicKey = other.publicKey;
    const result = expectRejected(source('forged.json', serializeBundle(signBundle(forged, other.privateKey))), 'kioskKeyMismatch');
    expect(result.status === 'rejected' && result.detail).toMatch(/another key/);
  });

  it('refuses a tampered count (hash) and a re-hashed but unsigned change (signature)', () => {
    const bundle = readBundle(a2);
    const tampered = structuredClone(bundle) as Bundle;
    const cell = tampered.tables['month_status']?.cells[0] as Record<string, string | number>;
    cell['count'] = (cell['count'] as number) + 1;
    tampered.export.sessions += 1;
    expectRejected(source('tampered.json', serializeBundle(tampered)), 'hashMismatch');
    const rehashed = withoutIntegrity(tampered);
    const withHash: Bundle = { ...rehashed, integrity: { sha256: bundleSha256(rehashed), signature: bundle.integrity.signature } };
    expectRejected(source('rehashed.json', serializeBundle(withHash)), 'badSignature');
  });

  it('refuses a truncated file, a wrong format version, invalid UTF-8, deep nesting and prototype keys', () => {
    const text = readFileSync(a2, 'utf8');
    expectRejected(source('truncated.json', text.slice(0, Math.floor(text.length / 2))), 'notJson');
    const v2 = JSON.parse(text) as Record<string, unknown>;
    v2['formatVersion'] = 2;
    expect(expectRejected(source('v2.json', JSON.stringify(v2)), 'unsupportedFormatVersion').status).toBe('rejected');
    const bytes = new TextEncoder().encode(text);
    const broken = new Uint8Array(bytes.length + 1);
    const at = text.indexOf('"siteName"') + 14;
    broken.set(bytes.subarray(0, at), 0);
    broken[at] = 0xff;
    broken.set(bytes.subarray(at), at + 1);
    expectRejected(source('latin1.json', broken), 'invalidUtf8');
    expectRejected(source('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`), 'tooDeep');
    const nested = JSON.parse(text) as Record<string, unknown>;
    nested['extra'] = JSON.parse(`${'{"a":'.repeat(70)}1${'}'.repeat(70)}`) as unknown;
    expectRejected(source('nested.json', JSON.stringify(nested)), 'tooDeep');
    expectRejected(source('proto.json', text.replace('"format":', '"__proto__": {"polluted": true}, "format":')), 'forbiddenKey');
    expectRejected(source('ctor.json', text.replace('"format":', '"constructor": {"prototype": {}}, "format":')), 'forbiddenKey');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expectRejected(source('other.json', '{"format":"something-else"}'), 'unknownFormat');
    expectRejected(source('empty.json', ''), 'empty');
  });

  it('refuses a 50 MB file from its size, before reading it', async () => {
    const big = join(dir, 'big.json');
    const fd = openSync(big, 'w');
    writeSync(fd, '{"format":"reperes-aggregates","pad":"');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const read = await readLimited(big);
    expect(read).toMatchObject({ ok: false, reason: 'tooLarge' });
    expectRejected({ name: 'big.json', read }, 'tooLarge');
    expect(checkBundleBytes(new Uint8Array(5 * 1024 * 1024 + 1))).toMatchObject({ ok: false, reason: 'tooLarge' });
  });

  it('refuses an unknown kiosk without trust, a reused export id and a reused sequence number', () => {
    const untrusted = expectRejected(fileSource(b1), 'untrustedKiosk', 'reject');
    expect(untrusted.status === 'rejected' && untrusted.detail).toMatch(/K-/);
    const sameId = withoutIntegrity(readBundle(a1));
    sameId.kiosk.siteName = 'Autre nom';
    expectRejected(source('same-id.json', resign(kioskA, sameId)), 'exportIdConflict');
    const sameSequence = withoutIntegrity(readBundle(a1));
    sameSequence.export.id = '0d4b3a62-1c5e-4b8a-9f3d-2e1a0c9b8d7e';
    expectRejected(source('same-seq.json', resign(kioskA, sameSequence)), 'sequenceReused');
  });

  it('accepts and records a questionnaire version it has not seen, of a table set it knows', () => {
    const { services } = freshServices();
    try {
      const bundle = withoutIntegrity(readBundle(a2));
      bundle.questionnaire.version = '2.9.9';
      const result = importSources(services.store, [source('v2-9.json', resign(kioskA, bundle))], { trust: () => 'trust' }).files[0];
      expect(result?.status).toBe('accepted');
      expect(result?.status === 'accepted' && result.warnings.map((w) => w.code)).toContain('newQuestionnaireVersion');
      expect(services.store.overview().questionnaires.map((q) => q.version).sort()).toEqual([readBundle(a1).questionnaire.version, '2.9.9'].sort());
    } finally {
      services.close();
    }
  });

  it('refuses, and says why, a questionnaire major version whose tables this application does not know', () => {
    const { services } = freshServices();
    try {
      const bundle = withoutIntegrity(readBundle(a2));
      bundle.questionnaire.version = '9.0.0';
      const result = importSources(services.store, [source('v9.json', resign(kioskA, bundle))], { trust: () => 'trust' }).files[0];
      expect(result?.status).toBe('rejected');
      expect(result?.status === 'rejected' && result.detail).toMatch(/questionnaire version 9\.0\.0 has no table set/);
    } finally {
      services.close();
    }
  });

  it('in the window, holds new kiosks until the analyst trusts them', async () => {
    const services = createAnalystServices({ userDataDir: mkdtempSync(join(dir, 'ui-')) });
    try {
      const files = [a1, b1].map((f) => ({ name: f, base64: readFileSync(f).toString('base64') }));
      const before = contentChecksum(services.db);
      const first = await services.handlers['analyst:import-files']({ files });
      expect(first.files.map((f) => f.status)).toEqual(['awaitingTrust', 'awaitingTrust']);
      expect(first.pendingTrust?.kiosks.map((k) => k.siteCode).sort()).toEqual(['CS-NORD', 'LABO']);
      expect(contentChecksum(services.db)).toBe(before);
      const labo = first.pendingTrust?.kiosks.find((k) => k.siteCode === 'LABO')?.pseudonym as string;
      const second = await services.handlers['analyst:confirm-trust']({ token: first.pendingTrust?.token as string, trust: [labo] });
      expect(second.files.map((f) => (f.status === 'rejected' ? f.reason : f.status)).sort()).toEqual(['accepted', 'trustDeclined']);
      // A token works once.
      const again = await services.handlers['analyst:confirm-trust']({ token: first.pendingTrust?.token as string, trust: [labo] });
      expect(again.files).toEqual([]);
      // Over the limit: refused from the size alone.
      const big = await services.handlers['analyst:import-files']({ files: [{ name: 'big.json', size: 60 * 1024 * 1024 }] });
      expect(big.files[0]).toMatchObject({ status: 'rejected', reason: 'tooLarge' });
    } finally {
      services.close();
    }
  });

  it('reperes import: reports each file, exits 1 when any is rejected, registers kiosks only with --trust-new', async () => {
    const db = join(mkdtempSync(join(dir, 'cli-')), 'analyst.db');
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"format":"reperes-aggregates","formatVersion":1');
    const refused = output();
    expect(await main(['import', '--db', db, a1], refused.o)).toBe(1);
    expect(refused.err.join('\n')).toMatch(/REJECTED \(untrustedKiosk\).*--trust-new/);
    const ok = output();
    expect(await main(['import', '--db', db, '--trust-new', a1, a2], ok.o)).toBe(0);
    expect(ok.out.join('\n')).toMatch(/2 accepted, 0 duplicate\(s\), 0 rejected/);
    const mixed = output();
    expect(await main(['import', '--db', db, a1, junk], mixed.o)).toBe(1);
    expect(mixed.out.join('\n')).toMatch(/duplicate/);
    expect(mixed.err.join('\n')).toMatch(/REJECTED \(notJson\)/);
    expect(await main(['import', '--db', db], output().o)).toBe(2);
    const check = openAnalystDatabase(db);
    try {
      expect(createAnalystStore(check).overview().bundles).toBe(2);
    } finally {
      check.close();
    }
  });

  it('counts JSON depth outside strings only', () => {
    expect(jsonDepthExceeds('{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', 64)).toBe(false);
    expect(jsonDepthExceeds('[[[]]]', 2)).toBe(true);
    expect(jsonDepthExceeds('{"a":"\\"[["}', 1)).toBe(false);
  });
});
