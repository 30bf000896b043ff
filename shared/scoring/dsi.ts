/**
 * Eurostat Digital Skills Indicator 2.0 (dataset isoc_sk_dskl_i21), computed from the five
 * activity questions of the questionnaire. The rules are data: `DSI_AREA_RULES` says which
 * answer code counts as which survey activity and how many activities make "basic" and
 * "above basic" in each area; `DSI_OVERALL_RULES` turns the five area levels into the overall
 * category; `DSI_GATE` says when a person cannot be assessed. docs/scoring.md mirrors them.
 *
 * Sources: docs/frameworks.md; Eurostat metadata isoc_sk_dskl_i21_esmsip2 (five DigComp areas,
 * activities of the last 3 months, online purchases over 12 months); CBS (Netherlands) method
 * note "Digitale vaardigheden" (basic = at least one activity in information and communication
 * and one or two in the other areas; above basic = two or more, resp. three or more);
 * Statistiek Vlaanderen "Metadata: Digitale vaardigheden bij burgers" (item lists per area;
 * people without internet use in the last 3 months are kept apart).
 *
 * Eurostat counts only activities declared as done: an area whose question was answered
 * "none of these", "je ne sais pas" (DK), "je préfère ne pas répondre" (REF) or not answered
 * at all has zero activities.
 */
import { DSI_AREA_QUESTIONS } from '../questionnaire/definition';
import type { AnswerValue, Answers } from '../questionnaire/schema';
import { DSI_AREAS, type DsiArea, type DsiAreaLevel, type DsiCategory, type Scores } from './types';

export interface DsiActivityRule {
  /** Answer code of the area's question (stored and exported). */
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
  /** The question that lists the area's activities. */
  readonly question: string;
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
    question: DSI_AREA_QUESTIONS.information,
    basicMin: 1,
    aboveBasicMin: 2,
    activities: [
      { code: 'GOODS_INFO', variable: 'I_IUIF', activity: 'Finding information about goods or services', period: '3 months' },
      { code: 'HEALTH_INFO', variable: 'I_IHIF', activity: 'Seeking health-related information', period: '3 months' },
      { code: 'NEWS', variable: 'I_IUNW1', activity: 'Reading online news sites, newspapers or news magazines', period: '3 months' },
      { code: 'CHECKED_TRUE', variable: null, activity: 'Checking the truthfulness of information or content found online', period: '3 months', note: NO_VARIABLE },
    ],
  },
  communication: {
    question: DSI_AREA_QUESTIONS.communication,
    basicMin: 1,
    aboveBasicMin: 2,
    activities: [
      { code: 'EMAIL', variable: 'I_IUEM', activity: 'Sending or receiving e-mails', period: '3 months' },
      { code: 'CALLS', variable: 'I_IUPH1', activity: 'Telephoning or video calls over the internet', period: '3 months' },
      {
        code: 'MESSAGING',
        variable: null,
        activity: 'Instant messaging (e.g. WhatsApp, Messenger, Signal)',
        period: '3 months',
        choice: 'Counted in communication & collaboration. docs/frameworks.md lists it but flags it as not fully confirmed; removing it from this list is the only change needed if Eurostat excludes it.',
        note: NO_VARIABLE,
      },
      { code: 'SOCIAL_NETWORKS', variable: 'I_IUSNET', activity: 'Participating in social networks', period: '3 months' },
      { code: 'OPINIONS', variable: 'I_IUPOL2', activity: 'Posting opinions on civic or political issues online', period: '3 months' },
      { code: 'CONSULTATION_VOTE', variable: null, activity: 'Taking part in online consultations or voting on civic or political issues', period: '3 months', note: NO_VARIABLE },
    ],
  },
  contentCreation: {
    question: DSI_AREA_QUESTIONS.contentCreation,
    basicMin: 1,
    aboveBasicMin: 3,
    activities: [
      { code: 'WORD_PROCESSING', variable: 'I_CWRD1', activity: 'Using word processing software', period: '3 months' },
      { code: 'SPREADSHEET', variable: 'I_CXLS1', activity: 'Using spreadsheet software', period: '3 months' },
      { code: 'EDIT_MEDIA', variable: 'I_CEPVA1', activity: 'Editing photos, video or audio files', period: '3 months' },
      { code: 'COPY_FILES', variable: 'I_CXFER1', activity: 'Copying or moving files between folders, devices or the cloud', period: '3 months' },
      { code: 'COMBINED_DOCUMENT', variable: 'I_CPRES2', activity: 'Creating files that combine text, pictures, tables, charts, animations or sound', period: '3 months' },
      { code: 'SPREADSHEET_ADVANCED', variable: 'I_CXLSADV1', activity: 'Using advanced spreadsheet functions to organise, analyse or structure data', period: '3 months' },
      { code: 'PROGRAMMING', variable: 'I_CPRG2', activity: 'Writing code in a programming language', period: '3 months' },
    ],
  },
  safety: {
    question: DSI_AREA_QUESTIONS.safety,
    basicMin: 1,
    aboveBasicMin: 3,
    activities: [
      { code: 'READ_PRIVACY_POLICY', variable: 'I_MAPS_RPS', activity: 'Reading privacy policy statements before providing personal data', period: '3 months' },
      { code: 'LIMIT_LOCATION', variable: 'I_MAPS_RRGL', activity: 'Restricting or refusing access to geographical location', period: '3 months' },
      { code: 'LIMIT_PROFILE', variable: 'I_MAPS_LAP', activity: 'Limiting access to a profile or content on social networking sites or shared online storage', period: '3 months' },
      { code: 'REFUSE_ADS_DATA', variable: 'I_MAPS_RAAD', activity: 'Refusing allowing the use of personal data for advertising purposes', period: '3 months' },
      { code: 'CHECK_SECURE_SITE', variable: 'I_MAPS_CWSC', activity: 'Checking that the website where personal data was provided was secure', period: '3 months' },
      { code: 'COOKIE_SETTINGS', variable: 'I_PCOOK1', activity: 'Changing the settings in the internet browser to prevent or limit cookies', period: '3 months' },
    ],
  },
  problemSolving: {
    question: DSI_AREA_QUESTIONS.problemSolving,
    basicMin: 1,
    aboveBasicMin: 3,
    activities: [
      { code: 'INSTALL_APPS', variable: 'I_CINSAPP1', activity: 'Downloading or installing software or apps', period: '3 months' },
      { code: 'CHANGE_SETTINGS', variable: 'I_CCONF1', activity: 'Changing the settings of software, an app or a device', period: '3 months' },
      { code: 'BUY_ONLINE', variable: null, activity: 'Buying goods or services online', period: '12 months', note: NO_VARIABLE },
      { code: 'SELL_ONLINE', variable: 'I_IUSELL', activity: 'Selling goods or services online', period: '3 months' },
      {
        code: 'LEARN_ONLINE',
        variable: null,
        activity: 'Using online learning material or doing an online course',
        period: '3 months',
        choice: 'Counted in problem solving as one activity (online course or online learning material, whichever was done). docs/frameworks.md flags which online-learning item DSI 2.0 counts as not fully confirmed.',
        note: `${NO_VARIABLE} Candidate variables seen in public Eurostat extracts: I_IUOLC (online course), I_IUOLM (online learning material).`,
      },
      { code: 'BANKING', variable: 'I_IUBK', activity: 'Internet banking', period: '3 months' },
      { code: 'JOB_SEARCH', variable: 'I_IUJOB', activity: 'Looking for a job or sending a job application', period: '3 months' },
    ],
  },
};

