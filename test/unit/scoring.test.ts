/**
 * Worked examples for every boundary of the scoring rules, written from docs/frameworks.md (Eurostat
 * DSI 2.0 thresholds, INSEE illectronisme, the mediators' autonomy scale) and the documented
 * tables of docs/scoring.md — not from what the code happens to return.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTONOMY_TASKS, DSI_AREA_QUESTIONS, USED_INTERNET, questionnaire } from '../../shared/questionnaire/definition';
import type { AnswerValue, Answers, ExerciseResult } from '../../shared/questionnaire/schema';
import {
  AUTONOMY_PROFILE_RULES,
  DSI_AREAS,
  DSI_AREA_LEVELS,
  DSI_AREA_RULES,
  DSI_CATEGORIES,
  DSI_OVERALL_RULES,
  ILLECTRONISME_RULES,
  MISMATCHES,
  AUTONOMY_PROFILES,
  OBSERVED_LEVELS,
  isIllectronisme,
  mismatchOf,
  overallCategory,
  scoreSession,
  type AutonomyProfile,
  type DsiArea,
  type DsiAreaLevel,
  type DsiCategory,
  type ObservedLevel,
} from '../../shared/scoring';
import fr from '../../shared/i18n/locales/fr/result.json';
import en from '../../shared/i18n/locales/en/result.json';

// Activity codes per area, copied from the questionnaire's options in docs/frameworks.md order.
const CODES: Record<DsiArea, string[]> = {
  information: ['GOODS_INFO', 'HEALTH_INFO', 'NEWS', 'CHECKED_TRUE'],
  communication: ['EMAIL', 'CALLS', 'MESSAGING', 'SOCIAL_NETWORKS', 'OPINIONS', 'CONSULTATION_VOTE'],
  contentCreation: ['WORD_PROCESSING', 'SPREADSHEET', 'EDIT_MEDIA', 'COPY_FILES', 'COMBINED_DOCUMENT', 'SPREADSHEET_ADVANCED', 'PROGRAMMING'],
  safety: ['READ_PRIVACY_POLICY', 'LIMIT_LOCATION', 'LIMIT_PROFILE', 'REFUSE_ADS_DATA', 'CHECK_SECURE_SITE', 'COOKIE_SETTINGS'],
  problemSolving: ['INSTALL_APPS', 'CHANGE_SETTINGS', 'BUY_ONLINE', 'SELL_ONLINE', 'LEARN_ONLINE', 'BANKING', 'JOB_SEARCH'],
};
const QUESTION: Record<DsiArea, string> = {
  information: 'actInformation',
  communication: 'actCommunication',
  contentCreation: 'actContent',
  safety: 'actSafety',
  problemSolving: 'actProblemSolving',
};

type Counts = Partial<Record<DsiArea, number>>;

/** An internet user who declares `n` activities per area (0 → "none of these"). */
function user(counts: Counts, extra: Record<string, AnswerValue> = {}): Answers {
  const answers: Record<string, AnswerValue> = { internetUse: 'EVERY_DAY' };
  for (const area of DSI_AREAS) {
    const n = counts[area] ?? 0;
    answers[QUESTION[area]] = n === 0 ? ['NONE'] : CODES[area].slice(0, n);
  }
  return { ...answers, ...extra };
}

const dsi = (answers: Answers) => scoreSession(answers, {}).dsi;
const ALL_ONE: Counts = { information: 1, communication: 1, contentCreation: 1, safety: 1, problemSolving: 1 };
const ALL_ABOVE: Counts = { information: 2, communication: 2, contentCreation: 3, safety: 3, problemSolving: 3 };

