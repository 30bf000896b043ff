/**
 * The questionnaire's fixed codes, without the zod schema: the renderer needs these values
 * at run time, and importing them from schema.ts would put the whole validation library in
 * the kiosk's bundle.
 */

/** Built-in missing codes, stored distinctly so analysts can tell "don't know" from "refused". */
export const DONT_KNOW = 'DK';
export const REFUSED = 'REF';
export const MISSING_CODES = [DONT_KNOW, REFUSED] as const;
export type MissingCode = (typeof MISSING_CODES)[number];

/** Outcome codes of the optional practical exercises. */
export const EXERCISE_OUTCOMES = ['SUCCESS', 'FAILURE', 'SKIPPED'] as const;
export type ExerciseOutcome = (typeof EXERCISE_OUTCOMES)[number];

export const EXERCISE_KINDS = ['tap', 'scroll', 'type', 'phishing', 'secureSite'] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];
