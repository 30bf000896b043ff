/**
 * The export reads sessions as a stream and counts them as they arrive (one pass, bounded
 * memory: bench/README-section.md). Its output must be exactly what `buildUnsignedBundle`
 * (with `tabulate`) makes of the same sessions; and `sessions.since` must walk exactly the
 * rows `list` returns.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildUnsignedBundle, type BundleHeader } from '../../shared/export/bundle';
import type { SessionFacts } from '../../shared/export/tables';
import { buildNextRun, type RunSession } from '../../electron/services/export/streamed-bundle';
import { cleanupKiosks, testKiosk } from './export-fixtures';

afterAll(cleanupKiosks);

const header = (first: RunSession): BundleHeader => ({
  kiosk: { pseudonym: 'K-00000-00000', siteCode: 'LABO', siteName: 'Le Labo', publicKey: 'AAAA' },
  questionnaire: { ...first.questionnaire },
  export: { id: '00000000-0000-4000-8000-000000000000', sequence: 1, created: '2026-11-20' },
});

describe('streamed export content', () => {
  // Real work (real SQLite files, several runs): 5 s is too short on a busy 2-core machine.
  it('equals buildUnsignedBundle(tabulate) for simulated sessions, run by run', { timeout: 30_000 }, async () => {
    const kiosk = await testKiosk();
    kiosk.addQuickVisits(400);
    await kiosk.addVisits(150);
    // A questionnaire update in the middle: the stream must stop at the end of the first run.
    kiosk.services.db.prepare("UPDATE sessions SET questionnaire_version = '1.1.0', questionnaire_hash = ? WHERE id BETWEEN 301 AND 450").run('c'.repeat(64));
    const all = kiosk.services.sessions.list();
    expect([...kiosk.services.sessions.since(0)]).toEqual(all);
    expect([...kiosk.services.sessions.since(300)]).toEqual(all.filter((s) => s.id > 300));

    let after = 0;
    const runs: number[] = [];
    for (;;) {
      const streamed = buildNextRun(kiosk.services.sessions.since(after), header);
      if (!streamed) break;
      const run = all.filter((s) => s.id > after && s.id <= streamed.lastId);
      expect(run.every((s) => s.questionnaire.hash === run[0]?.questionnaire.hash)).toBe(true);
      const expected = buildUnsignedBundle(header(run[0] as RunSession), run);
      expect(JSON.stringify(streamed.unsigned)).toBe(JSON.stringify(expected));
      expect(streamed).toMatchObject({ firstId: run[0]?.id, lastId: run.at(-1)?.id, sessions: run.length });
      runs.push(run.length);
      after = streamed.lastId;
    }
    expect(runs).toEqual([300, 150, 100]);
  });

  it('keeps tabulate’s cells for odd codes (separators, non-strings, empty lists)', () => {
    const base = {
      id: 1,
      questionnaire: { id: 'reperes-diagnostic', version: '1.0.0', hash: 'a'.repeat(64) },
      day: '2026-11-02',
      language: 'fr',
      status: 'completed' as const,
      lastStep: 'result',
      exercises: {},
      recommendations: [],
      scores: {
        dsi: { areas: null, category: 'notAssessed' },
        illectronisme: false,
        autonomy: { tasks: {}, profile: 'unknown' },
        observed: { attempted: 0, succeeded: 0, level: 'notObserved' },
        mismatch: 'unknown',
      },
    } as unknown as RunSession;
    const odd: RunSession[] = [
      { ...base, answers: { ageBand: 'A\u0000B', wantsToLearn: [] } },
      { ...base, id: 2, answers: { ageBand: '\u0001X', wantsToLearn: ['EMAIL', 'EMAIL'] } },
      { ...base, id: 3, answers: { ageBand: 'A', commune: [] as string[] } },
      // Not something the repository writes, but the cells must still match: a number, a null.
      { ...base, id: 4, answers: { ageBand: 'A' }, scores: { ...base.scores, mismatch: 3, dsi: { areas: null, category: null } } } as unknown as RunSession,
    ];
    const streamed = buildNextRun(odd, header);
    expect(JSON.stringify(streamed?.unsigned)).toBe(JSON.stringify(buildUnsignedBundle(header(base), odd as SessionFacts[])));
  });

  it('reads nothing when there is nothing new', () => {
    expect(buildNextRun([], header)).toBeNull();
  });
});
