/**
 * What the scoring rules compute from one session's answers. Every value is a category,
 * never a grade: the citizen sees encouraging words, analysts see categories that match the
 * official indicators (Eurostat DSI 2.0, INSEE illectronisme).
 */
export const DSI_AREAS = ['information', 'communication', 'contentCreation', 'safety', 'problemSolving'] as const;
export type DsiArea = (typeof DSI_AREAS)[number];

export const DSI_AREA_LEVELS = ['none', 'basic', 'aboveBasic'] as const;
export type DsiAreaLevel = (typeof DSI_AREA_LEVELS)[number];

/** Eurostat DSI 2.0 overall categories, plus "could not be assessed" (no internet use in 3 months). */
export const DSI_CATEGORIES = ['notAssessed', 'noSkills', 'limited', 'narrow', 'low', 'basic', 'aboveBasic'] as const;
export type DsiCategory = (typeof DSI_CATEGORIES)[number];

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
    /** null when the person did not use the internet in the last 3 months. */
    areas: Record<DsiArea, DsiAreaLevel> | null;
    category: DsiCategory;
  };
  /** INSEE's flag: no internet use in 3 months, or basic skills missing in ≥ 4 of 5 areas. */
  illectronisme: boolean;
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
