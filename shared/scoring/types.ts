/**
 * What the scoring rules compute from one session's answers. Every value is a category,
 * never a grade: the citizen sees encouraging words, analysts see categories that match the
 * official indicators (Eurostat DSI 2.0, INSEE illectronisme).
 */
export const DSI_AREAS = ['information', 'communication', 'contentCreation', 'safety', 'problemSolving'] as const;
export type DsiArea = (typeof DSI_AREAS)[number];

/**
 * An area's level; `notDetermined` when unanswered items (don't know, refused, not reached)
 * could change it: counted as "yes" they would give another level than counted as "no".
 */
export const DSI_AREA_LEVELS = ['none', 'basic', 'aboveBasic', 'notDetermined'] as const;
export type DsiAreaLevel = (typeof DSI_AREA_LEVELS)[number];
/** The levels a set of answered items can give (what `notDetermined` ranges over). */
export type DsiKnownLevel = Exclude<DsiAreaLevel, 'notDetermined'>;

/**
 * Eurostat DSI 2.0 overall categories, plus "could not be assessed" (no internet use in 3
 * months) and `notDetermined`: item non-response (or a visit left before the end) leaves more
 * than one category possible. Never folded into "no skills".
 */
export const DSI_CATEGORIES = ['notAssessed', 'noSkills', 'limited', 'narrow', 'low', 'basic', 'aboveBasic', 'notDetermined'] as const;
export type DsiCategory = (typeof DSI_CATEGORIES)[number];
/** A category that the answers settle. */
export type DsiKnownCategory = Exclude<DsiCategory, 'notDetermined'>;

/** INSEE's illectronisme flag: YES, NO, or `unknown` when non-response leaves both possible. */
export const ILLECTRONISME_CODES = ['YES', 'NO', 'unknown'] as const;
export type IllectronismeFlag = (typeof ILLECTRONISME_CODES)[number];

export const AUTONOMY_LEVELS = ['ALONE', 'WITH_HELP', 'CANNOT'] as const;
export type AutonomyLevel = (typeof AUTONOMY_LEVELS)[number];

/** The mediators' three profiles (La Coop de la médiation numérique), or unknown. */
export const AUTONOMY_PROFILES = ['unknown', 'doneForMe', 'guided', 'autonomous'] as const;
export type AutonomyProfile = (typeof AUTONOMY_PROFILES)[number];

export const OBSERVED_LEVELS = ['notObserved', 'low', 'partial', 'high'] as const;
export type ObservedLevel = (typeof OBSERVED_LEVELS)[number];

export const MISMATCHES = ['unknown', 'consistent', 'declaredHigher', 'declaredLower'] as const;
export type Mismatch = (typeof MISMATCHES)[number];

export interface Scores {
  dsi: {
    /** null when the person did not use the internet in the last 3 months (or that is not known). */
    areas: Record<DsiArea, DsiAreaLevel> | null;
    category: DsiCategory;
  };
  /** INSEE's flag: no internet use in 3 months, or basic skills missing in ≥ 4 of 5 areas. */
  illectronisme: IllectronismeFlag;
  autonomy: {
    tasks: Record<string, AutonomyLevel | null>;
    profile: AutonomyProfile;
  };
  observed: {
    attempted: number;
    succeeded: number;
    level: ObservedLevel;
  };
  /** Do declared skills and observed exercises tell the same story? */
  mismatch: Mismatch;
}

/** One next step offered to the citizen: the need it answers and the place that serves it. */
export interface Recommendation {
  need: import('../orientation/directory').HelpNeed;
  placeId: string;
}
