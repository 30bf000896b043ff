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
  type DsiKnownLevel,
  type DsiCategory,
  type ObservedLevel,
} from '../../shared/scoring';
import fr from '../../shared/i18n/locales/fr/result.json';
import en from '../../shared/i18n/locales/en/result.json';

// Activity codes per area, copied from the questionnaire's items in docs/frameworks.md order.
const CODES: Record<DsiArea, string[]> = {
  information: ['GOODS_INFO', 'HEALTH_INFO', 'NEWS', 'CHECKED_TRUE'],
  communication: ['EMAIL', 'CALLS', 'MESSAGING', 'SOCIAL_NETWORKS', 'OPINIONS', 'CONSULTATION_VOTE'],
  contentCreation: ['WORD_PROCESSING', 'SPREADSHEET', 'EDIT_MEDIA', 'COPY_FILES', 'COMBINED_DOCUMENT', 'SPREADSHEET_ADVANCED', 'PROGRAMMING'],
  safety: ['READ_PRIVACY_POLICY', 'LIMIT_LOCATION', 'LIMIT_PROFILE', 'REFUSE_ADS_DATA', 'CHECK_SECURE_SITE', 'COOKIE_SETTINGS'],
  problemSolving: ['INSTALL_APPS', 'CHANGE_SETTINGS', 'BUY_ONLINE', 'SELL_ONLINE', 'LEARN_ONLINE', 'BANKING', 'JOB_SEARCH'],
};
/** The screen that asks each item (online purchases: their own 12-month screen). */
const SCREEN_OF: Record<string, string> = Object.fromEntries(
  (Object.entries(CODES) as [DsiArea, string[]][]).flatMap(([area, codes]) =>
    codes.map((c) => [c, c === 'BUY_ONLINE' ? 'actPurchase' : { information: 'actInformation', communication: 'actCommunication', contentCreation: 'actContent', safety: 'actSafety', problemSolving: 'actProblemSolving' }[area]]),
  ),
);
const SCREENS = [...new Set(Object.values(SCREEN_OF))];

/** Per area: n items answered "Oui"; optionally `dk` further items answered "Je ne sais pas". */
type Area = number | { yes: number; dk: number };
type Counts = Partial<Record<DsiArea, Area>>;

/** An internet user whose rows say "Oui" to the first n items of each area and "Non" to the rest. */
function user(counts: Counts, extra: Record<string, AnswerValue> = {}): Answers {
  const rows: Record<string, Record<string, string>> = Object.fromEntries(SCREENS.map((s) => [s, {}]));
  for (const area of DSI_AREAS) {
    const c = counts[area] ?? 0;
    const { yes, dk } = typeof c === 'number' ? { yes: c, dk: 0 } : c;
    CODES[area].forEach((code, i) => {
      (rows[SCREEN_OF[code] as string] as Record<string, string>)[code] = i < yes ? 'YES' : i < yes + dk ? 'DK' : 'NO';
    });
  }
  return { internetUse: 'EVERY_DAY', ...rows, ...extra };
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
    expect(s.illectronisme).toBe('YES');
  });

  it('0 areas (every row "Non") → no overall digital skills, and illectronisme', () => {
    const s = scoreSession(user({}), {});
    expect(s.dsi.category).toBe('noSkills');
    expect(s.dsi.areas).toEqual({ information: 'none', communication: 'none', contentCreation: 'none', safety: 'none', problemSolving: 'none' });
    expect(s.illectronisme).toBe('YES');
  });

  it('2 areas (limited) is "weak capacities", not illectronisme', () => {
    expect(scoreSession(user({ information: 1, communication: 1 }), {}).illectronisme).toBe('NO');
  });

  it('no internet use in 3 months → could not be assessed, areas null, illectronisme', () => {
    const s = scoreSession({ smartphone: 'NO', internetUse: 'NOT_IN_3_MONTHS', everUsedInternet: 'NEVER' }, {});
    expect(s.dsi).toEqual({ areas: null, category: 'notAssessed' });
    expect(s.illectronisme).toBe('YES');
  });

  it('NOT_IN_3_MONTHS wins over stale activity answers', () => {
    expect(dsi({ ...user(ALL_ABOVE), internetUse: 'NOT_IN_3_MONTHS' })).toEqual({ areas: null, category: 'notAssessed' });
  });

  it('every frequency of use is assessed', () => {
    for (const use of ['EVERY_DAY', 'EVERY_WEEK', 'LESS_OFTEN']) expect(dsi(user(ALL_ONE, { internetUse: use })).category).toBe('basic');
  });
});