describe('DSI 2.0 overall category (worked examples)', () => {
  it('1 activity in every area → basic, every area basic', () => {
    const r = dsi(user(ALL_ONE));
    expect(r.category).toBe('basic');
    expect(r.areas).toEqual({ information: 'basic', communication: 'basic', contentCreation: 'basic', safety: 'basic', problemSolving: 'basic' });
  });

  it('same but 2 information activities → still basic (not all areas above basic)', () => {
    const r = dsi(user({ ...ALL_ONE, information: 2 }));
    expect(r.areas?.information).toBe('aboveBasic');
    expect(r.category).toBe('basic');
  });

  it('every area above basic (2, 2, 3, 3, 3) → above basic', () => {
    expect(dsi(user(ALL_ABOVE)).category).toBe('aboveBasic');
  });

  it('four areas above basic and one only basic → basic', () => {
    expect(dsi(user({ ...ALL_ABOVE, problemSolving: 2 })).category).toBe('basic');
    expect(dsi(user({ ...ALL_ABOVE, communication: 1 })).category).toBe('basic');
  });

  it('exactly 4 areas at basic or above → low', () => {
    expect(dsi(user({ ...ALL_ONE, problemSolving: 0 })).category).toBe('low');
    // Above-basic areas do not change k.
    expect(dsi(user({ ...ALL_ABOVE, safety: 0 })).category).toBe('low');
  });

  it('3 areas → narrow', () => {
    expect(dsi(user({ information: 1, communication: 1, contentCreation: 1 })).category).toBe('narrow');
  });

  it('2 areas → limited', () => {
    expect(dsi(user({ information: 2, communication: 6 })).category).toBe('limited');
  });

  it('1 area → no overall digital skills, and INSEE illectronisme', () => {
    const s = scoreSession(user({ communication: 3 }), {});
    expect(s.dsi.category).toBe('noSkills');
    expect(s.illectronisme).toBe(true);
  });

  it('0 areas → no overall digital skills, and illectronisme', () => {
    const s = scoreSession(user({}), {});
    expect(s.dsi.category).toBe('noSkills');
    expect(s.dsi.areas).toEqual({ information: 'none', communication: 'none', contentCreation: 'none', safety: 'none', problemSolving: 'none' });
    expect(s.illectronisme).toBe(true);
  });

  it('2 areas (limited) is "weak capacities", not illectronisme', () => {
    expect(scoreSession(user({ information: 1, communication: 1 }), {}).illectronisme).toBe(false);
  });

  it('no internet use in 3 months → could not be assessed, areas null, illectronisme', () => {
    const s = scoreSession({ internetUse: 'NOT_IN_3_MONTHS', everUsedInternet: 'NEVER' }, {});
    expect(s.dsi).toEqual({ areas: null, category: 'notAssessed' });
    expect(s.illectronisme).toBe(true);
  });

  it('NOT_IN_3_MONTHS wins over stale activity answers', () => {
    expect(dsi({ ...user(ALL_ABOVE), internetUse: 'NOT_IN_3_MONTHS' })).toEqual({ areas: null, category: 'notAssessed' });
  });

  it('internetUse unanswered → could not be assessed', () => {
    const { internetUse: _ignored, ...rest } = user(ALL_ONE) as Record<string, AnswerValue>;
    expect(dsi(rest).category).toBe('notAssessed');
    expect(dsi({}).category).toBe('notAssessed');
  });

  it('internetUse DK or REF → scored on what the person declared', () => {
    expect(dsi(user(ALL_ONE, { internetUse: 'DK' })).category).toBe('basic');
    expect(dsi(user(ALL_ABOVE, { internetUse: 'REF' })).category).toBe('aboveBasic');
    expect(dsi({ internetUse: 'DK' })).toEqual({
      areas: { information: 'none', communication: 'none', contentCreation: 'none', safety: 'none', problemSolving: 'none' },
      category: 'noSkills',
    });
  });

  it('every frequency of use is assessed', () => {
    for (const use of ['EVERY_DAY', 'EVERY_WEEK', 'LESS_OFTEN']) expect(dsi(user(ALL_ONE, { internetUse: use })).category).toBe('basic');
  });
});

