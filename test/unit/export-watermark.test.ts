/**
 * Exports of periods: over many exports with visits arriving in between, every visit is counted
 * in exactly one bundle (no overlap, no gap), sequences run 1, 2, 3… and the bundles add up to
 * the tables of every visit. A past export is re-issued byte for byte.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addTables, tabulate } from '../../shared/export/tables';
import type { Bundle } from '../../shared/export/bundle';
import { questionnaireStamp } from '../../shared/questionnaire/current';
import { verifyBundleText } from '../../electron/services/export/verify-bundle';
import { allCounts, cleanupKiosks, testKiosk, unlockedKiosk } from './export-fixtures';

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

describe('periods and sequence', () => {
  it('over many exports with visits in between: no overlap, no gap, sequences 1..n, additive', async () => {
    const kiosk = await testKiosk();
    await unlockedKiosk(kiosk);
    const h = kiosk.services.handlers;
    const arrivals = [7, 1, 12, 3, 9, 2, 5, 30, 1, 4];
    for (const [round, n] of arrivals.entries()) {
      kiosk.addQuickVisits(n);
      const outcome = await h['staff:export'](undefined);
      expect(outcome).toMatchObject({ ok: true, bundles: [{ sessions: n }] });
      // An export with nothing new writes nothing and moves nothing.
      if (round === 3) expect(await h['staff:export'](undefined)).toMatchObject({ ok: false, reason: 'nothingToExport', bundles: [] });
      expect(kiosk.services.exporter.sessionsSinceExport()).toBe(0);
    }

    const bundles = readBundles(kiosk.folder.path as string);
    expect(bundles.map((b) => b.export.sequence)).toEqual(bundles.map((_, i) => i + 1));
    expect(new Set(bundles.map((b) => b.export.id)).size).toBe(bundles.length);
    expect(new Set(bundles.map((b) => b.kiosk.pseudonym)).size).toBe(1);

    // Each export closed one period: its own visits, no other.
    expect(kiosk.services.db.prepare('SELECT period FROM export_log ORDER BY sequence').pluck().all()).toEqual(arrivals.map((_, i) => i + 1));

    // Session counts add up, and so does every table, cell by cell.
    const total = arrivals.reduce((a, b) => a + b, 0);
    expect(bundles.reduce((sum, b) => sum + b.export.sessions, 0)).toBe(total);
    expect(addTables(...bundles.map((b) => b.tables))).toEqual(tabulate(kiosk.quickFacts));
    expect(allCounts(kiosk.services)).toEqual(tabulate(kiosk.quickFacts));
  });

  it('the same sum holds for visits walked through the real kiosk flow, exported in unequal parts', async () => {
    const kiosk = await testKiosk({ visits: 40 });
    await unlockedKiosk(kiosk);
    await kiosk.services.handlers['staff:export'](undefined);
    await kiosk.addVisits(15);
    await kiosk.services.handlers['staff:export'](undefined);
    const bundles = readBundles(kiosk.folder.path as string);
    expect(bundles.map((b) => b.export.sessions)).toEqual([40, 15]);
    const whole = allCounts(kiosk.services);
    expect(whole['month_status']?.cells.reduce((n, c) => n + c.count, 0)).toBe(55);
    expect(addTables(bundles[0]?.tables ?? {}, bundles[1]?.tables ?? {})).toEqual(whole);
    // Not trivially equal: the parts differ from the whole.
    expect(bundles[0]?.tables).not.toEqual(whole);
  });

  it('keeps its sequence and open period across a restart of the kiosk', async () => {
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
  it('never mixes versions in one bundle: one bundle per questionnaire version of the period', async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(3);
    // As if the kiosk had been updated to a new questionnaire within the period.
    const { counts } = kiosk.services.sessions;
    kiosk.services.db.transaction(() => {
      for (const facts of kiosk.quickFacts.slice(0, 2)) counts.add({ ...questionnaireStamp(), version: '2.1.0', hash: 'b'.repeat(64) }, facts);
    })();
    await unlockedKiosk(kiosk);
    const outcome = await kiosk.services.handlers['staff:export'](undefined);
    expect(outcome).toMatchObject({ ok: true, bundles: [{ sequence: 1, sessions: 3 }, { sequence: 2, sessions: 2 }] });
    const bundles = readBundles(kiosk.folder.path as string);
    expect(bundles.map((b) => b.questionnaire.version)).toEqual(['2.0.0', '2.1.0']);
    expect(bundles[1]?.tables).toEqual(tabulate(kiosk.quickFacts.slice(0, 2)));
    // Each version's counts are exported once: nothing is left.
    expect(await kiosk.services.handlers['staff:export'](undefined)).toMatchObject({ ok: false, reason: 'nothingToExport' });
  });
});
