/**
 * INSEE's "illectronisme" flag (Insee Première n°1953, June 2023, on 2021 data): a person is
 * in illectronisme if they did not use the internet in the last 3 months, or if they used it
 * but lack basic skills in at least 4 of the 5 DSI areas. In DSI terms that is exactly the
 * categories "could not be assessed" and "no overall digital skills" (k ≤ 1 areas at basic or
 * above). INSEE's five domains are the five DSI areas. docs/scoring.md mirrors this table.
 *
 * With item non-response the flag is read at both extremes of what the answers allow
 * (shared/scoring/dsi.ts `dsiBounds`): the same at both → that flag, even when the DSI
 * category itself is not determined; different → `unknown`, counted apart, never as "no".
 */
import type { DsiBounds } from './dsi';
import type { DsiCategory, DsiKnownCategory, IllectronismeFlag } from './types';

export interface IllectronismeRule {
  readonly category: DsiKnownCategory;
  readonly illectronisme: boolean;
  readonly reason: string;
}

export const ILLECTRONISME_SOURCE = 'Insee Première n°1953 (2023), « 15 % de la population est en situation d’illectronisme en 2021 »';

/** One row per settled DSI category; the flag is read straight from the table. */
export const ILLECTRONISME_RULES: readonly IllectronismeRule[] = [
  { category: 'notAssessed', illectronisme: true, reason: 'No internet use in the last 3 months' },
  { category: 'noSkills', illectronisme: true, reason: 'Basic skills missing in 4 or 5 of the 5 areas' },
  { category: 'limited', illectronisme: false, reason: 'Basic skills missing in 3 areas: weak capacities, not illectronisme' },
  { category: 'narrow', illectronisme: false, reason: 'Basic skills missing in 2 areas: weak capacities, not illectronisme' },
  { category: 'low', illectronisme: false, reason: 'Basic skills missing in 1 area: weak capacities, not illectronisme' },
  { category: 'basic', illectronisme: false, reason: 'Basic skills in every area' },
  { category: 'aboveBasic', illectronisme: false, reason: 'Above basic skills in every area' },
];

/**
 * The flag of a settled category; for `notDetermined`, null: the category alone does not say
 * (the person's own answers may still settle the flag, see `illectronismeOf`).
 */
export function isIllectronisme(category: DsiCategory): boolean | null {
  if (category === 'notDetermined') return null;
  const rule = ILLECTRONISME_RULES.find((r) => r.category === category);
  if (!rule) throw new Error(`no illectronisme rule for DSI category ${category}`);
  return rule.illectronisme;
}

/** The flag as an exported code, from the DSI range the answers leave. */
export function illectronismeOf(bounds: Pick<DsiBounds, 'lowest' | 'highest'>): IllectronismeFlag {
  const low = isIllectronisme(bounds.lowest);
  const high = isIllectronisme(bounds.highest);
  if (low === high) return low ? 'YES' : 'NO';
  return 'unknown';
}

/** The flag of a category as an exported code: YES, NO, or unknown for `notDetermined`. */
export function illectronismeCodeOf(category: DsiCategory): IllectronismeFlag {
  const flag = isIllectronisme(category);
  return flag === null ? 'unknown' : flag ? 'YES' : 'NO';
}