describe('DSI 2.0 area thresholds', () => {
  // docs/frameworks.md: information & communication basic = 1, above basic ≥ 2;
  // content creation, safety, problem solving basic = 1–2, above basic ≥ 3.
  const expected: [DsiArea, number, DsiAreaLevel][] = [
    ['information', 0, 'none'],
    ['information', 1, 'basic'],
    ['information', 2, 'aboveBasic'],
    ['information', 4, 'aboveBasic'],
    ['communication', 1, 'basic'],
    ['communication', 2, 'aboveBasic'],
    ['contentCreation', 1, 'basic'],
    ['contentCreation', 2, 'basic'],
    ['contentCreation', 3, 'aboveBasic'],
    ['contentCreation', 7, 'aboveBasic'],
    ['safety', 2, 'basic'],
    ['safety', 3, 'aboveBasic'],
    ['problemSolving', 2, 'basic'],
    ['problemSolving', 3, 'aboveBasic'],
  ];
  it.each(expected)('%s with %i activities → %s', (area, n, level) => {
    expect(dsi(user({ ...ALL_ONE, [area]: n })).areas?.[area]).toBe(level);
  });

  it('content creation: 2 activities = basic, 3 = above basic', () => {
    expect(dsi(user({ contentCreation: 2 })).areas?.contentCreation).toBe('basic');
    expect(dsi(user({ contentCreation: 3 })).areas?.contentCreation).toBe('aboveBasic');
  });

  it.each([
    ['NONE', ['NONE']],
    ['DK', 'DK'],
    ['REF', 'REF'],
  ] as [string, AnswerValue][])('%s counts as no activity', (_label, value) => {
    expect(dsi({ ...user(ALL_ONE), actSafety: value }).areas?.safety).toBe('none');
    expect(dsi({ ...user(ALL_ONE), actSafety: value }).category).toBe('low');
  });

  it('an unanswered activity question counts as no activity', () => {
    const { actContent: _ignored, ...rest } = user(ALL_ONE) as Record<string, AnswerValue>;
    expect(dsi(rest).areas?.contentCreation).toBe('none');
  });

  it('a repeated code counts once; unknown codes count for nothing', () => {
    expect(dsi({ ...user({}), actContent: ['EDIT_MEDIA', 'EDIT_MEDIA', 'EDIT_MEDIA'] }).areas?.contentCreation).toBe('basic');
    expect(dsi({ ...user({}), actContent: ['SOMETHING_ELSE', 'DK'] }).areas?.contentCreation).toBe('none');
  });

  it('documented choices: instant messaging counts in communication, online learning in problem solving', () => {
    expect(dsi({ ...user({}), actCommunication: ['MESSAGING'] }).areas?.communication).toBe('basic');
    expect(dsi({ ...user({}), actProblemSolving: ['LEARN_ONLINE', 'BUY_ONLINE', 'BANKING'] }).areas?.problemSolving).toBe('aboveBasic');
  });
});

