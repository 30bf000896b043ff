/**
 * One session's scores from its answers and exercise results. Pure and deterministic: the
 * kiosk, the simulator, the exports and the tests all call this one function.
 */
import type { Answers, ExerciseResult } from '../questionnaire/schema';
import { scoreAutonomy } from './autonomy';
import { dsiBounds } from './dsi';
import { illectronismeOf } from './illectronisme';
import { mismatchOf, scoreObserved } from './observed';
import type { Scores } from './types';

export function scoreSession(answers: Answers, exercises: Readonly<Record<string, ExerciseResult>>): Scores {
  const bounds = dsiBounds(answers);
  const dsi: Scores['dsi'] = { areas: bounds.areas, category: bounds.lowest === bounds.highest ? bounds.lowest : 'notDetermined' };
  const autonomy = scoreAutonomy(answers);
  const observed = scoreObserved(exercises);
  return {
    dsi,
    illectronisme: illectronismeOf(bounds),
    autonomy,
    observed,
    mismatch: mismatchOf({ profile: autonomy.profile, dsiCategory: dsi.category }, observed.level),
  };
}

export * from './types';
export {
  DSI_AREA_RULES,
  DSI_GATE,
  DSI_OVERALL_RULES,
  areaBounds,
  areaLevel,
  countActivities,
  dsiBounds,
  internetUse,
  itemStatus,
  levelOf,
  overallCategory,
  scoreDsi,
} from './dsi';
export type { ActivityCount, DsiActivityRule, DsiAreaRule, DsiBounds, DsiOverallRule, InternetUse, ItemStatus } from './dsi';
export { ILLECTRONISME_RULES, ILLECTRONISME_SOURCE, illectronismeCodeOf, illectronismeOf, isIllectronisme } from './illectronisme';
export type { IllectronismeRule } from './illectronisme';
export { AUTONOMY_PROFILE_RULES, autonomyProfile, autonomyTasks, scoreAutonomy } from './autonomy';
export type { AutonomyCondition, AutonomyProfileRule } from './autonomy';
export { MISMATCH_RULES, OBSERVED_LEVEL_RULES, mismatchOf, observedLevel, scoreObserved } from './observed';
export type { Declared, MismatchCondition, MismatchRule, ObservedCondition, ObservedLevelRule } from './observed';
