/**
 * Orientation: 1 to 3 next steps for the citizen, chosen among the places the local directory
 * holds (docs/frameworks.md §6). `ORIENTATION_RULES` is an ordered table: a rule's position is its
 * priority. Conditions are a small closed language over the answers and the scores, so the
 * table is plain data that docs/scoring.md mirrors and staff can read.
 *
 * Algorithm (deterministic):
 *  1. needs = the need of every rule that holds, in table order, without duplicates;
 *  2. for each need, take the first place in directory order that serves it and was not
 *     already picked; a need no remaining place serves is skipped; stop at 3 steps;
 *  3. if that gives no step at all, fall back to "learn" with the first place serving it;
 *  4. an empty directory (or one where nothing fits, even "learn") gives no step.
 */
import { codesOf } from '../questionnaire/engine';
import type { Answers } from '../questionnaire/schema';
import type { AutonomyLevel, AutonomyProfile, Recommendation, Scores } from '../scoring/types';
import type { HelpNeed, HelpPlace } from './directory';

export type OrientationCondition =
  /** The answer (single or multiple) holds at least one of `codes`. */
  | { readonly kind: 'answerIncludes'; readonly question: string; readonly codes: readonly string[] }
  /** The answer holds at least one code outside `codes` (e.g. anything but "NOTHING"). */
  | { readonly kind: 'answerIncludesOtherThan'; readonly question: string; readonly codes: readonly string[] }
  | { readonly kind: 'autonomyTaskIn'; readonly task: string; readonly levels: readonly AutonomyLevel[] }
  | { readonly kind: 'profileIn'; readonly profiles: readonly AutonomyProfile[] }
  | { readonly kind: 'illectronisme' };

export interface OrientationRule {
  readonly need: HelpNeed;
  /** The rule holds when any of these conditions holds. */
  readonly anyOf: readonly OrientationCondition[];
  /** Who usually answers this need around Cambrai (docs/frameworks.md §6), for the documentation. */
  readonly typically: string;
}

export const MAX_RECOMMENDATIONS = 3;

/** Ordered by priority: the first rules win the three places. */
export const ORIENTATION_RULES: readonly OrientationRule[] = [
  {
    need: 'disability',
    anyOf: [{ kind: 'answerIncludes', question: 'barriers', codes: ['DISABILITY'] }],
    typically: "L'ADAPT",
  },
  {
    need: 'procedure',
    anyOf: [
      { kind: 'answerIncludes', question: 'procedureSoon', codes: ['YES'] },
      { kind: 'autonomyTaskIn', task: 'taskProcedure', levels: ['WITH_HELP', 'CANNOT'] },
    ],
    typically: 'France Services; a structure offering Aidants Connect',
  },
  {
    need: 'equipment',
    anyOf: [{ kind: 'answerIncludes', question: 'barriers', codes: ['EQUIPMENT', 'COST'] }],
    typically: 'Pass numérique; solidarity equipment and connection offers',
  },
  {
    need: 'language',
    anyOf: [{ kind: 'answerIncludes', question: 'barriers', codes: ['LANGUAGE'] }],
    typically: 'Centres sociaux',
  },
  {
    need: 'security',
    anyOf: [
      { kind: 'answerIncludes', question: 'wantsToLearn', codes: ['SAFETY'] },
      { kind: 'answerIncludes', question: 'barriers', codes: ['FEAR_FRAUD'] },
    ],
    typically: 'Le Labo; conseillers numériques',
  },
  {
    need: 'learn',
    anyOf: [
      // "Don't know" and "refused" are not a wish to learn.
      { kind: 'answerIncludesOtherThan', question: 'wantsToLearn', codes: ['NOTHING', 'DK', 'REF'] },
      { kind: 'illectronisme' },
      { kind: 'profileIn', profiles: ['doneForMe', 'guided'] },
    ],
    typically: 'Le Labo; centres sociaux; conseillers numériques',
  },
];

/** Used when no rule leads to a place. */
export const FALLBACK_NEED: HelpNeed = 'learn';

function holds(condition: OrientationCondition, scores: Scores, answers: Answers): boolean {
  switch (condition.kind) {
    case 'answerIncludes':
      return codesOf(answers[condition.question]).some((c) => condition.codes.includes(c));
    case 'answerIncludesOtherThan':
      return codesOf(answers[condition.question]).some((c) => !condition.codes.includes(c));
    case 'autonomyTaskIn': {
      const level = scores.autonomy.tasks[condition.task];
      return level !== undefined && level !== null && condition.levels.includes(level);
    }
    case 'profileIn':
      return condition.profiles.includes(scores.autonomy.profile);
    case 'illectronisme':
      // "Not known" (item non-response) is not a reason on its own: the other rules still apply.
      return scores.illectronisme === 'YES';
  }
}

/** The needs the rules find, in priority order, without duplicates. */
export function needsOf(scores: Scores, answers: Answers): HelpNeed[] {
  const needs: HelpNeed[] = [];
  for (const rule of ORIENTATION_RULES) {
    if (!needs.includes(rule.need) && rule.anyOf.some((c) => holds(c, scores, answers))) needs.push(rule.need);
  }
  return needs;
}

export function recommend(scores: Scores, answers: Answers, directory: readonly HelpPlace[]): Recommendation[] {
  const picked: Recommendation[] = [];
  const pickFor = (need: HelpNeed) => {
    const place = directory.find((p) => p.serves.includes(need) && !picked.some((r) => r.placeId === p.id));
    if (place) picked.push({ need, placeId: place.id });
  };
  for (const need of needsOf(scores, answers)) {
    if (picked.length >= MAX_RECOMMENDATIONS) break;
    pickFor(need);
  }
  if (picked.length === 0) pickFor(FALLBACK_NEED);
  return picked;
}