/**
 * When a person cannot be assessed: Eurostat gives no area level to people who did not use
 * the internet in the last 3 months ("could not be assessed", kept in the denominator).
 * An unanswered gate question also means "could not be assessed". A "don't know" or
 * "refused" answer keeps the activity questions open (see the engine's `notIn`), so the
 * person is scored on what they declared.
 */
export const DSI_GATE = {
  question: 'internetUse',
  notAssessedCodes: ['NOT_IN_3_MONTHS'],
  unansweredIsNotAssessed: true,
} as const;

export interface DsiOverallRule {
  readonly category: Exclude<DsiCategory, 'notAssessed'>;
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

function codesOf(value: AnswerValue | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/**
 * How many of the area's activities the answer declares. Codes outside the table ("NONE",
 * "DK", "REF", anything unknown) count for nothing; a repeated code counts once.
 */
export function countActivities(area: DsiArea, value: AnswerValue | undefined): number {
  const known = new Set(DSI_AREA_RULES[area].activities.map((a) => a.code));
  return new Set(codesOf(value).filter((c) => known.has(c))).size;
}

export function areaLevel(area: DsiArea, activities: number): DsiAreaLevel {
  const rule = DSI_AREA_RULES[area];
  if (activities >= rule.aboveBasicMin) return 'aboveBasic';
  if (activities >= rule.basicMin) return 'basic';
  return 'none';
}

export function overallCategory(areas: Readonly<Record<DsiArea, DsiAreaLevel>>): Exclude<DsiCategory, 'notAssessed'> {
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

/** Is the person outside the DSI's scope (no internet use in 3 months, or gate unanswered)? */
export function isNotAssessed(answers: Answers): boolean {
  const gate = answers[DSI_GATE.question];
  if (gate === undefined) return DSI_GATE.unansweredIsNotAssessed;
  return typeof gate === 'string' && (DSI_GATE.notAssessedCodes as readonly string[]).includes(gate);
}

export function scoreDsi(answers: Answers): Scores['dsi'] {
  if (isNotAssessed(answers)) return { areas: null, category: 'notAssessed' };
  const areas = Object.fromEntries(
    DSI_AREAS.map((area) => [area, areaLevel(area, countActivities(area, answers[DSI_AREA_RULES[area].question]))]),
  ) as Record<DsiArea, DsiAreaLevel>;
  return { areas, category: overallCategory(areas) };
}
