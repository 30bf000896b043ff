/**
 * The observed measure: what the optional practical exercises show, beside what the person
 * declared. Self-declared answers overrate skills (docs/frameworks.md); the exercises give a second,
 * independent reading. Both tables are ordered (first match wins) and mirrored in
 * docs/scoring.md.
 */
import type { ExerciseResult } from '../questionnaire/schema';
import type { AutonomyProfile, DsiCategory, Mismatch, ObservedLevel, Scores } from './types';

export type ObservedCondition =
  | { readonly kind: 'noneAttempted' }
  /** At least `share` of the attempted exercises succeeded. */
  | { readonly kind: 'successShareAtLeast'; readonly share: number }
  | { readonly kind: 'always' };

export interface ObservedLevelRule {
  readonly level: ObservedLevel;
  readonly when: ObservedCondition;
  readonly why: string;
}

/** A skipped exercise is not attempted; attempted = SUCCESS or FAILURE. */
export const OBSERVED_LEVEL_RULES: readonly ObservedLevelRule[] = [
  { level: 'notObserved', when: { kind: 'noneAttempted' }, why: 'No exercise attempted (all skipped, or exercises declined)' },
  { level: 'high', when: { kind: 'successShareAtLeast', share: 1 }, why: 'Every attempted exercise succeeded' },
  { level: 'partial', when: { kind: 'successShareAtLeast', share: 0.5 }, why: 'At least half, but not all, of the attempted exercises succeeded' },
  { level: 'low', when: { kind: 'always' }, why: 'Fewer than half of the attempted exercises succeeded' },
];

export function observedLevel(attempted: number, succeeded: number): ObservedLevel {
  const rule = OBSERVED_LEVEL_RULES.find((r) => {
    switch (r.when.kind) {
      case 'noneAttempted':
        return attempted === 0;
      case 'successShareAtLeast':
        return attempted > 0 && succeeded >= r.when.share * attempted;
      case 'always':
        return true;
    }
  });
  return rule ? rule.level : 'notObserved';
}

export function scoreObserved(exercises: Readonly<Record<string, ExerciseResult>>): Scores['observed'] {
  const results = Object.values(exercises);
  const attempted = results.filter((r) => r.outcome !== 'SKIPPED').length;
  const succeeded = results.filter((r) => r.outcome === 'SUCCESS').length;
  return { attempted, succeeded, level: observedLevel(attempted, succeeded) };
}

/** What the person declared, as the mismatch rules read it. */
export interface Declared {
  readonly profile: AutonomyProfile;
  readonly dsiCategory: DsiCategory;
}

export type MismatchCondition =
  | { readonly kind: 'observedIn'; readonly levels: readonly ObservedLevel[] }
  | { readonly kind: 'profileIn'; readonly profiles: readonly AutonomyProfile[] }
  | {
      readonly kind: 'observedAndDeclared';
      readonly observed: readonly ObservedLevel[];
      /** The declared side matches when the profile OR the DSI category is listed. */
      readonly profiles: readonly AutonomyProfile[];
      readonly dsiCategories: readonly DsiCategory[];
    }
  | { readonly kind: 'always' };

export interface MismatchRule {
  readonly mismatch: Mismatch;
  readonly when: MismatchCondition;
  readonly why: string;
}

export const MISMATCH_RULES: readonly MismatchRule[] = [
  { mismatch: 'unknown', when: { kind: 'observedIn', levels: ['notObserved'] }, why: 'Nothing observed to compare with' },
  { mismatch: 'unknown', when: { kind: 'profileIn', profiles: ['unknown'] }, why: 'Declared autonomy unknown (fewer than half of the tasks answered)' },
  {
    mismatch: 'declaredHigher',
    when: { kind: 'observedAndDeclared', observed: ['low'], profiles: ['autonomous'], dsiCategories: ['basic', 'aboveBasic'] },
    why: 'Declares autonomy or at least basic skills, but fewer than half of the exercises succeeded',
  },
  {
    mismatch: 'declaredLower',
    when: { kind: 'observedAndDeclared', observed: ['high'], profiles: ['doneForMe'], dsiCategories: ['noSkills', 'notAssessed'] },
    why: 'Declares needing someone else or no skills, but every attempted exercise succeeded',
  },
  { mismatch: 'consistent', when: { kind: 'always' }, why: 'Otherwise: declared and observed tell the same story' },
];

export function mismatchOf(declared: Declared, observed: ObservedLevel): Mismatch {
  const rule = MISMATCH_RULES.find((r) => {
    switch (r.when.kind) {
      case 'observedIn':
        return r.when.levels.includes(observed);
      case 'profileIn':
        return r.when.profiles.includes(declared.profile);
      case 'observedAndDeclared':
        return (
          r.when.observed.includes(observed) &&
          (r.when.profiles.includes(declared.profile) || r.when.dsiCategories.includes(declared.dsiCategory))
        );
      case 'always':
        return true;
    }
  });
  return rule ? rule.mismatch : 'unknown';
}
