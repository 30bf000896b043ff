/**
 * Eurostat Digital Skills Indicator 2.0 (dataset isoc_sk_dskl_i21), computed from the
 * item-by-item activity questions of the questionnaire. The rules are data: `DSI_AREA_RULES`
 * says which item of which question counts as which survey activity and how many activities
 * make "basic" and "above basic" in each area; `DSI_OVERALL_RULES` turns the five area levels
 * into the overall category; `DSI_GATE` says who is assessed. docs/scoring.md mirrors them.
 *
 * Sources: docs/frameworks.md; Eurostat metadata isoc_sk_dskl_i21_esmsip2 (five DigComp areas,
 * activities of the last 3 months, online purchases over 12 months); CBS (Netherlands) method
 * note "Digitale vaardigheden" (basic = at least one activity in information and communication
 * and one or two in the other areas; above basic = two or more, resp. three or more);
 * Statistiek Vlaanderen "Metadata: Digitale vaardigheden bij burgers" (item lists per area;
 * people without internet use in the last 3 months are kept apart).
 *
 * Item non-response is kept, never read as "no". Eurostat counts the activities declared as
 * done; an item answered "je ne sais pas", covered by "je préfère ne pas répondre", or never
 * reached (a visit left midway) is not known. If counting every such item as done would give
 * the area another level than counting none of them, the area's level is `notDetermined`; the
 * overall category is computed at both extremes and is `notDetermined` when they differ, and
 * illectronisme is `unknown` when one extreme is in illectronisme and the other is not
 * (docs/scoring.md §1.5 gives the reasoning and worked cases).
 */
import { CONFIRMS_NO_INTERNET_ASKED, DSI_AREA_QUESTIONS } from '../questionnaire/definition';
import { evaluateCondition, isItemAnswers } from '../questionnaire/engine';
import { MISSING_CODES } from '../questionnaire/codes';
import type { AnswerValue, Answers } from '../questionnaire/schema';
import {
  DSI_AREAS,
  type DsiArea,
  type DsiAreaLevel,
  type DsiKnownCategory,
  type DsiKnownLevel,
  type Scores,
} from './types';

export interface DsiActivityRule {
  /** The item-by-item question that asks it. */
  readonly question: string;
  /** Item code in that question (stored and exported). */
  readonly code: string;
  /**
   * Eurostat ICT household survey variable, as docs/frameworks.md gives it; null when the sources
   * at hand name the activity but not its variable (see `note`).
   */
  readonly variable: string | null;
  /** The survey activity, in English. */
  readonly activity: string;
  /** Reference period of the survey item. */
  readonly period: '3 months' | '12 months';
  /**
   * Set when counting this item in this area is a documented choice rather than a confirmed
   * part of DSI 2.0 (docs/frameworks.md "not fully confirmed").
   */
  readonly choice?: string;
  readonly note?: string;
}

export interface DsiAreaRule {
  /** Activities needed for "basic" (inclusive). */
  readonly basicMin: number;
  /** Activities needed for "above basic" (inclusive); basic is basicMin … aboveBasicMin − 1. */
  readonly aboveBasicMin: number;
  readonly activities: readonly DsiActivityRule[];
}

const NO_VARIABLE = 'Survey variable not given by the sources used (docs/frameworks.md); to confirm against the Eurostat ICT 2021 model questionnaire.';