describe('the internet-use gate (DSI_GATE)', () => {
  const saidNo = { smartphone: 'YES', internetUse: 'NOT_IN_3_MONTHS' };

  it('a smartphone owner who confirms "Non" is not assessed; one who finds use is scored on the activities', () => {
    expect(dsi({ ...saidNo, internetUseCheck: 'NOT_USED' })).toEqual({ areas: null, category: 'notAssessed' });
    expect(dsi({ ...saidNo, internetUseCheck: 'DK' }).category).toBe('notAssessed');
    expect(dsi({ ...user(ALL_ONE), ...saidNo, internetUseCheck: 'USED' }).category).toBe('basic');
  });

  it('a visit left on the confirmation screen, or before the gate, has no category and illectronisme unknown', () => {
    const open = scoreSession(saidNo, {});
    expect(open.dsi.category).toBe('notDetermined');
    expect(open.illectronisme).toBe('unknown');
    expect(scoreSession({}, {}).dsi.category).toBe('notDetermined');
    expect(scoreSession({ ageBand: 'A60_74' }, {}).illectronisme).toBe('unknown');
  });

  it('"Non" without a smartphone is not asked again: not assessed', () => {
    expect(dsi({ smartphone: 'NO', internetUse: 'NOT_IN_3_MONTHS' }).category).toBe('notAssessed');
  });

  it('DK or REF at the gate: a declared 3-month activity proves use; otherwise use is not known', () => {
    expect(dsi(user(ALL_ONE, { internetUse: 'DK' })).category).toBe('basic');
    expect(dsi(user(ALL_ABOVE, { internetUse: 'REF' })).category).toBe('aboveBasic');
    // Every row "Non": a non-user or a user without skills; illectronisme either way.
    const none = scoreSession(user({}, { internetUse: 'DK' }), {});
    expect(none.dsi.category).toBe('notDetermined');
    expect(none.illectronisme).toBe('YES');
    // Only the 12-month purchase: no proof of use in the last 3 months.
    const purchase = scoreSession(user({}, { internetUse: 'DK', actPurchase: { BUY_ONLINE: 'YES' } }), {});
    expect(purchase.dsi.category).toBe('notDetermined');
  });
});

