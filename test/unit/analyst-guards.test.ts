/**
 * The import's guards, tried as an attacker holding one trusted kiosk's key would: each
 * hostile bundle is a real export, changed, then signed again with that kiosk's own private
 * key, so that every file check passes. Each is refused with its own reason and leaves the
 * analyst database exactly as it was (content checksum, and the file's bytes after a
 * checkpoint). Also: keys compared as bytes, epochs, the schema migration, and removal.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBundleBytes, duplicateKey } from '../../electron/services/analyst/bundle-file';
import { checkTables, FIRST_PLAUSIBLE_MONTH } from '../../electron/services/analyst/guards';
import { createAnalystServices, openAnalystDatabase, type AnalystServices } from '../../electron/services/analyst/index';
import { importSources, type ImportSource } from '../../electron/services/analyst/importer';
import { ANALYST_DATABASE_FILE, ANALYST_MIGRATIONS } from '../../electron/services/analyst/migrations';
import { createAnalystStore } from '../../electron/services/analyst/store';
import { openDatabase } from '../../electron/services/database';
import { NO_FILTERS, type ImportFileResult } from '../../shared/analyst/types';
import { type Bundle } from '../../shared/export/bundle';
import { addTables, type Tables } from '../../shared/export/tables';
import { keyFingerprint } from '../../electron/services/key-fingerprint';
import { contentChecksum, fileChecksum, monthsAgo, readBundle, simulateAndExport, withoutIntegrity } from '../harness/analyst-fixtures';
import { firstCell, forge, inEpoch, monthOf, moveMonths, scale } from '../harness/hostile-bundles';

const dir = mkdtempSync(join(tmpdir(), 'reperes-analyst-guards-'));
const kioskA = join(dir, 'a.db');
const kioskB = join(dir, 'b.db');
let a1: string;
let a2: string;
let b1: string;
const TODAY = new Date();

beforeAll(async () => {
  [a1 = ''] = await simulateAndExport(kioskA, join(dir, 'usb-a'), { sessions: 60, seed: 31, site: 'LABO', until: monthsAgo(2), months: 3 });
  [a2 = ''] = await simulateAndExport(kioskA, join(dir, 'usb-a'), { sessions: 40, seed: 32, site: 'LABO', until: monthsAgo(0), months: 2 });
  [b1 = ''] = await simulateAndExport(kioskB, join(dir, 'usb-b'), { sessions: 50, seed: 33, site: 'CS-NORD', until: monthsAgo(0), months: 4 });
}, 60_000);

const source = (name: string, text: string | Uint8Array): ImportSource => ({ name, read: { ok: true, bytes: typeof text === 'string' ? new TextEncoder().encode(text) : text } });
const fileSource = (file: string) => source(file.split('/').at(-1) as string, readFileSync(file));

/** A fresh analyst database that trusts kiosk A and holds its first bundle. */
function fresh(): { services: AnalystServices; file: string } {
  const userDataDir = mkdtempSync(join(dir, 'analyst-'));
  const services = createAnalystServices({ userDataDir });
  expect(importSources(services.store, [fileSource(a1)], { trust: () => 'trust', today: TODAY }).accepted).toBe(1);
  return { services, file: join(userDataDir, ANALYST_DATABASE_FILE) };
}

function expectRefused(text: string, reason: string, o: { today?: Date } = {}): ImportFileResult {
  const { services, file } = fresh();
  try {
    const before = contentChecksum(services.db);
    const bytes = fileChecksum(services.db, file);
    const result = importSources(services.store, [source('hostile.json', text)], { trust: () => 'trust', today: o.today ?? TODAY }).files[0] as ImportFileResult;
    expect(result.status === 'rejected' ? `${result.reason}: ${result.detail}` : result.status).toMatch(new RegExp(`^${reason}: `));
    expect(contentChecksum(services.db)).toBe(before);
    expect(fileChecksum(services.db, file)).toBe(bytes);
    return result;
  } finally {
    services.close();
  }
}

function expectAccepted(text: string, o: { today?: Date } = {}): ImportFileResult {
  const { services } = fresh();
  try {
    const result = importSources(services.store, [source('fine.json', text)], { trust: () => 'trust', today: o.today ?? TODAY }).files[0] as ImportFileResult;
    expect(result.status === 'rejected' ? `${result.reason}: ${result.detail}` : result.status).toBe('accepted');
    return result;
  } finally {
    services.close();
  }
}

