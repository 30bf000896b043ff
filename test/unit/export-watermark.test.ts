/**
 * Incremental exports: over many exports with visits arriving in between, every session is in
 * exactly one bundle (no overlap, no gap), sequences run 1, 2, 3… and the bundles add up to
 * the tables of the whole database. A past export is re-issued byte for byte.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addTables, tabulate } from '../../shared/export/tables';
import type { Bundle } from '../../shared/export/bundle';
import { verifyBundleText } from '../../electron/services/export/signing';
import { cleanupKiosks, testKiosk, unlockedKiosk } from './export-fixtures';

afterEach(cleanupKiosks);

function readBundles(folder: string): Bundle[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const result = verifyBundleText(readFileSync(join(folder, f), 'utf8'));
      if (!result.ok) throw new Error(`${f}: ${result.reason} ${result.detail}`);
      return result.bundle;
    });
}

describe('watermark and sequence', () => {
  it('over many exports with visits in between: no overlap, no gap, sequences 1..n, additive', async () => {
    const kiosk = await testKiosk();
    await unlockedKiosk(kiosk);
    const h = kiosk.services.handlers;
    const ranges: { first: number; last: number }[] = [];
    const arrivals = [7, 1, 12, 3, 9, 2, 5, 30, 1, 4];
    for (const [round, n] of arrivals.entries()) {
      kiosk.addQuickVisits(n);
      const outcome = await h['staff:export'](undefined);
      expect(outcome).toMatchObject({ ok: true, bundles: [{ sessions: n }] });
      // An export with nothing new writes nothing and moves nothing.
      if (round === 3) expect(await h['staff:export'](undefined)).toMatchObject({ ok: false, reason: 'nothingToExport', bundles: [] });
      const row = kiosk.services.db.prepare('SELECT first_session_id AS first, last_session_id AS last FROM export_log ORDER BY sequence DESC LIMIT 1').get() as { first: number; last: number };
      ranges.push(row);
      expect(kiosk.services.exporter.sessionsSinceExport()).toBe(0);
    }

    const bundles = readBundles(kiosk.folder.path as string);
    expect(bundles.map((b) => b.export.sequence)).toEqual(bundles.map((_, i) => i + 1));
    expect(new Set(bundles.map((b) => b.export.id)).size).toBe(bundles.length);
    expect(new Set(bundles.map((b) => b.kiosk.pseudonym)).size).toBe(1);

    // Ranges of session ids follow each other exactly.
    const ids = kiosk.services.sessions.list().map((s) => s.id);
    const covered = ranges.flatMap((r) => ids.filter((id) => id >= r.first && id <= r.last));
    expect(covered).toEqual(ids);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.first).toBeGreaterThan(ranges[i - 1]?.last as number);

    // Session counts add up, and so does every table, cell by cell.
    const total = arrivals.reduce((a, b) => a + b, 0);
    expect(bundles.reduce((sum, b) => sum + b.export.sessions, 0)).toBe(total);
    expect(addTables(...bundles.map((b) => b.tables))).toEqual(tabulate(kiosk.services.sessions.list()));
  });

  it('the same sum holds for visits walked through the real kiosk flow, exported in unequal parts', async () => {
    const kiosk = await testKiosk({ visits: 40 });
    await unlockedKiosk(kiosk);
    await kiosk.services.handlers['staff:export'](undefined);
    await kiosk.addVisits(15);
    await kiosk.services.handlers['staff:export'](undefined);
    const bundles = readBundles(kiosk.folder.path as string);
    expect(bundles.map((b) => b.export.sessions)).toEqual([40, 15]);
    const whole = tabulate(kiosk.services.sessions.list());
    expect(addTables(bundles[0]?.tables ?? {}, bundles[1]?.tables ?? {})).toEqual(whole);
    // Not trivially equal: the parts differ from the whole.
    expect(bundles[0]?.tables).not.toEqual(whole);
  });

  it('keeps its sequence and watermark across a restart of the kiosk', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(4);
    await unlockedKiosk(kiosk);
    await kiosk.services.handlers['staff:export'](undefined);
    kiosk.reopen();
    kiosk.addQuickVisits(3);
    expect(kiosk.services.exporter.sessionsSinceExport()).toBe(3);
    await kiosk.services.handlers['staff:unlock']({ pin: '246810' });
    const outcome = await kiosk.services.handlers['staff:export'](undefined);
    expect(outcome).toMatchObject({ ok: true, bundles: [{ sequence: 2, sessions: 3 }] });
  });
});

describe('re-issue', () => {
  it('writes a past bundle again, byte for byte, from the export log', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(5);
    await unlockedKiosk(kiosk);
    const first = await kiosk.services.handlers['staff:export'](undefined);
    if (!first.ok) throw new Error(first.reason);
    const name = first.bundles[0]?.fileName as string;
    const original = readFileSync(join(kiosk.folder.path as string, name));
    kiosk.addQuickVisits(2);
    await kiosk.services.handlers['staff:export'](undefined);

    kiosk.clock.now = new Date(2027, 0, 15, 12);
    await kiosk.services.handlers['staff:unlock']({ pin: '246810' });
    kiosk.folder.path = join(kiosk.dir, 'second-stick');
    expect(await kiosk.services.handlers['staff:reissue']({ sequence: 1 })).toMatchObject({ ok: true, bundles: [{ sequence: 1, fileName: name }] });
    expect(readFileSync(join(kiosk.folder.path, name)).equals(original)).toBe(true);
    expect(await kiosk.services.handlers['staff:reissue']({ sequence: 9 })).toMatchObject({ ok: false, reason: 'unknownSequence' });
    // Re-issuing moves nothing.
    expect(kiosk.services.exporter.log().map((e) => e.sequence)).toEqual([1, 2]);
  });
});

describe('questionnaire versions', () => {
  it('never mixes versions in one bundle: one bundle per run of the same questionnaire', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(3);
    kiosk.addQuickVisits(2);
    // As if the kiosk had been updated to a new questionnaire between the two batches.
    kiosk.services.db.prepare("UPDATE sessions SET questionnaire_version = '2.1.0', questionnaire_hash = ? WHERE id > 3").run('b'.repeat(64));
    kiosk.addQuickVisits(1);
    await unlockedKiosk(kiosk);
    const outcome = await kiosk.services.handlers['staff:export'](undefined);
    expect(outcome).toMatchObject({ ok: true, bundles: [{ sequence: 1, sessions: 3 }, { sequence: 2, sessions: 2 }, { sequence: 3, sessions: 1 }] });
    const bundles = readBundles(kiosk.folder.path as string);
    expect(bundles.map((b) => b.questionnaire.version)).toEqual(['2.0.0', '2.1.0', '2.0.0']);
  });
});