describe('item non-response (worked boundary cases)', () => {
  it('"Je ne sais pas" on a row that could not change the level leaves the level settled', () => {
    // Information: 2 "Oui" is above basic whatever the two others are.
    expect(dsi(user({ ...ALL_ONE, information: { yes: 2, dk: 2 } })).areas?.information).toBe('aboveBasic');
    // Content creation: 1 "Oui" + 1 DK is basic either way (1 or 2 activities).
    expect(dsi(user({ ...ALL_ONE, contentCreation: { yes: 1, dk: 1 } })).areas?.contentCreation).toBe('basic');
  });

  it('an area whose level depends on the unanswered rows is notDetermined, never "none"', () => {
    // Information: 0 "Oui" + 1 DK → none or basic.
    expect(dsi(user({ ...ALL_ONE, information: { yes: 0, dk: 1 } })).areas?.information).toBe('notDetermined');
    // Content creation: 2 "Oui" + 1 DK → basic (2) or above basic (3).
    expect(dsi(user({ ...ALL_ONE, contentCreation: { yes: 2, dk: 1 } })).areas?.contentCreation).toBe('notDetermined');
    // Communication: 1 "Oui" + 1 DK → basic (1) or above basic (2).
    expect(dsi(user({ ...ALL_ONE, communication: { yes: 1, dk: 1 } })).areas?.communication).toBe('notDetermined');
  });

  it('the overall category is settled when both extremes agree, notDetermined when they do not', () => {
    // All basic; the open communication level (basic or above basic) cannot make "above basic"
    // while the other areas are only basic: basic at both extremes.
    expect(dsi(user({ ...ALL_ONE, communication: { yes: 1, dk: 1 } })).category).toBe('basic');
    // Everything above basic except one open area that could be basic: basic or above basic.
    expect(dsi(user({ ...ALL_ABOVE, safety: { yes: 2, dk: 1 } })).category).toBe('notDetermined');
    // Four areas basic, the fifth none or basic: low or basic.
    expect(dsi(user({ ...ALL_ONE, safety: { yes: 0, dk: 2 } })).category).toBe('notDetermined');
  });

  it('illectronisme is settled when both extremes agree even if the category is not', () => {
    // Two areas basic, a third open (none or basic): limited or narrow, both "not illectronisme".
    const s = scoreSession(user({ information: 1, communication: 1, safety: { yes: 0, dk: 1 } }), {});
    expect(s.dsi.category).toBe('notDetermined');
    expect(s.illectronisme).toBe('NO');
    // No area settled at basic, two open: noSkills at the low extreme, limited at the high one.
    const open = scoreSession(user({ information: { yes: 0, dk: 1 }, communication: { yes: 0, dk: 1 } }), {});
    expect(open.illectronisme).toBe('unknown');
    // One area basic, three settled at none, one open: no skills at both extremes (k ≤ 1 or 2)…
    const k1 = scoreSession(user({ information: 1, safety: { yes: 0, dk: 1 } }), {});
    expect(k1.dsi.category).toBe('notDetermined');
    expect(k1.illectronisme).toBe('unknown');
    // …while with every other area "Non", one open area keeps k ≤ 1: settled noSkills.
    const k0 = scoreSession(user({ safety: { yes: 0, dk: 3 } }), {});
    expect(k0.dsi.category).toBe('noSkills');
    expect(k0.illectronisme).toBe('YES');
  });

  it('"Je préfère ne pas répondre" for a screen and a screen never reached count as unknown rows, not as "Non"', () => {
    expect(dsi({ ...user(ALL_ONE), actSafety: 'REF' }).areas?.safety).toBe('notDetermined');
    expect(dsi({ ...user(ALL_ONE), actSafety: 'REF' }).category).toBe('notDetermined');
    const { actContent: _ignored, ...rest } = user(ALL_ABOVE) as Record<string, AnswerValue>;
    expect(dsi(rest).areas?.contentCreation).toBe('notDetermined');
    // A row left unanswered on the screen a visit stopped on.
    const partial = user(ALL_ONE);
    expect(dsi({ ...partial, actProblemSolving: { INSTALL_APPS: 'NO' }, actPurchase: undefined as unknown as AnswerValue }).areas?.problemSolving).toBe('notDetermined');
  });

  it('a visit left after the activities has a settled category (a partial visit that counts)', () => {
    const atAutonomy = { ageBand: 'A60_74', ...user(ALL_ONE) };
    expect(scoreSession(atAutonomy, {}).dsi.category).toBe('basic');
  });

  it('documented choices: instant messaging counts in communication, online learning and purchases in problem solving', () => {
    expect(dsi(user({}, { actCommunication: { EMAIL: 'NO', CALLS: 'NO', MESSAGING: 'YES', SOCIAL_NETWORKS: 'NO', OPINIONS: 'NO', CONSULTATION_VOTE: 'NO' } })).areas?.communication).toBe('basic');
    const ps = { INSTALL_APPS: 'NO', CHANGE_SETTINGS: 'NO', SELL_ONLINE: 'NO', LEARN_ONLINE: 'YES', BANKING: 'YES', JOB_SEARCH: 'NO' };
    expect(dsi(user({}, { actProblemSolving: ps, actPurchase: { BUY_ONLINE: 'YES' } })).areas?.problemSolving).toBe('aboveBasic');
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

  it('a code outside the items counts for nothing', () => {
    expect(dsi(user({}, { actContent: { SOMETHING_ELSE: 'YES', WORD_PROCESSING: 'NO' } })).areas?.contentCreation).toBe('notDetermined');
  });
});

describe('DSI rule table', () => {
  function itemsOf(questionId: string) {
    const q = questionnaire.questions.find((x) => x.id === questionId);
    if (!q || q.kind !== 'items') throw new Error(`${questionId} is not an item-by-item question`);
    return q;
  }

  it('uses the questionnaire’s item-by-item activity screens, behind the internet-use gate', () => {
    for (const area of DSI_AREAS) {
      const screens = [...new Set(DSI_AREA_RULES[area].activities.map((a) => a.question))].sort();
      expect(screens, area).toEqual([...DSI_AREA_QUESTIONS[area]].sort());
      for (const id of screens) expect(itemsOf(id).showIf).toEqual(USED_INTERNET);
    }
  });

  it('every item of every activity screen is in the table, and vice versa', () => {
    const scored = DSI_AREAS.flatMap((a) => DSI_AREA_RULES[a].activities.map((x) => `${x.question}.${x.code}`)).sort();
    const asked = Object.values(DSI_AREA_QUESTIONS)
      .flat()
      .flatMap((id) => itemsOf(id).items.map((i) => `${id}.${i.code}`))
      .sort();
    expect(scored).toEqual(asked);
    // Each row is answered Oui / Non (plus the built-in "Je ne sais pas").
    for (const id of Object.values(DSI_AREA_QUESTIONS).flat()) expect(itemsOf(id).scale.map((o) => o.code)).toEqual(['YES', 'NO']);
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

  it('online purchases use a 12-month period, everything else 3 months, and no screen mixes the two', () => {
    for (const area of DSI_AREAS) {
      for (const a of DSI_AREA_RULES[area].activities) expect(a.period, a.code).toBe(a.code === 'BUY_ONLINE' ? '12 months' : '3 months');
    }
    const periods = new Map<string, Set<string>>();
    for (const a of DSI_AREAS.flatMap((area) => DSI_AREA_RULES[area].activities)) periods.set(a.question, (periods.get(a.question) ?? new Set()).add(a.period));
    for (const [screen, set] of periods) expect(set.size, screen).toBe(1);
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
    const at = (k: number, level: DsiKnownLevel = 'basic'): Record<DsiArea, DsiKnownLevel> =>
      Object.fromEntries(DSI_AREAS.map((a, i) => [a, i < k ? level : 'none'])) as Record<DsiArea, DsiKnownLevel>;
    expect([0, 1, 2, 3, 4, 5].map((k) => overallCategory(at(k)))).toEqual(['noSkills', 'noSkills', 'limited', 'narrow', 'low', 'basic']);
    expect(overallCategory(at(5, 'aboveBasic'))).toBe('aboveBasic');
    expect(overallCategory(at(4, 'aboveBasic'))).toBe('low');
    expect(DSI_OVERALL_RULES.map((r) => r.category)).toEqual(['aboveBasic', 'basic', 'low', 'narrow', 'limited', 'noSkills']);
  });
});

describe('INSEE illectronisme', () => {
  it('is true exactly for "could not be assessed" and "no overall digital skills", unknown for an open category', () => {
    const flagged = DSI_CATEGORIES.filter((c) => isIllectronisme(c) === true);
    expect(flagged.sort()).toEqual(['noSkills', 'notAssessed']);
    expect(isIllectronisme('notDetermined')).toBeNull();
    expect(ILLECTRONISME_RULES.map((r) => r.category).sort()).toEqual(DSI_CATEGORIES.filter((c) => c !== 'notDetermined').sort());
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
      actInformation: { GOODS_INFO: 'NO', HEALTH_INFO: 'YES', NEWS: 'YES', CHECKED_TRUE: 'DK' },
      actCommunication: { EMAIL: 'NO', CALLS: 'YES', MESSAGING: 'YES', SOCIAL_NETWORKS: 'NO', OPINIONS: 'NO', CONSULTATION_VOTE: 'NO' },
      actContent: { WORD_PROCESSING: 'NO', SPREADSHEET: 'NO', EDIT_MEDIA: 'NO', COPY_FILES: 'NO', COMBINED_DOCUMENT: 'NO', SPREADSHEET_ADVANCED: 'NO', PROGRAMMING: 'NO' },
      actSafety: { READ_PRIVACY_POLICY: 'NO', LIMIT_LOCATION: 'NO', LIMIT_PROFILE: 'NO', REFUSE_ADS_DATA: 'NO', CHECK_SECURE_SITE: 'NO', COOKIE_SETTINGS: 'NO' },
      actProblemSolving: { INSTALL_APPS: 'NO', CHANGE_SETTINGS: 'NO', SELL_ONLINE: 'NO', LEARN_ONLINE: 'NO', BANKING: 'YES', JOB_SEARCH: 'DK' },
      actPurchase: { BUY_ONLINE: 'NO' },
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
      illectronisme: 'NO',
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