describe('guards at import, against bundles signed with a trusted kiosk key', () => {
  it('real bundles pass every guard, and so do their counts scaled by any factor', () => {
    for (const f of [a1, a2, b1]) expect(checkTables(readBundle(f))).toBeNull();
    const scaled = withoutIntegrity(readBundle(b1));
    scale(scaled, 1234);
    expect(checkTables(scaled as Bundle)).toBeNull();
  });

  it('every bundle a kiosk writes passes: one visit, only abandoned visits, only completed ones', async () => {
    const { simulate } = await import('../../electron/cli/simulate');
    const { runExport } = await import('../../electron/cli/export-command');
    const { readdirSync } = await import('node:fs');
    for (const [name, sessions, abandonRate] of [
      ['one', 1, 0],
      ['abandoned', 12, 1],
      ['completed', 12, 0],
    ] as const) {
      const db = join(dir, `edge-${name}.db`);
      const out = join(dir, `edge-${name}`);
      await simulate({ db, sessions, seed: 7, abandonRate, months: 3, until: monthsAgo(0) });
      expect((await runExport(db, out)).ok).toBe(true);
      for (const file of readdirSync(out).filter((f) => f.endsWith('.json'))) expect(checkTables(readBundle(join(out, file))), `${name}/${file}`).toBeNull();
    }
  });

  it('refuses a period before the product existed (month 0000-01)', () => {
    const r = expectRefused(forge(kioskA, a2, (b) => moveMonths(b, '0000-01')), 'datedBeforeProduct');
    expect(r.status === 'rejected' && r.detail).toContain('0000-01');
    expectRefused(forge(kioskA, a2, (b) => moveMonths(b, '2021-06')), 'datedBeforeProduct');
    expectAccepted(forge(kioskA, a2, (b) => moveMonths(b, FIRST_PLAUSIBLE_MONTH)));
  });

  it('refuses a period after the import day plus a month, and accepts one up to it', () => {
    expectRefused(
      forge(kioskA, a2, (b) => {
        moveMonths(b, '2099-11');
        b.export.created = '2100-01-15';
      }),
      'datedInFuture',
    );
    const twoMonths = monthOf(TODAY, 2);
    expectRefused(
      forge(kioskA, a2, (b) => {
        moveMonths(b, twoMonths);
        b.export.created = `${b.export.to}-01`;
      }),
      'datedInFuture',
    );
    // A kiosk clock a few weeks ahead: next month is still plausible.
    const next = monthOf(TODAY, 1);
    expectAccepted(
      forge(kioskA, a2, (b) => {
        collapseMonths(b, next);
        b.export.from = next;
        b.export.to = next;
        b.export.created = `${next}-01`;
      }),
    );
    // Created in the future though its period is past.
    expectRefused(forge(kioskA, a2, (b) => (b.export.created = '2099-12-31')), 'datedInFuture');
  });

  it('refuses a creation day before the end of the period', () => {
    expectRefused(forge(kioskA, a2, (b) => (b.export.created = `${b.export.from}-01`)), 'createdBeforePeriodEnd');
  });

  it('refuses tables that contradict the visit count or one another', () => {
    // Language table ×1000.
    expectRefused(forge(kioskA, a2, (b) => b.tables['language_status']?.cells.forEach((c) => (c.count *= 1000))), 'inconsistentTables');
    // Commune table +500 (completed and partial sessions: 500 more than every other table of that population).
    expectRefused(forge(kioskA, a2, (b) => (firstCell(b, 'commune_completion_dsiCategory').count += 500)), 'inconsistentTables');
    // Same totals, another split: the age bands of one table no longer match the others'.
    expectRefused(
      forge(kioskA, a2, (b) => {
        const cells = b.tables['ageBand_completion_illectronisme']?.cells ?? [];
        const yes = cells.find((c) => c['illectronisme'] === 'NO' && c.count > 1);
        if (!yes) throw new Error('fixture: no cell to move');
        yes.count -= 1;
        cells.push({ ageBand: 'Z_NOT_AN_AGE', completion: String(yes['completion']), illectronisme: 'YES', count: 1 });
      }),
      'inconsistentTables',
    );
    // One DSI area counted for more sessions than there are.
    expectRefused(forge(kioskA, a2, (b) => (firstCell(b, 'dsiArea_level_ageBand').count += 1)), 'inconsistentTables');
    // Every table and export.sessions inflated but the abandoned steps.
    expectRefused(
      forge(kioskA, a2, (b) => {
        const abandoned = structuredClone(b.tables['abandoned_lastStep']);
        expect(abandoned?.cells.length).toBeGreaterThan(0);
        scale(b, 3);
        if (abandoned) b.tables['abandoned_lastStep'] = abandoned;
      }),
      'inconsistentTables',
    );
    // Four next steps for a session (the rule says 1 to 3).
    expectRefused(
      forge(kioskA, a2, (b) => {
        const t = b.tables['recommendation_ageBand'];
        // Next steps are given to completed visits.
        const ages = (b.tables['ageBand_completion_illectronisme']?.cells ?? []).filter((c) => c['completion'] === 'completed');
        const age = ages[0]?.['ageBand'] as string;
        const people = ages.filter((c) => c['ageBand'] === age).reduce((n, c) => n + c.count, 0);
        t?.cells.splice(0, t.cells.length, ...['learn', 'procedure', 'security', 'equipment'].map((need) => ({ recommendation: need, ageBand: age, count: people })));
      }),
      'inconsistentTables',
    );
    // A status that is no population.
    expectRefused(forge(kioskA, a2, (b) => (firstCell(b, 'month_status')['status'] = 'bogus')), 'inconsistentTables');
  });

  it('bounds the visit count of a bundle and of the database', () => {
    expectRefused(forge(kioskA, a2, (b) => (b.export.sessions = Number.MAX_SAFE_INTEGER)), 'tooManySessions');
    const big = forge(kioskA, a2, (b) => scale(b, 1_000_000));
    expectRefused(big, 'tooManySessions');
    // The database's own cap (lowered here; 10^9 by default: test/stress/analyst-limits.test.ts).
    const { services } = fresh();
    try {
      const stored = services.store.sessionsStored();
      const second = forge(kioskA, a2, () => undefined);
      const third = forge(kioskB, b1, () => undefined);
      const before = contentChecksum(services.db);
      const report = importSources(services.store, [source('x.json', third)], { trust: () => 'trust', today: TODAY, limits: { sessionsPerBundle: 1000, sessionsInDatabase: stored + 49 } });
      expect(report.files[0]).toMatchObject({ status: 'rejected', reason: 'databaseLimit' });
      expect(contentChecksum(services.db)).toBe(before);
      const fits = importSources(services.store, [source('y.json', second)], { trust: () => 'trust', today: TODAY, limits: { sessionsPerBundle: 1000, sessionsInDatabase: stored + 40 } });
      expect(fits.accepted).toBe(1);
    } finally {
      services.close();
    }
  });

  it('never sums bundles of another questionnaire id', () => {
    const other = forge(kioskA, a2, (b) => (b.questionnaire.id = 'autre-questionnaire'));
    const r = expectRefused(other, 'otherQuestionnaire');
    expect(r.status === 'rejected' && r.detail).toContain('autre-questionnaire');
    // Even in a database that holds both (written past the guard), only the first id is summed.
    const { services } = fresh();
    try {
      const bundle = JSON.parse(other) as Bundle;
      services.store.addBundle(bundle, other, 'other.json', '2026-12-01', false);
      expect(services.store.questionnaireId()).toBe(readBundle(a1).questionnaire.id);
      expect(addTables(services.store.sumTables(NO_FILTERS, false).tables)).toEqual(addTables(readBundle(a1).tables as Tables));
      expect(services.store.sumTables(NO_FILTERS, false).bundles).toBe(1);
    } finally {
      services.close();
    }
  });

  it('refuses a duplicate JSON key, even when the signature still holds for the value JSON.parse keeps', () => {
    const text = readFileSync(a2, 'utf8');
    // `"sessions": 999999` written before the real member: JSON.parse keeps the last one, so the
    // hash and signature hold; another reader would keep the first.
    const twice = text.replace(/"sessions": (\d+)/, '"sessions": 999999, "sessions": $1');
    expect(twice).not.toBe(text);
    expectRefused(twice, 'duplicateKey');
    expect(duplicateKey('{"a":1,"b":{"a":2},"c":[{"a":1},{"a":2}]}')).toBeNull();
    expect(duplicateKey('{"a":1,"b":2,"\\u0061":3}')).toBe('a');
    expect(duplicateKey('{"x":"\\"a\\":","a":1,"a":2}')).toBe('a');
    expect(duplicateKey('[{"k":[1,{"k":2}],"k":3}]')).toBe('k');
    expect(checkBundleBytes(new TextEncoder().encode(twice))).toMatchObject({ ok: false, reason: 'duplicateKey' });
  });
});

