/**
 * The IPC gate as the kiosk assembles it: `createKioskServices` on a temp folder (real
 * SQLite file) and `dispatch`, the one function that checks sender, channel and payload
 * before any handler runs and turns failures into error codes. Nothing that fails the gate
 * may reach the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk';
import { classifyError, dispatch } from '../../electron/services/dispatch';
import { directorySchema } from '../../shared/orientation/directory';
import { questionnaireStamp } from '../../shared/questionnaire/current';
import type { SessionRecord } from '../../shared/session/record';
import { activities } from '../fixtures/activities';

let dir: string;
let services: KioskServices;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reperes-dispatch-'));
  services = createKioskServices({ userDataDir: dir, mode: 'kiosk', now: () => new Date(2026, 5, 1, 10, 42, 17) });
});

afterEach(() => {
  vi.restoreAllMocks();
  if (services.db.open) services.close();
  rmSync(dir, { recursive: true, force: true });
});

function validRecord(): SessionRecord {
  return {
    questionnaire: questionnaireStamp(),
    language: 'fr',
    status: 'completed',
    lastStep: 'result',
    answers: {
      ageBand: 'A60_74',
      commune: 'C59122',
      accompanied: 'ALONE',
      internetUse: 'EVERY_DAY',
      actInformation: activities({ actInformation: ['NEWS'] })['actInformation'] as Record<string, string>,
      actCommunication: activities({ actCommunication: ['EMAIL', 'CALLS'] })['actCommunication'] as Record<string, string>,
      wantsToLearn: ['SAFETY'],
    },
    exercises: {},
    accompanied: false,
    durationS: 187.3,
  };
}

function rows(): number {
  return services.sessions.count();
}

const save = (payload: unknown, trusted = true) => dispatch(services.handlers, trusted, 'session:save', payload);

describe('the sender and the channel', () => {
  it('refuses an untrusted sender before looking at anything, and writes nothing', async () => {
    expect(await save(validRecord(), false)).toEqual({ ok: false, error: { code: 'untrustedSender' } });
    expect(await dispatch(services.handlers, false, 'no-such-channel', undefined)).toEqual({ ok: false, error: { code: 'untrustedSender' } });
    expect(rows()).toBe(0);
  });

  it.each([['session:delete'], ['SESSION:SAVE'], [''], [42], [null], ['toString'], ['constructor'], ['__proto__'], ['hasOwnProperty']])(
    'answers unknownChannel to %j',
    async (channel) => {
      expect(await dispatch(services.handlers, true, channel, validRecord())).toEqual({ ok: false, error: { code: 'unknownChannel' } });
      expect(rows()).toBe(0);
    },
  );
});

describe("'session:save' payloads", () => {
  const base = validRecord();
  const { language: _language, ...withoutLanguage } = base;
  const { answers: _answers, ...withoutAnswers } = base;
  const { questionnaire, ...rest } = base;
  const manyAnswers = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`q${i}`, 'YES']));
  const manyExercises = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`ex${i}`, { outcome: 'SUCCESS', durationS: 3 }]));

  const malformed: [string, unknown][] = [
    ['no payload', undefined],
    ['null', null],
    ['a string', 'session'],
    ['an array', [base]],
    ['a missing language', withoutLanguage],
    ['missing answers', withoutAnswers],
    ['a missing questionnaire hash', { ...rest, questionnaire: { id: questionnaire.id, version: questionnaire.version } }],
    ['an extra field (a name)', { ...base, name: 'Jean Dupont' }],
    ['an extra field (claimed scores)', { ...base, scores: { illectronisme: false } }],
    ['an extra field in the questionnaire stamp', { ...base, questionnaire: { ...questionnaire, author: 'x' } }],
    ['a duration given as text', { ...base, durationS: '187' }],
    ['a negative duration', { ...base, durationS: -1 }],
    ['a NaN duration', { ...base, durationS: Number.NaN }],
    ['an infinite duration', { ...base, durationS: Number.POSITIVE_INFINITY }],
    ['a duration over a day', { ...base, durationS: 24 * 3600 + 1 }],
    ['accompanied as text', { ...base, accompanied: 'yes' }],
    ['an unknown status', { ...base, status: 'done' }],
    ['an unknown language', { ...base, language: 'de' }],
    ['a last step with spaces', { ...base, lastStep: 'the result screen' }],
    ['a huge multiple answer', { ...base, answers: { ...base.answers, wantsToLearn: Array.from({ length: 41 }, () => 'EMAIL') } }],
    ['a huge list of answers', { ...base, answers: manyAnswers }],
    ['a huge list of exercises', { ...base, exercises: manyExercises }],
    ['a free-text answer', { ...base, answers: { ...base.answers, commune: 'Jean Dupont' } }],
    ['an e-mail address as answer', { ...base, answers: { ...base.answers, commune: 'jean.dupont@example.org' } }],
    ['a lowercase non-code string', { ...base, answers: { ...base.answers, ageBand: 'a60_74' } }],
    ['a code that is too long', { ...base, answers: { ...base.answers, ageBand: 'A'.repeat(41) } }],
    ['a number as answer', { ...base, answers: { ...base.answers, ageBand: 67 } }],
    ['a __proto__ key in answers', { ...base, answers: JSON.parse('{"ageBand":"A60_74","__proto__":{"polluted":"YES"}}') as unknown }],
    ['a __proto__ key at the top', JSON.parse(`{"__proto__":{"polluted":"YES"},${JSON.stringify(base).slice(1)}`) as unknown],
    ['a __proto__ key in exercises', { ...base, exercises: JSON.parse('{"__proto__":{"outcome":"SUCCESS","durationS":1}}') as unknown }],
    ['an exercise with a fractional duration', { ...base, answers: { ...base.answers, exercisesIntro: 'YES', exTap: 'SUCCESS' }, exercises: { exTap: { outcome: 'SUCCESS', durationS: 1.5 } } }],
    ['an exercise with an unknown outcome', { ...base, exercises: { exTap: { outcome: 'CHEATED', durationS: 1 } } }],
    // These parse, but do not fit the questionnaire: the repository refuses them.
    ['an unknown question', { ...base, answers: { ...base.answers, favouriteColour: 'RED' } }],
    ['an inherited property name as question', { ...base, answers: { ...base.answers, constructor: 'YES' } }],
    ['an invalid code', { ...base, answers: { ...base.answers, ageBand: 'A99_PLUS' } }],
    ['another questionnaire', { ...base, questionnaire: { ...questionnaire, id: 'other-form' } }],
    ['an unknown last step', { ...base, lastStep: 'nowhere' }],
  ];

  it.each(malformed)('refuses %s with invalidPayload and writes nothing', async (_what, payload) => {
    const before = rows();
    const response = await save(payload);
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.code).toBe('invalidPayload');
    expect(rows()).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('counts a valid record once, in the month of the kiosk clock, and stores nothing finer', async () => {
    expect(await save(validRecord())).toEqual({ ok: true, value: { saved: true } });
    expect(rows()).toBe(1);
    expect(services.db.prepare('SELECT month, status, visits FROM visit_counts').all()).toEqual([{ month: '2026-06', status: 'completed', visits: 1 }]);
    expect(services.db.prepare("SELECT code1 FROM cell_counts WHERE table_id = 'need_ageBand'").pluck().all()).toEqual(['SAFETY']);
  });
});

describe('storage failures', () => {
  function failingSave(code: string) {
    return vi.spyOn(services.sessions, 'save').mockImplementation(() => {
      throw Object.assign(new Error(`simulated ${code}`), { code });
    });
  }

  it.each([
    ['SQLITE_FULL', 'storageFull'],
    ['ENOSPC', 'storageFull'],
    ['EDQUOT', 'storageFull'],
    ['EROFS', 'storageReadOnly'],
    ['SQLITE_READONLY', 'storageReadOnly'],
    ['SQLITE_READONLY_DBMOVED', 'storageReadOnly'],
    ['EACCES', 'storageReadOnly'],
  ])('maps a %s error to %s', async (code, expected) => {
    const spy = failingSave(code);
    expect(await save(validRecord())).toEqual({ ok: false, error: { code: expected } });
    expect(spy).toHaveBeenCalledOnce();
    expect(rows()).toBe(0);
  });

  it('maps a real read-only database to storageReadOnly', async () => {
    services.db.pragma('query_only = ON');
    expect(await save(validRecord())).toEqual({ ok: false, error: { code: 'storageReadOnly' } });
    services.db.pragma('query_only = OFF');
    expect(rows()).toBe(0);
  });

  it('maps a real full database to storageFull, keeping what was stored before', async () => {
    // Cap the file at its current size: the first save that needs a new page fails.
    const pages = services.db.pragma('page_count', { simple: true }) as number;
    services.db.pragma(`max_page_count = ${pages}`);
    let response = await save(validRecord());
    let saved = 0;
    while (response.ok && saved < 1000) {
      saved += 1;
      response = await save(validRecord());
    }
    expect(response).toEqual({ ok: false, error: { code: 'storageFull' } });
    expect(rows()).toBe(saved);
  });

  it('reports an unexpected failure as internal, without details, and logs it locally', async () => {
    const logged: unknown[] = [];
    services.db.close();
    const response = await dispatch(services.handlers, true, 'session:save', validRecord(), { onInternalError: (_c, e) => logged.push(e) });
    expect(response).toEqual({ ok: false, error: { code: 'internal' } });
    expect(logged).toHaveLength(1);
  });

  it('classifies errors without a code as internal', () => {
    expect(classifyError(new Error('boom'))).toBe('internal');
    expect(classifyError('boom')).toBe('internal');
    expect(classifyError(null)).toBe('internal');
  });
});

describe("'kiosk:get-setup'", () => {
  it('returns the default setup', async () => {
    const response = await dispatch(services.handlers, true, 'kiosk:get-setup', undefined);
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    const setup = response.value as {
      siteCode: string;
      enabledLanguages: string[];
      idleDelayS: number;
      warningDelayS: number;
      directory: unknown[];
    };
    expect(setup.enabledLanguages).toEqual(expect.arrayContaining(['fr', 'en']));
    expect(setup.idleDelayS).toBeGreaterThanOrEqual(30);
    expect(setup.warningDelayS).toBeGreaterThanOrEqual(20);
    expect(setup.directory.length).toBeGreaterThan(0);
    expect(directorySchema.safeParse(setup.directory).success).toBe(true);
    expect(setup.siteCode).toBe('');
  });

  it('follows the stored settings', async () => {
    services.settings.update({ siteCode: 'LABO', idleDelayS: 120 });
    const response = await dispatch(services.handlers, true, 'kiosk:get-setup', undefined);
    expect(response).toMatchObject({ ok: true, value: { siteCode: 'LABO', idleDelayS: 120 } });
  });

  it('takes no payload', async () => {
    const response = await dispatch(services.handlers, true, 'kiosk:get-setup', { siteCode: 'X' });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.error.code).toBe('invalidPayload');
  });
});
