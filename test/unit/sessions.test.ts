/**
 * The session repository: what a stored row holds never depends on what the renderer
 * claimed. Day and duration are coarsened, hidden answers pruned, scores and next steps
 * re-derived with the shared rules; a record that does not fit the questionnaire is refused
 * and writes nothing. Real SQLite files in a temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/services/database';
import { createSessionRepository, InvalidSessionError, type SessionRepository } from '../../electron/services/sessions';
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

function rowCount(): number {
  return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
}

function onlyRow() {
  const rows = repo.list();
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('save: coarse day and duration', () => {
  it('stores the local calendar day of the given date, and nothing finer', () => {
    repo.save(record(), new Date(2026, 2, 15, 23, 59, 30));
    repo.save(record(), new Date(2026, 2, 16, 0, 0, 5));
    const raw = db.prepare('SELECT day FROM sessions ORDER BY id').all();
    expect(raw).toEqual([{ day: '2026-03-15' }, { day: '2026-03-16' }]);
  });

  it.each([
    [34.9, 30],
    [35, 40],
    [0, 0],
    [4.9, 0],
    [5, 10],
    [412.4, 410],
    [3599.99, 3600],
  ])('rounds a duration of %s s to %s s', (raw, stored) => {
    repo.save(record({ durationS: raw }), new Date(2026, 0, 10, 12));
    expect(onlyRow().durationS).toBe(stored);
  });
});

describe('save: derived values come from the shared rules, not from the record', () => {
  it('prunes the answers (and exercises) of questions the other answers hide', () => {
    const answers = { ...record().answers, smartphone: 'NO', internetUse: 'NOT_IN_3_MONTHS', exercisesIntro: 'NO' };
    repo.save(record({ answers }), new Date(2026, 4, 2, 10));
    const row = onlyRow();
    for (const hidden of ['actInformation', 'actCommunication', 'actContent', 'actSafety', 'actProblemSolving', 'actPurchase', 'exTap', 'exSecureSite']) {
      expect(row.answers, hidden).not.toHaveProperty(hidden);
    }
    expect(row.exercises).toEqual({});
    expect(row.answers['internetUse']).toBe('NOT_IN_3_MONTHS');
    expect(row.answers['procedureSoon']).toBe('YES');
    expect(row.scores.dsi.category).toBe('notAssessed');
    expect(row.scores.observed.level).toBe('notObserved');
  });

  it('recomputes the scores whatever the record claims', () => {
    const claiming = {
      ...record(),
      scores: { dsi: { areas: null, category: 'aboveBasic' }, illectronisme: false, autonomy: { tasks: {}, profile: 'autonomous' } },
    } as unknown as SessionRecord;
    repo.save(claiming, new Date(2026, 4, 2, 10));
    const row = onlyRow();
    expect(row.scores).toEqual(scoreSession(row.answers, row.exercises));
    // What this person actually declared: information above basic, communication and problem
    // solving basic, no content creation, no safety → k = 3, "narrow".
    expect(row.scores.dsi.category).toBe('narrow');
    expect(row.scores.illectronisme).toBe('NO');
    expect(row.scores.autonomy.profile).toBe('guided');
    expect(row.scores.observed).toEqual({ attempted: 4, succeeded: 2, level: 'partial' });
  });

  it('gives a completed session next steps chosen from the settings\' directory', () => {
    repo.save(record(), new Date(2026, 4, 2, 10));
    const row = onlyRow();
    const known = new Set(DEFAULT_DIRECTORY.map((p) => p.id));
    expect(row.recommendations.length).toBeGreaterThanOrEqual(1);
    expect(row.recommendations.length).toBeLessThanOrEqual(3);
    expect(row.recommendations.every((r) => known.has(r.placeId))).toBe(true);
    expect(row.recommendations).toEqual(recommend(row.scores, row.answers, DEFAULT_DIRECTORY));
    expect(row.recommendations[0]).toEqual({ need: 'procedure', placeId: 'france-services' });
  });

  it('follows the directory staff edited', () => {
    const only: HelpPlace = { id: 'mairie-caudry', name: 'Mairie de Caudry', kind: 'other', address: '', openingHours: '', phone: '', serves: ['learn', 'procedure'] };
    settings.update({ directory: [only] });
    repo.save(record(), new Date(2026, 4, 2, 10));
    const row = onlyRow();
    expect(row.recommendations).toEqual([{ need: 'procedure', placeId: 'mairie-caudry' }]);
  });

  it('gives an abandoned session no next steps (but still its scores)', () => {
    const answers = { ageBand: 'A60_74', commune: 'OUTSIDE', accompanied: 'ALONE', smartphone: 'YES' };
    repo.save(record({ status: 'abandoned', lastStep: 'computer', answers, exercises: {}, accompanied: false }), new Date(2026, 4, 2, 10));
    const row = onlyRow();
    expect(row.status).toBe('abandoned');
    expect(row.lastStep).toBe('computer');
    expect(row.recommendations).toEqual([]);
    expect(row.scores).toEqual(scoreSession(answers, {}));
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
    expect(rowCount()).toBe(1);
  });
});

describe('list', () => {
  it('round-trips what was stored, in insertion order', () => {
    const first = record();
    const second = record({
      language: 'en',
      status: 'abandoned',
      lastStep: 'internetUse',
      accompanied: false,
      durationS: 61,
      answers: { ageBand: 'A25_39', commune: 'C59122', accompanied: 'ALONE', smartphone: 'YES', computer: 'YES', homeInternet: 'YES' },
      exercises: {},
    });
    const id1 = repo.save(first, new Date(2026, 6, 1, 9));
    const id2 = repo.save(second, new Date(2026, 6, 2, 17));
    expect(id2).toBeGreaterThan(id1);
    expect(repo.count()).toBe(2);

    const [a, b] = repo.list();
    const scoresA = scoreSession(first.answers, first.exercises);
    expect(a).toEqual({
      id: id1,
      day: '2026-07-01',
      questionnaire: first.questionnaire,
      language: 'fr',
      status: 'completed',
      lastStep: 'result',
      accompanied: true,
      durationS: 410,
      answers: first.answers,
      exercises: first.exercises,
      scores: scoresA,
      recommendations: recommend(scoresA, first.answers, DEFAULT_DIRECTORY),
    });
    expect(b).toEqual({
      id: id2,
      day: '2026-07-02',
      questionnaire: second.questionnaire,
      language: 'en',
      status: 'abandoned',
      lastStep: 'internetUse',
      accompanied: false,
      durationS: 60,
      answers: second.answers,
      exercises: {},
      scores: scoreSession(second.answers, {}),
      recommendations: [],
    });
  });
});