/** Keeps only cells of `month` in month tables (for a one-month bundle). */
function collapseMonths(b: ReturnType<typeof withoutIntegrity>, month: string): void {
  for (const table of Object.values(b.tables)) {
    if (!table.dimensions.includes('month')) continue;
    const merged = new Map<string, Record<string, string | number> & { count: number }>();
    for (const cell of table.cells) {
      const key = JSON.stringify(table.dimensions.map((d) => (d === 'month' ? month : cell[d])));
      const known = merged.get(key);
      if (known) known.count += cell.count;
      else merged.set(key, { ...cell, month });
    }
    table.cells = [...merged.values()];
  }
}

describe('keys compared as bytes', () => {
  it('the same key without its base64 padding is the same kiosk, not a new one nor an impostor', () => {
    const { services } = fresh();
    try {
      const unpadded = forge(kioskA, a2, (b) => {
        expect(b.kiosk.publicKey.endsWith('=')).toBe(true);
        b.kiosk.publicKey = b.kiosk.publicKey.replace(/=+$/, '');
      });
      const result = importSources(services.store, [source('unpadded.json', unpadded)], { trust: () => 'reject', today: TODAY }).files[0];
      expect(result?.status).toBe('accepted');
      expect(result?.status === 'accepted' && result.warnings.map((w) => w.code)).not.toContain('newKiosk');
      expect(services.store.overview().kiosks).toHaveLength(1);
      expect(services.store.overview().kiosks[0]?.fingerprint).toBe(keyFingerprint(readBundle(a1).kiosk.publicKey));
      // Under another pseudonym, the same bytes are someone else's key.
      const stolen = forge(kioskA, b1, (b) => {
        b.kiosk.publicKey = readBundle(a1).kiosk.publicKey.replace(/=+$/, '');
      });
      expect(importSources(services.store, [source('stolen.json', stolen)], { trust: () => 'trust', today: TODAY }).files[0]).toMatchObject({ status: 'rejected' });
    } finally {
      services.close();
    }
  });
});