describe('DSI rule table', () => {
  function options(questionId: string) {
    const q = questionnaire.questions.find((x) => x.id === questionId);
    if (!q || q.kind !== 'multiple') throw new Error(`${questionId} is not a multiple-choice question`);
    return q;
  }

  it('uses the questionnaire’s activity questions', () => {
    for (const area of DSI_AREAS) {
      expect(DSI_AREA_RULES[area].question).toBe(DSI_AREA_QUESTIONS[area]);
      expect(DSI_AREA_RULES[area].question).toBe(QUESTION[area]);
      expect(options(QUESTION[area]).showIf).toEqual(USED_INTERNET);
    }
  });

  it('every answer code of every activity question is in the table, and vice versa', () => {
    for (const area of DSI_AREAS) {
      const q = options(QUESTION[area]);
      const scored = q.options.filter((o) => !o.exclusive).map((o) => o.code).sort();
      const table = DSI_AREA_RULES[area].activities.map((a) => a.code).sort();
      expect(table, area).toEqual(scored);
      // The only unscored option is the exclusive "none of these".
      expect(q.options.filter((o) => o.exclusive).map((o) => o.code)).toEqual(['NONE']);
    }
  });

  it('thresholds are those of docs/frameworks.md', () => {
    expect(DSI_AREA_RULES.information).toMatchObject({ basicMin: 1, aboveBasicMin: 2 });
    expect(DSI_AREA_RULES.communication).toMatchObject({ basicMin: 1, aboveBasicMin: 2 });
    expect(DSI_AREA_RULES.contentCreation).toMatchObject({ basicMin: 1, aboveBasicMin: 3 });
    expect(DSI_AREA_RULES.safety).toMatchObject({ basicMin: 1, aboveBasicMin: 3 });
    expect(DSI_AREA_RULES.problemSolving).toMatchObject({ basicMin: 1, aboveBasicMin: 3 });
  });

  it('maps answer codes to the survey variables of docs/frameworks.md', () => {
    const variables = Object.fromEntries(DSI_AREAS.flatMap((a) => DSI_AREA_RULES[a].activities.map((x) => [x.code, x.variable])));
    expect(variables).toMatchObject({
      GOODS_INFO: 'I_IUIF',
      HEALTH_INFO: 'I_IHIF',
      NEWS: 'I_IUNW1',
      EMAIL: 'I_IUEM',
      CALLS: 'I_IUPH1',
      SOCIAL_NETWORKS: 'I_IUSNET',
      OPINIONS: 'I_IUPOL2',
      WORD_PROCESSING: 'I_CWRD1',
      SPREADSHEET: 'I_CXLS1',
      EDIT_MEDIA: 'I_CEPVA1',
      COPY_FILES: 'I_CXFER1',
      COMBINED_DOCUMENT: 'I_CPRES2',
      SPREADSHEET_ADVANCED: 'I_CXLSADV1',
      PROGRAMMING: 'I_CPRG2',
      READ_PRIVACY_POLICY: 'I_MAPS_RPS',
      LIMIT_LOCATION: 'I_MAPS_RRGL',
      LIMIT_PROFILE: 'I_MAPS_LAP',
      REFUSE_ADS_DATA: 'I_MAPS_RAAD',
      CHECK_SECURE_SITE: 'I_MAPS_CWSC',
      COOKIE_SETTINGS: 'I_PCOOK1',
      INSTALL_APPS: 'I_CINSAPP1',
      CHANGE_SETTINGS: 'I_CCONF1',
      SELL_ONLINE: 'I_IUSELL',
      BANKING: 'I_IUBK',
      JOB_SEARCH: 'I_IUJOB',
    });
    // Every activity without a variable says why.
    for (const area of DSI_AREAS) {
      for (const a of DSI_AREA_RULES[area].activities) if (a.variable === null) expect(a.note, a.code).toBeTruthy();
    }
  });

  it('flags the two not-fully-confirmed items as documented choices, and only them', () => {
    const choices = DSI_AREAS.flatMap((a) => DSI_AREA_RULES[a].activities.filter((x) => x.choice).map((x) => x.code)).sort();
    expect(choices).toEqual(['LEARN_ONLINE', 'MESSAGING']);
  });

  it('online purchases use a 12-month period, everything else 3 months', () => {
    for (const area of DSI_AREAS) {
      for (const a of DSI_AREA_RULES[area].activities) expect(a.period, a.code).toBe(a.code === 'BUY_ONLINE' ? '12 months' : '3 months');
    }
  });

  it('docs/scoring.md mirrors the table (every code and variable is documented)', () => {
    const doc = readFileSync(new URL('../../docs/scoring.md', import.meta.url), 'utf8');
    for (const area of DSI_AREAS) {
      for (const a of DSI_AREA_RULES[area].activities) {
        expect(doc, a.code).toContain(`| \`${a.code}\``);
        if (a.variable) expect(doc, a.variable).toContain(`| ${a.variable} |`);
      }
    }
  });

  it('overall rules cover k = 0 … 5 exactly as Eurostat labels them', () => {
    const at = (k: number, level: DsiAreaLevel = 'basic'): Record<DsiArea, DsiAreaLevel> =>
      Object.fromEntries(DSI_AREAS.map((a, i) => [a, i < k ? level : 'none'])) as Record<DsiArea, DsiAreaLevel>;
    expect([0, 1, 2, 3, 4, 5].map((k) => overallCategory(at(k)))).toEqual(['noSkills', 'noSkills', 'limited', 'narrow', 'low', 'basic']);
    expect(overallCategory(at(5, 'aboveBasic'))).toBe('aboveBasic');
    expect(overallCategory(at(4, 'aboveBasic'))).toBe('low');
    expect(DSI_OVERALL_RULES.map((r) => r.category)).toEqual(['aboveBasic', 'basic', 'low', 'narrow', 'limited', 'noSkills']);
  });
});

