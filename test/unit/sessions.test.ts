/**
 * Where a visit ends: what the counts hold never depends on what the renderer claimed. The
 * month is the finest time kept, hidden answers are pruned, scores and next steps re-derived
 * with the shared rules; a record that does not fit the questionnaire is refused and counts
 * nothing. The counts are exactly the declared tables of the derived visits (`tabulate`).
 * Real SQLite files in a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/services/database';
import { createSessionRepository, InvalidSessionError, visitFacts, type SessionRepository } from '../../electron/services/sessions';
import { tabulate, type Tables } from '../../shared/export/tables';
import { mersenne } from 'pure-rand/generator/mersenne';
import { Draw, drawVisitor } from '../../electron/cli/simulate';
import { createSettingsStore, type SettingsStore } from '../../electron/services/settings';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';
import type { HelpPlace } from '../../shared/orientation/directory';
import { recommend } from '../../shared/orientation/rules';
import { currentQuestionnaire, questionnaireStamp } from '../../shared/questionnaire/current';
import { AUTONOMY_TASKS } from '../../shared/questionnaire/definition';
import { scoreSession } from '../../shared/scoring';
import type { SessionRecord } from '../../shared/session/record';
import { activities } from '../fixtures/activities';

let dir: string;
let db: Db;
let settings: SettingsStore;
let repo: SessionRepository;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reperes-sessions-'));
  db = openDatabase(join(dir, 'kiosk.db'));
  settings = createSettingsStore(db);
  repo = createSessionRepository(db, currentQuestionnaire.definition, () => settings.get().directory);
});

afterEach(() => {
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An older person, offline, who wants help with procedures and did two exercises. */
function record(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    questionnaire: questionnaireStamp(),
    language: 'fr',
    status: 'completed',
    lastStep: 'result',
    answers: {
      ageBand: 'A75_PLUS',
      commune: 'C59122',
      accompanied: 'PROFESSIONAL',
      smartphone: 'YES',
      computer: 'NO',
      homeInternet: 'NO',
      internetUse: 'EVERY_WEEK',
      ...activities({ actInformation: ['NEWS', 'HEALTH_INFO'], actCommunication: ['MESSAGING'], actProblemSolving: ['BANKING'] }),
      ...Object.fromEntries(AUTONOMY_TASKS.map((t) => [t, 'WITH_HELP'])),
      exercisesIntro: 'YES',
      exTap: 'SUCCESS',
      exScroll: 'FAILURE',
      exType: 'SKIPPED',
      exPhishing: 'SUCCESS',
      exSecureSite: 'FAILURE',
      wantsToLearn: ['PROCEDURES', 'SAFETY'],
      barriers: ['FEAR_FRAUD'],
      procedureSoon: 'YES',
    },
    exercises: {
      exTap: { outcome: 'SUCCESS', durationS: 4 },
      exScroll: { outcome: 'FAILURE', durationS: 30 },
      exType: { outcome: 'SKIPPED', durationS: 2 },
      exPhishing: { outcome: 'SUCCESS', durationS: 21 },
      exSecureSite: { outcome: 'FAILURE', durationS: 40 },
    },
    accompanied: true,
    durationS: 412.4,
    ...overrides,
  };
}

function visits(): number {
  return repo.count();
}

/** The open period's tables (every visit of these tests is in it). */
function stored(): Tables {
  return repo.counts.tablesOf({ period: repo.counts.openPeriod(), questionnaire: questionnaireStamp() });
}

/** The codes of a table's cells with their counts, e.g. "narrow|completed: 1". */
function cells(id: string): string[] {
  const table = stored()[id];
  if (!table) throw new Error(`no table ${id}`);
  return table.cells.map((c) => `${table.dimensions.map((d) => c[d]).join('|')}: ${c.count}`);
}

