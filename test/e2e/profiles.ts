/** Citizen profiles used by the end-to-end tests, as answer plans by question id and code. */
import type { Plan } from '../harness/walkthrough';

const profile = { ageBand: 'A40_59', commune: 'C59122', accompanied: 'ALONE', smartphone: 'YES', computer: 'YES', homeInternet: 'YES' };
const tasks = (level: string) => ({
  taskUnlock: level,
  taskWifi: level,
  taskBrowser: level,
  taskPassword: level,
  taskEmail: level,
  taskVideoCall: level,
  taskProcedure: level,
  taskAppointment: level,
});
const noNeeds = { wantsToLearn: ['NOTHING'], barriers: ['NONE'], procedureSoon: 'NO' };

/** Has not used the internet in 3 months: INSEE's gate, so no activity questions. */
export const NO_INTERNET: Plan = {
  ...profile,
  ageBand: 'A75_PLUS',
  smartphone: 'NO',
  computer: 'NO',
  homeInternet: 'NO',
  internetUse: 'NOT_IN_3_MONTHS',
  everUsedInternet: 'NEVER',
  ...tasks('CANNOT'),
  exercisesIntro: 'NO',
  wantsToLearn: ['DEVICE_BASICS'],
  barriers: ['EQUIPMENT'],
  procedureSoon: 'NO',
};

/** Exactly one activity in each of the five DSI areas: "basic" overall (docs/frameworks.md). */
export const BASIC_USER: Plan = {
  ...profile,
  internetUse: 'EVERY_WEEK',
  actInformation: ['NEWS'],
  actCommunication: ['EMAIL'],
  actContent: ['WORD_PROCESSING'],
  actSafety: ['CHECK_SECURE_SITE'],
  actProblemSolving: ['BANKING'],
  ...tasks('ALONE'),
  taskProcedure: 'WITH_HELP',
  exercisesIntro: 'YES',
  exTap: 'SUCCESS',
  exScroll: 'SUCCESS',
  exType: 'FAILURE',
  exPhishing: 'SUCCESS',
  exSecureSite: 'SKIPPED',
  ...noNeeds,
};

/** Above the "basic" threshold in every area: "above basic" overall. */
export const ADVANCED_USER: Plan = {
  ...profile,
  ageBand: 'A25_39',
  internetUse: 'EVERY_DAY',
  actInformation: ['GOODS_INFO', 'NEWS'],
  actCommunication: ['EMAIL', 'CALLS'],
  actContent: ['WORD_PROCESSING', 'SPREADSHEET', 'COPY_FILES'],
  actSafety: ['LIMIT_LOCATION', 'CHECK_SECURE_SITE', 'COOKIE_SETTINGS'],
  actProblemSolving: ['INSTALL_APPS', 'CHANGE_SETTINGS', 'BANKING'],
  ...tasks('ALONE'),
  exercisesIntro: 'NO',
  ...noNeeds,
};

/**
 * A visit that shows every kind of screen (the accessibility and layout checks): "Non" to
 * internet use from a smartphone owner, then "Oui" on the confirmation (so both internet-use
 * screens and the activities are shown), accompanied by a professional (for the result's
 * professional view), every exercise.
 */
export const EVERY_SCREEN: Plan = {
  ageBand: 'A60_74',
  commune: 'C59122',
  accompanied: 'PROFESSIONAL',
  smartphone: 'YES',
  computer: 'NO',
  homeInternet: 'YES',
  internetUse: 'NOT_IN_3_MONTHS',
  internetUseCheck: 'USED',
  actInformation: ['NEWS'],
  actCommunication: ['EMAIL'],
  actContent: ['NONE'],
  actSafety: ['CHECK_SECURE_SITE'],
  actProblemSolving: ['INSTALL_APPS'],
  exercisesIntro: 'YES',
  wantsToLearn: ['PROCEDURES'],
  barriers: ['FEAR_FRAUD'],
  procedureSoon: 'YES',
};