describe('INSEE illectronisme', () => {
  it('is true exactly for "could not be assessed" and "no overall digital skills"', () => {
    const flagged = DSI_CATEGORIES.filter((c) => isIllectronisme(c));
    expect(flagged.sort()).toEqual(['noSkills', 'notAssessed']);
    expect(ILLECTRONISME_RULES.map((r) => r.category).sort()).toEqual([...DSI_CATEGORIES].sort());
  });
});

describe('autonomy profile', () => {
  const tasks = (...levels: string[]): Answers => Object.fromEntries(AUTONOMY_TASKS.map((t, i) => [t, levels[i]]).filter(([, v]) => v !== undefined));
  const profile = (answers: Answers) => scoreSession(answers, {}).autonomy.profile;

  it('has 8 tasks; DK, REF and unanswered give no level', () => {
    const s = scoreSession(tasks('ALONE', 'WITH_HELP', 'CANNOT', 'DK', 'REF'), {});
    expect(Object.keys(s.autonomy.tasks).sort()).toEqual([...AUTONOMY_TASKS].sort());
    expect(s.autonomy.tasks).toEqual({
      taskUnlock: 'ALONE',
      taskWifi: 'WITH_HELP',
      taskBrowser: 'CANNOT',
      taskPassword: null,
      taskEmail: null,
      taskVideoCall: null,
      taskProcedure: null,
      taskAppointment: null,
    });
  });

  it('every task alone → autonomous', () => {
    expect(profile(tasks(...Array(8).fill('ALONE')))).toBe('autonomous');
  });

  it('one task with help among alone → guided', () => {
    expect(profile(tasks('ALONE', 'ALONE', 'ALONE', 'ALONE', 'ALONE', 'ALONE', 'ALONE', 'WITH_HELP'))).toBe('guided');
  });

  it('every task with help → guided', () => {
    expect(profile(tasks(...Array(8).fill('WITH_HELP')))).toBe('guided');
  });

  it('exactly half of the answered tasks CANNOT → done for me', () => {
    expect(profile(tasks('CANNOT', 'CANNOT', 'CANNOT', 'CANNOT', 'ALONE', 'ALONE', 'ALONE', 'ALONE'))).toBe('doneForMe');
    expect(profile(tasks('CANNOT', 'CANNOT', 'ALONE', 'WITH_HELP', 'DK', 'DK', 'REF', 'REF'))).toBe('doneForMe');
  });

  it('just under half CANNOT → guided', () => {
    expect(profile(tasks('CANNOT', 'CANNOT', 'CANNOT', 'ALONE', 'ALONE', 'ALONE', 'ALONE', 'ALONE'))).toBe('guided');
  });

  it('exactly half of the tasks answered is enough; fewer → unknown', () => {
    expect(profile(tasks('ALONE', 'ALONE', 'ALONE', 'ALONE', 'DK', 'DK', 'DK', 'DK'))).toBe('autonomous');
    expect(profile(tasks('ALONE', 'ALONE', 'ALONE', 'DK', 'DK', 'REF', 'REF', 'DK'))).toBe('unknown');
    expect(profile(tasks('CANNOT', 'CANNOT', 'CANNOT'))).toBe('unknown');
    expect(profile({})).toBe('unknown');
  });

  it('the table is ordered unknown → doneForMe → autonomous → guided', () => {
    expect(AUTONOMY_PROFILE_RULES.map((r) => r.profile)).toEqual(['unknown', 'doneForMe', 'autonomous', 'guided']);
  });
});