/** Per-area activities and thresholds of DSI 2.0. */
export const DSI_AREA_RULES: Readonly<Record<DsiArea, DsiAreaRule>> = {
  information: {
    basicMin: 1,
    aboveBasicMin: 2,
    activities: [
      { question: 'actInformation', code: 'GOODS_INFO', variable: 'I_IUIF', activity: 'Finding information about goods or services', period: '3 months' },
      { question: 'actInformation', code: 'HEALTH_INFO', variable: 'I_IHIF', activity: 'Seeking health-related information', period: '3 months' },
      { question: 'actInformation', code: 'NEWS', variable: 'I_IUNW1', activity: 'Reading online news sites, newspapers or news magazines', period: '3 months' },
      { question: 'actInformation', code: 'CHECKED_TRUE', variable: null, activity: 'Checking the truthfulness of information or content found online', period: '3 months', note: NO_VARIABLE },
    ],
  },
  communication: {
    basicMin: 1,
    aboveBasicMin: 2,
    activities: [
      { question: 'actCommunication', code: 'EMAIL', variable: 'I_IUEM', activity: 'Sending or receiving e-mails', period: '3 months' },
      { question: 'actCommunication', code: 'CALLS', variable: 'I_IUPH1', activity: 'Telephoning or video calls over the internet', period: '3 months' },
      {
        question: 'actCommunication',
        code: 'MESSAGING',
        variable: null,
        activity: 'Instant messaging (e.g. WhatsApp, Messenger, Signal)',
        period: '3 months',
        choice: 'Counted in communication & collaboration. docs/frameworks.md lists it but flags it as not fully confirmed; removing it from this list is the only change needed if Eurostat excludes it.',
        note: NO_VARIABLE,
      },
      { question: 'actCommunication', code: 'SOCIAL_NETWORKS', variable: 'I_IUSNET', activity: 'Participating in social networks (creating a user profile, posting messages or other contributions)', period: '3 months' },
      { question: 'actCommunication', code: 'OPINIONS', variable: 'I_IUPOL2', activity: 'Posting opinions on civic or political issues online', period: '3 months' },
      { question: 'actCommunication', code: 'CONSULTATION_VOTE', variable: null, activity: 'Taking part in online consultations or voting on civic or political issues', period: '3 months', note: NO_VARIABLE },
    ],
  },
  contentCreation: {
    basicMin: 1,
    aboveBasicMin: 3,
    activities: [
      { question: 'actContent', code: 'WORD_PROCESSING', variable: 'I_CWRD1', activity: 'Using word processing software', period: '3 months' },
      { question: 'actContent', code: 'SPREADSHEET', variable: 'I_CXLS1', activity: 'Using spreadsheet software', period: '3 months' },
      { question: 'actContent', code: 'EDIT_MEDIA', variable: 'I_CEPVA1', activity: 'Editing photos, video or audio files', period: '3 months' },
      { question: 'actContent', code: 'COPY_FILES', variable: 'I_CXFER1', activity: 'Copying or moving files between folders, devices or the cloud', period: '3 months' },
      { question: 'actContent', code: 'COMBINED_DOCUMENT', variable: 'I_CPRES2', activity: 'Creating files that combine text, pictures, tables, charts, animations or sound', period: '3 months' },
      { question: 'actContent', code: 'SPREADSHEET_ADVANCED', variable: 'I_CXLSADV1', activity: 'Using advanced spreadsheet functions to organise, analyse or structure data', period: '3 months' },
      { question: 'actContent', code: 'PROGRAMMING', variable: 'I_CPRG2', activity: 'Writing code in a programming language', period: '3 months' },
    ],
  },
  safety: {
    basicMin: 1,
    aboveBasicMin: 3,
    activities: [
      { question: 'actSafety', code: 'READ_PRIVACY_POLICY', variable: 'I_MAPS_RPS', activity: 'Reading privacy policy statements before providing personal data', period: '3 months' },
      { question: 'actSafety', code: 'LIMIT_LOCATION', variable: 'I_MAPS_RRGL', activity: 'Restricting or refusing access to geographical location', period: '3 months' },
      { question: 'actSafety', code: 'LIMIT_PROFILE', variable: 'I_MAPS_LAP', activity: 'Limiting access to a profile or content on social networking sites or shared online storage', period: '3 months' },
      { question: 'actSafety', code: 'REFUSE_ADS_DATA', variable: 'I_MAPS_RAAD', activity: 'Refusing allowing the use of personal data for advertising purposes', period: '3 months' },
      { question: 'actSafety', code: 'CHECK_SECURE_SITE', variable: 'I_MAPS_CWSC', activity: 'Checking that the website where personal data was provided was secure', period: '3 months' },
      { question: 'actSafety', code: 'COOKIE_SETTINGS', variable: 'I_PCOOK1', activity: 'Changing the settings in the internet browser to prevent or limit cookies', period: '3 months' },
    ],
  },
  problemSolving: {
    basicMin: 1,
    aboveBasicMin: 3,
    activities: [
      { question: 'actProblemSolving', code: 'INSTALL_APPS', variable: 'I_CINSAPP1', activity: 'Downloading or installing software or apps', period: '3 months' },
      { question: 'actProblemSolving', code: 'CHANGE_SETTINGS', variable: 'I_CCONF1', activity: 'Changing the settings of software, an app or a device', period: '3 months' },
      { question: 'actPurchase', code: 'BUY_ONLINE', variable: null, activity: 'Buying goods or services online', period: '12 months', note: NO_VARIABLE },
      { question: 'actProblemSolving', code: 'SELL_ONLINE', variable: 'I_IUSELL', activity: 'Selling goods or services online', period: '3 months' },
      {
        question: 'actProblemSolving',
        code: 'LEARN_ONLINE',
        variable: null,
        activity: 'Using online learning material or doing an online course',
        period: '3 months',
        choice: 'Counted in problem solving as one activity (online course or online learning material, whichever was done). docs/frameworks.md flags which online-learning item DSI 2.0 counts as not fully confirmed.',
        note: `${NO_VARIABLE} Candidate variables seen in public Eurostat extracts: I_IUOLC (online course), I_IUOLM (online learning material).`,
      },
      { question: 'actProblemSolving', code: 'BANKING', variable: 'I_IUBK', activity: 'Internet banking', period: '3 months' },
      { question: 'actProblemSolving', code: 'JOB_SEARCH', variable: 'I_IUJOB', activity: 'Looking for a job or sending a job application', period: '3 months' },
    ],
  },
};