describe('save: the month, nothing finer, nothing per visit', () => {
  it('counts the local calendar month of the given date', () => {
    repo.save(record(), new Date(2026, 2, 31, 23, 59, 30));
    repo.save(record(), new Date(2026, 3, 1, 0, 0, 5));
    repo.save(record(), new Date(2026, 3, 12, 10));
    expect(db.prepare('SELECT month, status, visits FROM visit_counts ORDER BY month').all()).toEqual([
      { month: '2026-03', status: 'completed', visits: 1 },
      { month: '2026-04', status: 'completed', visits: 2 },
    ]);
    expect(cells('month_status')).toEqual(['2026-03|completed: 1', '2026-04|completed: 2']);
  });

  it('adds a second identical visit to the same cells instead of new rows', () => {
    repo.save(record(), new Date(2026, 0, 10, 12));
    const rows = (db.prepare('SELECT count(*) FROM cell_counts').pluck().get() as number);
    repo.save(record({ durationS: 1234 }), new Date(2026, 0, 11, 15));
    expect(db.prepare('SELECT count(*) FROM cell_counts').pluck().get()).toBe(rows);
    expect(db.prepare('SELECT DISTINCT count FROM cell_counts').pluck().all()).toEqual([2]);
  });
});

describe('save: derived values come from the shared rules, not from the record', () => {
  it('prunes the answers (and exercises) of questions the other answers hide', () => {
    const answers = { ...record().answers, smartphone: 'NO', internetUse: 'NOT_IN_3_MONTHS', exercisesIntro: 'NO' };
    repo.save(record({ answers }), new Date(2026, 4, 2, 10));
    const items = cells('item_response_status').join();
    for (const hidden of ['actInformation', 'actCommunication', 'actContent', 'actSafety', 'actProblemSolving', 'actPurchase', 'exTap', 'exSecureSite']) {
      expect(items, hidden).not.toContain(hidden);
    }
    expect(cells('exercise_outcome_ageBand')).toEqual([]);
    expect(items).toContain('internetUse|ANSWERED|completed: 1');
    expect(items).toContain('procedureSoon|ANSWERED|completed: 1');
    expect(cells('month_completion_dsiCategory')).toEqual(['2026-05|completed|notAssessed: 1']);
    expect(cells('observedLevel_dsiCategory_ageBand')).toEqual(['notObserved|notAssessed|A75_PLUS: 1']);
  });

  it('recomputes the scores whatever the record claims', () => {
    const claiming = {
      ...record(),
      scores: { dsi: { areas: null, category: 'aboveBasic' }, illectronisme: false, autonomy: { tasks: {}, profile: 'autonomous' } },
    } as unknown as SessionRecord;
    repo.save(claiming, new Date(2026, 4, 2, 10));
    // What this person actually declared: information above basic, communication and problem
    // solving basic, no content creation, no safety → k = 3, "narrow".
    expect(cells('month_completion_dsiCategory')).toEqual(['2026-05|completed|narrow: 1']);
    expect(cells('ageBand_completion_illectronisme')).toEqual(['A75_PLUS|completed|NO: 1']);
    expect(cells('autonomyProfile_ageBand')).toEqual(['guided|A75_PLUS: 1']);
    expect(cells('observedLevel_dsiCategory_ageBand')).toEqual(['partial|narrow|A75_PLUS: 1']);
    const scores = scoreSession(record().answers, record().exercises);
    expect(scores.observed).toEqual({ attempted: 4, succeeded: 2, level: 'partial' });
  });

  it('gives a completed visit next steps chosen from the settings\' directory', () => {
    repo.save(record(), new Date(2026, 4, 2, 10));
    const r = record();
    const expected = recommend(scoreSession(r.answers, r.exercises), r.answers, DEFAULT_DIRECTORY);
    expect(expected[0]).toEqual({ need: 'procedure', placeId: 'france-services' });
    expect(cells('recommendation_ageBand').sort()).toEqual(expected.map((x) => `${x.need}|A75_PLUS: 1`).sort());
  });

  it('follows the directory staff edited', () => {
    const only: HelpPlace = { id: 'mairie-caudry', name: 'Mairie de Caudry', kind: 'other', address: '', openingHours: '', phone: '', serves: ['learn', 'procedure'] };
    settings.update({ directory: [only] });
    repo.save(record(), new Date(2026, 4, 2, 10));
    expect(cells('recommendation_ageBand')).toEqual(['procedure|A75_PLUS: 1']);
  });

  it('gives an abandoned visit no next steps, and counts where it stopped', () => {
    const answers = { ageBand: 'A60_74', commune: 'OUTSIDE', accompanied: 'ALONE', smartphone: 'YES' };
    repo.save(record({ status: 'abandoned', lastStep: 'computer', answers, exercises: {}, accompanied: false }), new Date(2026, 4, 2, 10));
    expect(cells('abandoned_lastStep')).toEqual(['computer: 1']);
    expect(cells('recommendation_ageBand')).toEqual([]);
    expect(cells('month_status')).toEqual(['2026-05|abandoned: 1']);
  });
});

