/**
 * INSEE's "illectronisme" flag (Insee Première n°1953, June 2023, on 2021 data): a person is
 * in illectronisme if they did not use the internet in the last 3 months, or if they used it
 * but lack basic skills in at least 4 of the 5 DSI areas. In DSI terms that is exactly the
 * categories "could not be assessed" and "no overall digital skills" (k ≤ 1 areas at basic or
 * above). INSEE's five domains are the five DSI areas. docs/scoring.md mirrors this table.
 */
import type { DsiCategory } from './types';

export interface IllectronismeRule {
  readonly category: DsiCategory;
  readonly illectronisme: boolean;
  readonly reason: string;
}

export const ILLECTRONISME_SOURCE = 'Insee Première n°1953 (2023), « 15 % de la population est en situation d’illectronisme en 2021 »';

/** One row per DSI category; the flag is read straight from the table. */
export const ILLECTRONISME_RULES: readonly IllectronismeRule[] = [
  { category: 'notAssessed', illectronisme: true, reason: 'No internet use in the last 3 months' },
  { category: 'noSkills', illectronisme: true, reason: 'Basic skills missing in 4 or 5 of the 5 areas' },
  { category: 'limited', illectronisme: false, reason: 'Basic skills missing in 3 areas: weak capacities, not illectronisme' },
  { category: 'narrow', illectronisme: false, reason: 'Basic skills missing in 2 areas: weak capacities, not illectronisme' },
  { category: 'low', illectronisme: false, reason: 'Basic skills missing in 1 area: weak capacities, not illectronisme' },
  { category: 'basic', illectronisme: false, reason: 'Basic skills in every area' },
  { category: 'aboveBasic', illectronisme: false, reason: 'Above basic skills in every area' },
];

export function isIllectronisme(category: DsiCategory): boolean {
  const rule = ILLECTRONISME_RULES.find((r) => r.category === category);
  if (!rule) throw new Error(`no illectronisme rule for DSI category ${category}`);
  return rule.illectronisme;
}