/**
 * Who is assessed. Eurostat gives no area level to people who did not use the internet in the
 * last 3 months ("could not be assessed", kept in the denominator).
 * - `nonUseCodes` at the gate: not assessed, unless the confirmation shown to smartphone owners
 *   (`confirmation.question`) found use (`confirmation.useCode`): then assessed.
 * - "Je ne sais pas" / "je préfère ne pas répondre" at the gate keep the activity questions
 *   open (the engine's conditions); an activity of the last 3 months declared done proves use,
 *   otherwise use is not known.
 * - an unanswered gate (a visit left before it) or an unanswered confirmation: not known.
 * A person whose use is not known has no determined category.
 */
export const DSI_GATE = {
  question: 'internetUse',
  nonUseCodes: ['NOT_IN_3_MONTHS'],
  confirmation: { question: 'internetUseCheck', asked: CONFIRMS_NO_INTERNET_ASKED, useCode: 'USED' },
  proofOfUsePeriod: '3 months',
} as const;

export interface DsiOverallRule {
  readonly category: Exclude<DsiKnownCategory, 'notAssessed'>;
  /** Number of areas at basic or above (k), inclusive bounds. */
  readonly minAreasAtLeastBasic: number;
  readonly maxAreasAtLeastBasic: number;
  /** Additionally requires every area to be above basic. */
  readonly allAboveBasic: boolean;
}

/** Overall category from the five area levels; the first matching row wins. */
export const DSI_OVERALL_RULES: readonly DsiOverallRule[] = [
  { category: 'aboveBasic', minAreasAtLeastBasic: 5, maxAreasAtLeastBasic: 5, allAboveBasic: true },
  { category: 'basic', minAreasAtLeastBasic: 5, maxAreasAtLeastBasic: 5, allAboveBasic: false },
  { category: 'low', minAreasAtLeastBasic: 4, maxAreasAtLeastBasic: 4, allAboveBasic: false },
  { category: 'narrow', minAreasAtLeastBasic: 3, maxAreasAtLeastBasic: 3, allAboveBasic: false },
  { category: 'limited', minAreasAtLeastBasic: 2, maxAreasAtLeastBasic: 2, allAboveBasic: false },
  { category: 'noSkills', minAreasAtLeastBasic: 0, maxAreasAtLeastBasic: 1, allAboveBasic: false },
];

/** One item as the person answered it: done, not done, or not known. */
export type ItemStatus = 'yes' | 'no' | 'unknown';

/**
 * An item's status from its question's answer: the row's "Oui" / "Non"; anything else — the
 * row's "Je ne sais pas", the screen's "Je préfère ne pas répondre", a question never reached
 * or a row left unanswered — is not known.
 */
export function itemStatus(value: AnswerValue | undefined, code: string): ItemStatus {
  if (!isItemAnswers(value)) return 'unknown';
  const answer = Object.hasOwn(value, code) ? value[code] : undefined;
  return answer === 'YES' ? 'yes' : answer === 'NO' ? 'no' : 'unknown';
}

/** How many of an area's activities were declared done, and how many are not known. */
export interface ActivityCount {
  readonly yes: number;
  readonly unknown: number;
}

export function countActivities(area: DsiArea, answers: Answers): ActivityCount {
  let yes = 0;
  let unknown = 0;
  for (const activity of DSI_AREA_RULES[area].activities) {
    const status = itemStatus(answers[activity.question], activity.code);
    if (status === 'yes') yes += 1;
    else if (status === 'unknown') unknown += 1;
  }
  return { yes, unknown };
}

