/**
 * What makes a bundle trustworthy: the canonical serialisation that is hashed, the Ed25519
 * signature, tamper detection (one count changed → verify fails), the schema rules, and the
 * JSON Schema in docs/ checked against real bundles with a standard validator.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical';
import { sha256Hex } from '../../shared/hash';
import { serializeBundle, signedText, type Bundle } from '../../shared/export/bundle';
import { bundleSha256 } from '../../shared/export/bundle-hash';
import { TABLES, tabulate } from '../../shared/export/tables';
import { healthSchema } from '../../shared/export/health-schema';
import { z } from 'zod';
import { TABLE_SETS } from '../../shared/export/table-sets';
import { V1_TABLES } from '../../shared/export/tables-v1';
import { signBundle, verifyOwnBundleText } from '../../electron/services/export/signing';
import { verifyBundleText } from '../../electron/services/export/verify-bundle';
import { cleanupKiosks, testKiosk, unlockedKiosk } from './export-fixtures';

let text: string;
let bundle: Bundle;
let publicKey: string;

beforeAll(async () => {
  const kiosk = await testKiosk();
  kiosk.addQuickVisits(60);
  await unlockedKiosk(kiosk);
  await kiosk.services.handlers['staff:update-settings']({ siteCode: 'LABO', siteName: 'Le Labo — Cambrai' });
  const outcome = await kiosk.services.handlers['staff:export'](undefined);
  if (!outcome.ok) throw new Error(outcome.reason);
  text = (kiosk.services.exporter.bundleBytes(1) as Buffer).toString('utf8');
  bundle = JSON.parse(text) as Bundle;
  publicKey = kiosk.services.identity.publicKey;
});
afterAll(cleanupKiosks);

const clone = (): Bundle => JSON.parse(text) as Bundle;
function firstCell(b: Bundle, table = 'month_ageBand_dsiCategory') {
  const cell = b.tables[table]?.cells[0];
  if (!cell) throw new Error(`no cell in ${table}`);
  return cell;
}

describe('canonical hashing', () => {
  it('hashes the canonical JSON of everything but integrity: key order and whitespace do not matter', () => {
    const { integrity: _i, ...rest } = bundle;
    expect(bundle.integrity.sha256).toBe(sha256Hex(canonicalJson(rest)));
    expect(signedText(bundle)).toBe(canonicalJson(rest));
    expect(signedText(bundle)).not.toMatch(/\s"|"\s|\n/);
    // Same content, members written in another order, re-indented: same hash, still verifies.
    const reordered = { integrity: bundle.integrity, tables: bundle.tables, health: bundle.health, export: bundle.export, questionnaire: bundle.questionnaire, kiosk: bundle.kiosk, formatVersion: 1, format: bundle.format };
    expect(bundleSha256(reordered as Bundle)).toBe(bundle.integrity.sha256);
    expect(verifyBundleText(JSON.stringify(reordered))).toMatchObject({ ok: true });
    expect(verifyBundleText(`\uFEFF${JSON.stringify(bundle, null, 8)}`)).toMatchObject({ ok: true });
  });

  it('the file is the documented layout: members in order, one cell per line, parseable', () => {
    expect(Object.keys(bundle)).toEqual(['format', 'formatVersion', 'kiosk', 'questionnaire', 'export', 'health', 'tables', 'integrity']);
    expect(serializeBundle(bundle)).toBe(text);
    expect(text).toMatch(/\n {8}\{"month":"\d{4}-\d{2}","status":"(completed|abandoned)","count":\d+\}/);
    expect(bundle.format).toBe('reperes-aggregates');
    expect(bundle.kiosk).toMatchObject({ siteCode: 'LABO', siteName: 'Le Labo — Cambrai', publicKey });
  });
});

describe('signature', () => {
  it('verifies with the kiosk key, and with a pinned key', () => {
    expect(verifyBundleText(text)).toMatchObject({ ok: true });
    expect(verifyBundleText(text, { trustedPublicKey: publicKey })).toMatchObject({ ok: true });
  });

  it('a bundle re-signed by another key is caught when the kiosk key is pinned', () => {
    const other = generateKeyPairSync('ed25519');
    const { integrity: _i, ...unsigned } = clone();
    unsigned.kiosk.publicKey = other.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const forged = signBundle(unsigned, other.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
    expect(verifyBundleText(JSON.stringify(forged))).toMatchObject({ ok: true });
    expect(verifyBundleText(JSON.stringify(forged), { trustedPublicKey: publicKey })).toMatchObject({ ok: false, reason: 'untrustedKey' });
  });
});

describe('tamper detection', () => {
  it('one count changed → the hash no longer matches', () => {
    const b = clone();
    firstCell(b).count += 1;
    expect(verifyBundleText(JSON.stringify(b))).toMatchObject({ ok: false, reason: 'hash' });
    expect(verifyOwnBundleText(JSON.stringify(b))).toMatchObject({ ok: false, reason: 'hash' });
  });

  it('one count changed and the hash recomputed → the signature no longer matches', () => {
    const b = clone();
    firstCell(b, 'commune_completion_dsiCategory').count += 1;
    b.integrity.sha256 = bundleSha256(b);
    expect(verifyBundleText(JSON.stringify(b))).toMatchObject({ ok: false, reason: 'signature' });
    expect(verifyOwnBundleText(JSON.stringify(b))).toMatchObject({ ok: false, reason: 'signature' });
  });

  it.each([
    ['a site name', (b: Bundle) => void (b.kiosk.siteName = 'Autre site')],
    ['the sequence', (b: Bundle) => void (b.export.sequence = 2)],
    ['a code', (b: Bundle) => void (firstCell(b).ageBand = 'A75_PLUS')],
    ['the signature', (b: Bundle) => void (b.integrity.signature = Buffer.alloc(64, 1).toString('base64'))],
  ])('%s changed → verify fails', (_what, change) => {
    const b = clone();
    change(b);
    expect(verifyBundleText(JSON.stringify(b)).ok).toBe(false);
    // The kiosk's own check before writing to the stick (hash and signature) sees it too.
    expect(verifyOwnBundleText(JSON.stringify(b)).ok).toBe(false);
  });

  it("the kiosk's own check before writing: its bundle passes, damaged bytes do not", () => {
    expect(verifyOwnBundleText(text)).toMatchObject({ ok: true, bundle: { export: { sequence: 1 } } });
    expect(verifyOwnBundleText(text.slice(0, text.length - 40))).toMatchObject({ ok: false, reason: 'notJson' });
    const { integrity: _gone, ...unsigned } = clone();
    expect(verifyOwnBundleText(JSON.stringify(unsigned))).toMatchObject({ ok: false, reason: 'schema' });
    expect(verifyOwnBundleText('null')).toMatchObject({ ok: false, reason: 'schema' });
    const otherKey = clone();
    otherKey.kiosk.publicKey = 'AAAA';
    expect(verifyOwnBundleText(JSON.stringify(otherKey))).toMatchObject({ ok: false });
  });

  it('a cell moved out of the table or a table dropped → schema error', () => {
    const dropped = clone();
    delete (dropped.tables as Record<string, unknown>)['language_status'];
    expect(verifyBundleText(JSON.stringify(dropped))).toMatchObject({ ok: false, reason: 'schema' });
    const extra = clone();
    (firstCell(extra) as Record<string, unknown>)['person'] = 'x';
    expect(verifyBundleText(JSON.stringify(extra))).toMatchObject({ ok: false, reason: 'schema' });
    const duplicated = clone();
    duplicated.tables['month_status']?.cells.push({ ...firstCell(duplicated, 'month_status') });
    expect(verifyBundleText(JSON.stringify(duplicated))).toMatchObject({ ok: false, reason: 'schema' });
    expect(verifyBundleText('{"format":')).toMatchObject({ ok: false, reason: 'notJson' });
  });
});

describe('the JSON Schema in docs/', () => {
  const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../docs/reperes-aggregates.schema.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);

  it('accepts real bundles', () => {
    expect(validate(bundle), JSON.stringify(validate.errors)).toBe(true);
  });

  it('declares the optional health part exactly as the kiosk checks it, and still accepts bundles without it', () => {
    const { $schema: _draft, ...health } = z.toJSONSchema(healthSchema, { target: 'draft-2020-12' });
    expect((schema['properties'] as Record<string, unknown>)['health']).toEqual(health);
    expect(schema['required']).not.toContain('health');
    const { health: _h, ...older } = clone();
    expect(validate(older), JSON.stringify(validate.errors)).toBe(true);
    const leaky = clone() as Bundle & { health: Record<string, unknown> };
    leaky.health['databaseFile'] = '/home/borne/.config/reperes/reperes-kiosk.db';
    expect(validate(leaky)).toBe(false);
  });

  it('declares exactly the tables of each questionnaire version, with their dimensions', () => {
    const defs = schema['$defs'] as Record<string, { properties: Record<string, { properties: { dimensions: { const: string[] }; population: { const: string } } }> }>;
    expect(Object.keys(TABLE_SETS).sort()).toEqual(['1', '2']);
    for (const [major, set] of Object.entries(TABLE_SETS)) {
      const tables = defs[`tables-${major}`]?.properties ?? {};
      expect(Object.keys(tables), major).toEqual(set.map((t) => t.id));
      for (const t of set) {
        expect(tables[t.id]?.properties.dimensions.const).toEqual([...t.dimensions]);
        expect(tables[t.id]?.properties.population.const).toEqual(t.population);
      }
      expect(set.every((t) => t.dimensions.length <= 3)).toBe(true);
    }
    expect(TABLE_SETS['2']).toBe(TABLES);
  });

  it('accepts a version-1 bundle with its own tables, and refuses version-2 tables under version 1', () => {
    const v1 = structuredClone(bundle) as Bundle;
    v1.questionnaire.version = '1.0.0';
    v1.tables = tabulate([], V1_TABLES);
    expect(validate(v1), JSON.stringify(validate.errors)).toBe(true);
    const mixed = structuredClone(bundle) as Bundle;
    mixed.questionnaire.version = '1.0.0';
    expect(validate(mixed)).toBe(false);
  });

  it.each([
    ['a missing member', (b: Bundle) => void delete (b as Partial<Bundle>).integrity],
    ['another format', (b: Bundle) => void ((b as { format: string }).format = 'csv')],
    ['a zero count', (b: Bundle) => void (firstCell(b).count = 0)],
    ['a person-level field', (b: Bundle) => void ((b.export as Record<string, unknown>)['sessionIds'] = [1, 2])],
    ['a day instead of a month', (b: Bundle) => void (firstCell(b).month = '2026-11-03')],
  ])('rejects %s', (_what, change) => {
    const b = clone();
    change(b);
    expect(validate(b)).toBe(false);
  });
});
