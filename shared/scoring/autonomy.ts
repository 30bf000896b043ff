/**
 * Everyday autonomy, on the scale digital mediators record (La Coop de la médiation
 * numérique: "done for me" / "autonomous with guidance" / "autonomous"). Each task question
 * is answered ALONE, WITH_HELP or CANNOT; "don't know", "refused" and unanswered give no
 * level. The profile comes from `AUTONOMY_PROFILE_RULES`, an ordered table (first match
 * wins) that docs/scoring.md mirrors.
 */
import { AUTONOMY_TASKS } from '../questionnaire/definition';
import type { Answers } from '../questionnaire/schema';
import { AUTONOMY_LEVELS, type AutonomyLevel, type AutonomyProfile, type Scores } from './types';

export type AutonomyCondition =
  /** Fewer than `share` of the tasks have a level. */
  | { readonly kind: 'answeredShareBelow'; readonly share: number }
  /** At least `share` of the answered tasks are at `level`. */
  | { readonly kind: 'levelShareAtLeast'; readonly level: AutonomyLevel; readonly share: number }
  | { readonly kind: 'always' };

export interface AutonomyProfileRule {
  readonly profile: AutonomyProfile;
  readonly when: AutonomyCondition;
  readonly why: string;
}

export const AUTONOMY_PROFILE_RULES: readonly AutonomyProfileRule[] = [
  { profile: 'unknown', when: { kind: 'answeredShareBelow', share: 0.5 }, why: 'Fewer than half of the tasks answered: too little to say' },
  { profile: 'doneForMe', when: { kind: 'levelShareAtLeast', level: 'CANNOT', share: 0.5 }, why: 'At least half of the answered tasks are done by someone else' },
  { profile: 'autonomous', when: { kind: 'levelShareAtLeast', level: 'ALONE', share: 1 }, why: 'Every answered task is done alone' },
  { profile: 'guided', when: { kind: 'always' }, why: 'Otherwise: autonomous with guidance' },
];

/** The level of every autonomy task; null for "don't know", "refused" or unanswered. */
export function autonomyTasks(answers: Answers): Record<string, AutonomyLevel | null> {
  return Object.fromEntries(
    AUTONOMY_TASKS.map((task) => {
      const v = answers[task];
      const level = typeof v === 'string' && (AUTONOMY_LEVELS as readonly string[]).includes(v) ? (v as AutonomyLevel) : null;
      return [task, level];
    }),
  );
}

function holds(condition: AutonomyCondition, levels: readonly (AutonomyLevel | null)[]): boolean {
  const answered = levels.filter((l): l is AutonomyLevel => l !== null);
  switch (condition.kind) {
    case 'answeredShareBelow':
      return answered.length < condition.share * levels.length;
    case 'levelShareAtLeast':
      return answered.length > 0 && answered.filter((l) => l === condition.level).length >= condition.share * answered.length;
    case 'always':
      return true;
  }
}

export function autonomyProfile(tasks: Readonly<Record<string, AutonomyLevel | null>>): AutonomyProfile {
  const levels = Object.values(tasks);
  const rule = AUTONOMY_PROFILE_RULES.find((r) => holds(r.when, levels));
  return rule ? rule.profile : 'unknown';
}

export function scoreAutonomy(answers: Answers): Scores['autonomy'] {
  const tasks = autonomyTasks(answers);
  return { tasks, profile: autonomyProfile(tasks) };
}