describe('export epochs', () => {
  it('a kiosk restored from a backup starts a new epoch: accepted, reported, sequences per epoch', () => {
    const { services } = fresh();
    try {
      importSources(services.store, [fileSource(a2)], { trust: () => 'trust', today: TODAY });
      // Sequence 2 again, without an epoch: the legacy epoch already has it.
      const reused = forge(kioskA, a2, () => undefined);
      expect(importSources(services.store, [source('reused.json', reused)], { trust: () => 'trust', today: TODAY }).files[0]).toMatchObject({ status: 'rejected', reason: 'sequenceReused' });
      const epoch = randomUUID();
      const first = forge(kioskA, a2, (b) => inEpoch(b, epoch, 1));
      const third = forge(kioskA, a2, (b) => inEpoch(b, epoch, 3));
      const report = importSources(services.store, [source('e3.json', third), source('e1.json', first)], { trust: () => 'reject', today: TODAY });
      expect(report.files.map((f) => f.status)).toEqual(['accepted', 'accepted']);
      const warnings = report.files.map((f) => (f.status === 'accepted' ? f.warnings.map((w) => w.code) : []));
      expect(warnings[1]).toEqual(['newEpoch']);
      expect(warnings[0]).toContain('sequenceGap');
      expect(warnings[0]).not.toContain('newEpoch');
      const kiosk = services.store.overview().kiosks[0];
      expect(kiosk?.epochs.map((e) => [e.epoch, e.bundles, e.lastSequence, e.missingSequences])).toEqual([
        ['', 2, 2, []],
        [epoch, 2, 3, [2]],
      ]);
      // Within the new epoch, a number is used once.
      const again = forge(kioskA, a2, (b) => inEpoch(b, epoch, 1));
      expect(importSources(services.store, [source('again.json', again)], { trust: () => 'trust', today: TODAY }).files[0]).toMatchObject({ status: 'rejected', reason: 'sequenceReused' });
      // Every visit of every epoch is counted.
      expect(services.store.overview().sessions).toBe(60 + 40 + 40 + 40);
    } finally {
      services.close();
    }
  });

  it('a new epoch under a known pseudonym with another key is still an impostor', async () => {
    const { generateIdentity } = await import('../../electron/services/identity');
    const { signBundle } = await import('../../electron/services/export/signing');
    const { serializeBundle } = await import('../../shared/export/bundle');
    const forged = withoutIntegrity(readBundle(a2));
    const other = generateIdentity(new Date());
    forged.kiosk.publicKey = other.publicKey;
    forged.export.id = randomUUID();
    inEpoch(forged, randomUUID());
    expectRefused(serializeBundle(signBundle(forged, other.privateKey)), 'kioskKeyMismatch');
  });
});