describe('observed level', () => {
  const ex = (...outcomes: ExerciseResult['outcome'][]): Record<string, ExerciseResult> =>
    Object.fromEntries(outcomes.map((outcome, i) => [`ex${i}`, { outcome, durationS: 10 }]));
  const observed = (e: Record<string, ExerciseResult>) => scoreSession({}, e).observed;

  it('no exercise → not observed', () => {
    expect(observed({})).toEqual({ attempted: 0, succeeded: 0, level: 'notObserved' });
  });

  it('all skipped → not observed', () => {
    expect(observed(ex('SKIPPED', 'SKIPPED'))).toEqual({ attempted: 0, succeeded: 0, level: 'notObserved' });
  });

  it('all attempted succeeded → high (skips do not count)', () => {
    expect(observed(ex('SUCCESS'))).toEqual({ attempted: 1, succeeded: 1, level: 'high' });
    expect(observed(ex('SUCCESS', 'SKIPPED', 'SUCCESS'))).toEqual({ attempted: 2, succeeded: 2, level: 'high' });
  });

  it('exactly half succeeded → partial', () => {
    expect(observed(ex('SUCCESS', 'FAILURE'))).toEqual({ attempted: 2, succeeded: 1, level: 'partial' });
    expect(observed(ex('SUCCESS', 'SUCCESS', 'FAILURE', 'FAILURE', 'SKIPPED'))).toEqual({ attempted: 4, succeeded: 2, level: 'partial' });
  });

  it('all but one succeeded → partial', () => {
    expect(observed(ex('SUCCESS', 'SUCCESS', 'SUCCESS', 'SUCCESS', 'FAILURE')).level).toBe('partial');
  });

  it('fewer than half succeeded → low', () => {
    expect(observed(ex('FAILURE'))).toEqual({ attempted: 1, succeeded: 0, level: 'low' });
    expect(observed(ex('SUCCESS', 'FAILURE', 'FAILURE'))).toEqual({ attempted: 3, succeeded: 1, level: 'low' });
  });
});

describe('declared / observed mismatch', () => {
  const cases: [AutonomyProfile, DsiCategory, ObservedLevel, string][] = [
    ['autonomous', 'aboveBasic', 'notObserved', 'unknown'],
    ['doneForMe', 'notAssessed', 'notObserved', 'unknown'],
    ['unknown', 'aboveBasic', 'low', 'unknown'],
    ['unknown', 'noSkills', 'high', 'unknown'],
    ['autonomous', 'limited', 'low', 'declaredHigher'],
    ['guided', 'basic', 'low', 'declaredHigher'],
    ['doneForMe', 'aboveBasic', 'low', 'declaredHigher'],
    ['guided', 'low', 'low', 'consistent'],
    ['doneForMe', 'noSkills', 'low', 'consistent'],
    ['autonomous', 'basic', 'partial', 'consistent'],
    ['doneForMe', 'noSkills', 'partial', 'consistent'],
    ['doneForMe', 'basic', 'high', 'declaredLower'],
    ['guided', 'notAssessed', 'high', 'declaredLower'],
    ['guided', 'noSkills', 'high', 'declaredLower'],
    ['guided', 'limited', 'high', 'consistent'],
    ['autonomous', 'aboveBasic', 'high', 'consistent'],
  ];
  it.each(cases)('profile %s, DSI %s, observed %s → %s', (profile, dsiCategory, observed, expected) => {
    expect(mismatchOf({ profile, dsiCategory }, observed)).toBe(expected);
  });

  it('scoreSession wires it: autonomous person failing the exercises → declared higher', () => {
    const answers: Answers = { ...Object.fromEntries(AUTONOMY_TASKS.map((t) => [t, 'ALONE'])), internetUse: 'EVERY_DAY' };
    const exercises: Record<string, ExerciseResult> = {
      exTap: { outcome: 'FAILURE', durationS: 20 },
      exScroll: { outcome: 'FAILURE', durationS: 20 },
      exType: { outcome: 'SUCCESS', durationS: 20 },
    };
    const s = scoreSession(answers, exercises);
    expect(s.autonomy.profile).toBe('autonomous');
    expect(s.observed.level).toBe('low');
    expect(s.mismatch).toBe('declaredHigher');
  });
});

