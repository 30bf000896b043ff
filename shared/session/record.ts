/**
 * What the kiosk stores about one visit. Built to be anonymous by construction
 * (docs/privacy.md): answers are codes from the questionnaire, there is no free text, no
 * timestamp finer than the day (added by the main process), and durations are rounded.
 */
import { z } from 'zod';
import { EXERCISE_OUTCOMES } from '../questionnaire/codes';
import { LANGUAGES } from '../i18n/languages';
import { SESSION_STATUSES } from './status';

const code = z.string().regex(/^[A-Z0-9_]{1,40}$/);
const questionId = z.string().regex(/^[a-z][a-zA-Z0-9]{0,47}$/);
const step = z.string().regex(/^[a-z][a-zA-Z0-9]{0,47}$/);

export const sessionRecordSchema = z.strictObject({
  questionnaire: z.strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  language: z.enum(LANGUAGES),
  status: z.enum(SESSION_STATUSES),
  /** The question id or screen the person was on when the session ended. */
  lastStep: step,
  // A code, a list of codes, or an item-by-item record (item code → code; at most 12 rows).
  answers: z
    .record(questionId, z.union([code, z.array(code).max(40), z.record(code, code).refine((r) => Object.keys(r).length <= 12, 'too many items')]))
    .refine((a) => Object.keys(a).length <= 200, 'too many answers'),
  exercises: z
    .record(questionId, z.strictObject({ outcome: z.enum(EXERCISE_OUTCOMES), durationS: z.number().int().min(0).max(3600) }))
    .refine((e) => Object.keys(e).length <= 20, 'too many exercises'),
  accompanied: z.boolean(),
  /** Raw duration in seconds; the repository rounds it to 10 s before storing. */
  durationS: z.number().min(0).max(24 * 3600),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

/** Durations are stored to the nearest 10 s so that they cannot single out a visit. */
export function roundDuration(seconds: number): number {
  return Math.round(seconds / 10) * 10;
}