describe('the analyst schema migration (version 2)', () => {
  it('keeps every bundle and cell in the legacy epoch, and stores keys in one spelling', () => {
    const file = join(mkdtempSync(join(dir, 'v1-')), 'analyst.db');
    const v1 = openDatabase(file, ANALYST_MIGRATIONS.slice(0, 1));
    const bundle = readBundle(a1);
    const unpadded = bundle.kiosk.publicKey.replace(/=+$/, '');
    v1.prepare('INSERT INTO kiosks VALUES (?, ?, ?, ?)').run(bundle.kiosk.pseudonym, unpadded, 'x', '2026-11-01');
    v1.prepare(`INSERT INTO bundles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      bundle.export.id, bundle.kiosk.pseudonym, bundle.export.sequence, bundle.integrity.sha256, bundle.kiosk.siteCode, bundle.kiosk.siteName,
      bundle.questionnaire.id, bundle.questionnaire.version, bundle.questionnaire.hash, bundle.export.from, bundle.export.to, bundle.export.sessions,
      bundle.export.created, '2026-11-01', 'a1.json', readFileSync(a1, 'utf8'),
    );
    const insertCell = v1.prepare('INSERT INTO cells VALUES (?, ?, ?, ?, ?, ?)');
    v1.transaction(() => {
      for (const [id, table] of Object.entries(bundle.tables)) {
        for (const cell of table.cells) {
          const codes = table.dimensions.map((d) => String(cell[d]));
          insertCell.run(bundle.export.id, id, codes[0] ?? '', codes[1] ?? '', codes[2] ?? '', cell.count);
        }
      }
    })();
    const cells = (v1.prepare('SELECT count(*) AS n FROM cells').get() as { n: number }).n;
    v1.close();

    const db = openAnalystDatabase(file);
    try {
      expect(db.prepare('SELECT epoch, sequence FROM bundles').all()).toEqual([{ epoch: '', sequence: bundle.export.sequence }]);
      expect((db.prepare('SELECT count(*) AS n FROM cells').get() as { n: number }).n).toBe(cells);
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect((db.prepare('SELECT public_key FROM kiosks').get() as { public_key: string }).public_key).toBe(bundle.kiosk.publicKey);
      const store = createAnalystStore(db);
      expect(addTables(store.sumTables(NO_FILTERS, false).tables)).toEqual(addTables(bundle.tables as Tables));
      // The same bundle is now a duplicate, and the next one of the kiosk is accepted.
      const report = importSources(store, [fileSource(a1), fileSource(a2)], { trust: () => 'reject', today: TODAY });
      expect(report.files.map((f) => f.status)).toEqual(['duplicate', 'accepted']);
    } finally {
      db.close();
    }
  });
});

describe('removal', () => {
  it('removing what an import added gives back the database as it was, and importing again brings it back', () => {
    const { services } = fresh();
    try {
      const before = contentChecksum(services.db);
      expect(importSources(services.store, [fileSource(b1), fileSource(a2)], { trust: () => 'trust', today: TODAY }).accepted).toBe(2);
      const withAll = contentChecksum(services.db);
      const pseudonymB = readBundle(b1).kiosk.pseudonym;
      expect(services.store.removeKiosk(pseudonymB)).toEqual({ kiosks: 1, bundles: 1, sessions: 50 });
      expect(services.store.removeBundle(readBundle(a2).export.id)).toEqual({ kiosks: 0, bundles: 1, sessions: 40 });
      expect(contentChecksum(services.db)).toBe(before);
      expect(services.store.removeKiosk(pseudonymB)).toBeNull();
      expect(services.store.removeBundle(randomUUID())).toBeNull();
      expect(importSources(services.store, [fileSource(b1), fileSource(a2)], { trust: () => 'trust', today: TODAY }).accepted).toBe(2);
      expect(contentChecksum(services.db)).toBe(withAll);
    } finally {
      services.close();
    }
  });
});