describe('scoreSession', () => {
  it('combines every measure for a realistic visit', () => {
    const answers: Answers = {
      ageBand: 'A60_74',
      internetUse: 'EVERY_WEEK',
      actInformation: ['HEALTH_INFO', 'NEWS'],
      actCommunication: ['MESSAGING', 'CALLS'],
      actContent: ['NONE'],
      actSafety: 'DK',
      actProblemSolving: ['BANKING'],
      taskUnlock: 'ALONE',
      taskWifi: 'WITH_HELP',
      taskBrowser: 'ALONE',
      taskPassword: 'WITH_HELP',
      taskEmail: 'CANNOT',
      taskVideoCall: 'ALONE',
      taskProcedure: 'CANNOT',
      taskAppointment: 'DK',
      exercisesIntro: 'YES',
    };
    const exercises: Record<string, ExerciseResult> = {
      exTap: { outcome: 'SUCCESS', durationS: 3 },
      exScroll: { outcome: 'SUCCESS', durationS: 5 },
      exType: { outcome: 'SKIPPED', durationS: 0 },
    };
    expect(scoreSession(answers, exercises)).toEqual({
      dsi: {
        areas: { information: 'aboveBasic', communication: 'aboveBasic', contentCreation: 'none', safety: 'none', problemSolving: 'basic' },
        category: 'narrow',
      },
      illectronisme: false,
      autonomy: {
        tasks: {
          taskUnlock: 'ALONE',
          taskWifi: 'WITH_HELP',
          taskBrowser: 'ALONE',
          taskPassword: 'WITH_HELP',
          taskEmail: 'CANNOT',
          taskVideoCall: 'ALONE',
          taskProcedure: 'CANNOT',
          taskAppointment: null,
        },
        profile: 'guided',
      },
      observed: { attempted: 2, succeeded: 2, level: 'high' },
      mismatch: 'consistent',
    });
  });

  it('is deterministic and does not change its inputs', () => {
    const answers = Object.freeze(user(ALL_ABOVE));
    const exercises = Object.freeze({ exTap: Object.freeze({ outcome: 'SUCCESS' as const, durationS: 1 }) });
    expect(scoreSession(answers, exercises)).toEqual(scoreSession(answers, exercises));
  });
});

describe('result texts', () => {
  type Tree = { [k: string]: string | Tree };
  const flatten = (t: Tree, prefix = ''): Record<string, string> =>
    Object.fromEntries(
      Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(flatten(v, `${prefix}${k}.`)))),
    );
  const frFlat = flatten(fr as Tree);
  const enFlat = flatten(en as Tree);

  it('French and English have the same keys, none empty', () => {
    expect(Object.keys(enFlat).sort()).toEqual(Object.keys(frFlat).sort());
    for (const [k, v] of [...Object.entries(frFlat), ...Object.entries(enFlat)]) expect(v.trim(), k).not.toBe('');
  });

  it('has a word for every category the scores can hold', () => {
    const expected = [
      ...DSI_CATEGORIES.map((c) => `result.summary.${c}`),
      ...DSI_AREAS.map((a) => `result.area.${a}`),
      ...DSI_AREA_LEVELS.map((l) => `result.areaLevel.${l}`),
      ...AUTONOMY_PROFILES.map((p) => `result.profile.${p}`),
      ...OBSERVED_LEVELS.map((l) => `result.observed.${l}`),
      ...MISMATCHES.map((m) => `result.mismatch.${m}`),
    ];
    for (const key of expected) {
      expect(frFlat[key], key).toBeTruthy();
      expect(enFlat[key], key).toBeTruthy();
    }
  });

  const sentences = (text: string) =>
    text
      .split(/[.!?](?:\s|$)/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0);

  it('summaries are encouraging FALC: short sentences, no grade, no percentage, no failure words', () => {
    for (const c of DSI_CATEGORIES) {
      for (const [lang, text] of [['fr', frFlat[`result.summary.${c}`]], ['en', enFlat[`result.summary.${c}`]]] as const) {
        expect(text, `${lang} ${c}`).toBeDefined();
        for (const s of sentences(text ?? '')) expect(s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length, `${lang} ${c}: ${s}`).toBeLessThanOrEqual(15);
        expect(text, `${lang} ${c}`).not.toMatch(/[0-9%/]/);
        expect(text, `${lang} ${c}`).not.toMatch(/échou|raté|rate\b|nul\b|\bnote\b|score|niveau|fail|grade|poor|bad\b/i);
      }
      // French summaries avoid negation (FALC).
      expect(frFlat[`result.summary.${c}`], c).not.toMatch(/\bne\b|\bn'|\bjamais\b|\baucun|\brien\b|\bsans\b/i);
      expect(frFlat[`result.summary.${c}`], c).toMatch(/\bvous\b/i);
    }
  });
});