/** The level a number of declared activities gives. */
export function levelOf(area: DsiArea, activities: number): DsiKnownLevel {
  const rule = DSI_AREA_RULES[area];
  if (activities >= rule.aboveBasicMin) return 'aboveBasic';
  if (activities >= rule.basicMin) return 'basic';
  return 'none';
}

/** The levels with every unknown item counted as "no" (low) and as "yes" (high). */
export function areaBounds(area: DsiArea, count: ActivityCount): { low: DsiKnownLevel; high: DsiKnownLevel } {
  return { low: levelOf(area, count.yes), high: levelOf(area, count.yes + count.unknown) };
}

export function areaLevel(area: DsiArea, count: ActivityCount): DsiAreaLevel {
  const { low, high } = areaBounds(area, count);
  return low === high ? low : 'notDetermined';
}

export function overallCategory(areas: Readonly<Record<DsiArea, DsiKnownLevel>>): Exclude<DsiKnownCategory, 'notAssessed'> {
  const levels = DSI_AREAS.map((a) => areas[a]);
  const k = levels.filter((l) => l !== 'none').length;
  const allAbove = levels.every((l) => l === 'aboveBasic');
  const rule = DSI_OVERALL_RULES.find(
    (r) => k >= r.minAreasAtLeastBasic && k <= r.maxAreasAtLeastBasic && (!r.allAboveBasic || allAbove),
  );
  // The table covers k = 0 … 5; reaching here would mean the table was edited wrongly.
  if (!rule) throw new Error(`no DSI overall rule for ${k} areas at basic or above`);
  return rule.category;
}

export type InternetUse = 'user' | 'nonUser' | 'unknown';

/** Did the person use the internet in the last 3 months, as far as the answers tell (`DSI_GATE`)? */
export function internetUse(answers: Answers): InternetUse {
  const gate = answers[DSI_GATE.question];
  if (gate === undefined) return 'unknown';
  if (typeof gate === 'string' && (DSI_GATE.nonUseCodes as readonly string[]).includes(gate)) {
    const { question, asked, useCode } = DSI_GATE.confirmation;
    if (!evaluateCondition(asked, answers)) return 'nonUser';
    const confirmation = answers[question];
    if (confirmation === undefined) return 'unknown';
    return confirmation === useCode ? 'user' : 'nonUser';
  }
  if (typeof gate === 'string' && (MISSING_CODES as readonly string[]).includes(gate)) {
    const declaredUse = DSI_AREAS.some((area) =>
      DSI_AREA_RULES[area].activities.some((a) => a.period === DSI_GATE.proofOfUsePeriod && itemStatus(answers[a.question], a.code) === 'yes'),
    );
    return declaredUse ? 'user' : 'unknown';
  }
  return 'user';
}

/**
 * Everything the answers settle about the DSI, and the range they leave: the categories at
 * both extremes (every unknown item counted as "no" → `lowest`, as "yes" → `highest`), and
 * `notAssessed` among the possibilities when internet use itself is not known.
 */
export interface DsiBounds {
  use: InternetUse;
  /** Per-area levels, null for a non-user. */
  areas: Record<DsiArea, DsiAreaLevel> | null;
  lowest: DsiKnownCategory;
  highest: DsiKnownCategory;
}

export function dsiBounds(answers: Answers): DsiBounds {
  const use = internetUse(answers);
  if (use === 'nonUser') return { use, areas: null, lowest: 'notAssessed', highest: 'notAssessed' };
  const low = {} as Record<DsiArea, DsiKnownLevel>;
  const high = {} as Record<DsiArea, DsiKnownLevel>;
  const areas = {} as Record<DsiArea, DsiAreaLevel>;
  for (const area of DSI_AREAS) {
    const count = countActivities(area, answers);
    const bounds = areaBounds(area, count);
    low[area] = bounds.low;
    high[area] = bounds.high;
    // Whether the areas apply at all is not known when use is not: none is determined.
    areas[area] = use === 'unknown' ? 'notDetermined' : areaLevel(area, count);
  }
  return { use, areas, lowest: use === 'unknown' ? 'notAssessed' : overallCategory(low), highest: overallCategory(high) };
}

export function scoreDsi(answers: Answers): Scores['dsi'] {
  const bounds = dsiBounds(answers);
  return { areas: bounds.areas, category: bounds.lowest === bounds.highest ? bounds.lowest : 'notDetermined' };
}

/** The activity questions of each area (`DSI_AREA_QUESTIONS` of the definition). */
export const DSI_QUESTIONS: Readonly<Record<DsiArea, readonly string[]>> = DSI_AREA_QUESTIONS;
