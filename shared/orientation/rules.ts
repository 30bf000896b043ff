/**
 * Orientation: 1 to 3 next steps for the citizen, chosen among the places the local directory
 * holds (docs/frameworks.md §6). `ORIENTATION_RULES` is an ordered table: a rule's position is its
 * priority. Conditions are a small closed language over the answers and the scores, so the
 * table is plain data that docs/scoring.md mirrors and staff can read.
 *
 * Algorithm (deterministic):
 *  1. needs = the need of every rule that holds, in table order, without duplicates;
 *  2. for each need, among the places that serve it and were not already picked, take the
 *     one the person's situation prefers most (`PLACE_PREFERENCES`: a place that speaks other
 *     languages for someone who chose a language other than French, a free place, one that
 *     takes on disabilities for someone who named that barrier…), the first in directory
 *     order among equals; a need no remaining place serves is skipped; stop at 3 steps;
 *  3. if that gives no step at all, fall back to "learn" with the first place serving it;
 *  4. an empty directory (or one where nothing fits, even "learn") gives no step.
 */
import { codesOf } from '../questionnaire/engine';
import type { Answers } from '../questionnaire/schema';
import type { AutonomyLevel, AutonomyProfile, Recommendation, Scores } from '../scoring/types';
import type { Language } from '../i18n/languages';
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

/** What is known of the person beyond answers and scores: the language they chose. */
export interface OrientationContext {
  readonly language?: Language;
}

export interface PlacePreference {
  readonly weight: number;
  /** Does this preference apply to this person and this place? */
  readonly applies: (place: HelpPlace, who: { answers: Answers; scores: Scores; language: Language | undefined }) => boolean;
  readonly why: string;
}

const FRENCH: readonly (Language | undefined)[] = ['fr', 'fr-x-falc', undefined];

/**
 * How places serving the same need are ranked for a person (weights add up; the directory's
 * order breaks ties). Places typed by staff carry none of these attributes and keep the
 * directory's order; places from the national data ("lieux de médiation numérique") do.
 */
export const PLACE_PREFERENCES: readonly PlacePreference[] = [
  {
    weight: 4,
    applies: (place, who) => !FRENCH.includes(who.language) && (place.supports ?? []).includes('foreignLanguages'),
    why: 'the person chose a language other than French: a place that takes on foreign languages',
  },
  {
    weight: 2,
    applies: (place, who) => codesOf(who.answers['barriers']).includes('DISABILITY') && (place.supports ?? []).includes('disability'),
    why: 'the person named a disability: a place that takes on disabilities',
  },
  {
    weight: 2,
    applies: (place, who) => who.language === 'fr-x-falc' && (place.supports ?? []).includes('illiteracy'),
    why: 'the person chose easy-to-read French: a place that takes on illiteracy',
  },
  {
    weight: 2,
    applies: (place) => place.fees === 'free',
    why: 'free of charge',
  },
  {
    weight: 1,
    applies: (place) => place.fees === 'conditional',
    why: 'free under conditions',
  },
  {
    weight: 1,
    applies: (place, who) => (who.scores.autonomy.profile === 'doneForMe' || who.scores.autonomy.profile === 'guided') && (place.modes ?? []).includes('individual'),
    why: 'the person needs someone beside them: individual help',
  },
  {
    weight: 1,
    applies: (place, who) => {
      const age = codesOf(who.answers['ageBand'])[0];
      const audiences = place.audiences ?? [];
      return ((age === 'A60_74' || age === 'A75_PLUS') && audiences.includes('seniors')) || (age === 'A15_24' && (audiences.includes('youth') || audiences.includes('students')));
    },
    why: 'a place that addresses the person’s age group in particular',
  },
];

function preference(place: HelpPlace, who: { answers: Answers; scores: Scores; language: Language | undefined }): number {
  return PLACE_PREFERENCES.reduce((sum, p) => sum + (p.applies(place, who) ? p.weight : 0), 0);
}

export function recommend(scores: Scores, answers: Answers, directory: readonly HelpPlace[], context: OrientationContext = {}): Recommendation[] {
  const picked: Recommendation[] = [];
  const who = { answers, scores, language: context.language };
  const pickFor = (need: HelpNeed) => {
    let best: HelpPlace | undefined;
    let bestScore = -Infinity;
    for (const p of directory) {
      if (!p.serves.includes(need) || picked.some((r) => r.placeId === p.id)) continue;
      const score = preference(p, who);
      // Strictly greater: the first in directory order wins among equals.
      if (score > bestScore) {
        best = p;
        bestScore = score;
      }
    }
    if (best) picked.push({ need, placeId: best.id });
  };
  for (const need of needsOf(scores, answers)) {
    if (picked.length >= MAX_RECOMMENDATIONS) break;
    pickFor(need);
  }
  if (picked.length === 0) pickFor(FALLBACK_NEED);
  return picked;
}