describe('save: the counts are the declared tables of the derived visits', () => {
  it('equal tabulate() of 150 drawn visits, cell for cell', () => {
    const draw = new Draw(mersenne(77));
    const facts: ReturnType<typeof visitFacts>[] = [];
    db.transaction(() => {
      for (let i = 0; i < 150; i++) {
        const v = drawVisitor(draw, ['fr', 'en', 'ar']);
        const r: SessionRecord = {
          questionnaire: questionnaireStamp(),
          language: v.language,
          status: 'completed',
          lastStep: 'result',
          answers: v.answers as SessionRecord['answers'],
          exercises: Object.fromEntries(Object.entries(v.exercises).filter(([id]) => Object.hasOwn(v.answers, id))),
          accompanied: v.answers['accompanied'] === 'PROFESSIONAL',
          durationS: 200,
        };
        const when = new Date(2026, i % 12, 1 + (i % 27), 11);
        repo.save(r, when);
        facts.push(visitFacts(r, currentQuestionnaire.definition, DEFAULT_DIRECTORY, when));
      }
    })();
    expect(stored()).toEqual(tabulate(facts));
    expect(visits()).toBe(150);
  });
});

describe('save: records that do not fit the questionnaire', () => {
  const answers = record().answers;
  const misfits: [string, SessionRecord][] = [
    ['an unknown question', record({ answers: { ...answers, favouriteColour: 'RED' } })],
    ['an inherited property name as question', record({ answers: { ...answers, constructor: 'YES' } })],
    ['an invalid code for a single choice', record({ answers: { ...answers, ageBand: 'A99_PLUS' } })],
    ['a list for a single choice', record({ answers: { ...answers, ageBand: ['A15_24'] } })],
    ['"none" together with a need', record({ answers: { ...answers, barriers: ['NONE', 'COST'] } })],
    ['a repeated code', record({ answers: { ...answers, wantsToLearn: ['EMAIL', 'EMAIL'] } })],
    ['a tick-all list for an item-by-item screen', record({ answers: { ...answers, actSafety: ['COOKIE_SETTINGS'] } })],
    ['an item that is not on the screen', record({ answers: { ...answers, actSafety: { COOKIE_SETTINGS: 'YES', FLYING: 'NO' } } })],
    ['an answer outside the row scale', record({ answers: { ...answers, actSafety: { COOKIE_SETTINGS: 'MAYBE' } } })],
    ['"don\'t know" where it is not offered', record({ answers: { ...answers, exercisesIntro: 'DK' } })],
    ['an unknown last step', record({ lastStep: 'nowhere' })],
    ['another questionnaire', record({ questionnaire: { ...questionnaireStamp(), id: 'other-questionnaire' } })],
  ];

  it.each(misfits)('refuses %s with InvalidSessionError and writes nothing', (_what, bad) => {
    repo.save(record(), new Date(2026, 4, 2, 10));
    let caught: unknown;
    try {
      repo.save(bad, new Date(2026, 4, 3, 10));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidSessionError);
    // The code is what the IPC layer maps to "invalidPayload".
    expect((caught as InvalidSessionError).code).toBe('INVALID_SESSION');
    expect(visits()).toBe(1);
    expect(cells('month_status')).toEqual(['2026-05|completed: 1']);
  });
});
