/**
 * The questionnaire format: a versioned, declarative definition that the kiosk machine,
 * the scoring rules and the exports all read. Adding or rewording a question is a data
 * change (this file's types plus the locale texts), never a code change.
 *
 * Texts are *keys* into the locale files, never literal strings, so every language and the
 * audio manifest follow the same keys. Answer codes are stable identifiers that stay the
 * same whatever the wording: they are what gets stored and exported.
 */
import { z } from 'zod';

import { EXERCISE_KINDS, MISSING_CODES, type ExerciseOutcome } from './codes';

export * from './codes';

const codeSchema = z.string().regex(/^[A-Z0-9_]{1,40}$/, 'answer codes are UPPER_SNAKE_CASE');
const idSchema = z.string().regex(/^[a-z][a-zA-Z0-9]{0,47}$/, 'ids are lowerCamelCase');
const textKeySchema = z.string().regex(/^[a-z][a-zA-Z0-9_.-]{0,119}$/);

/** Where to find the spoken version and the pictogram of a text. */
export const mediaSchema = z.strictObject({
  /** Text key whose recorded audio is played (assets/audio/<lang>/<key>.opus, docs/audio.md). */
  audio: textKeySchema,
  /** Pictogram id (assets/pictograms/<id>.svg). */
  pictogram: z.string().regex(/^[a-z0-9-]{1,40}$/),
});
export type Media = z.infer<typeof mediaSchema>;

export const optionSchema = z.strictObject({
  code: codeSchema,
  label: textKeySchema,
  media: mediaSchema,
  /** For multiple-choice questions: choosing this option clears the others ("none of these"). */
  exclusive: z.boolean().optional(),
});
export type AnswerOption = z.infer<typeof optionSchema>;

/**
 * Skip logic as data: a small closed set of operators over earlier answers. No string code,
 * no eval: the whole language is this union and `evaluateCondition` in conditions.ts.
 */
export type Condition =
  | { op: 'equals'; question: string; code: string }
  | { op: 'in'; question: string; codes: string[] }
  | { op: 'notIn'; question: string; codes: string[] }
  | { op: 'includes'; question: string; code: string }
  | { op: 'answered'; question: string }
  | { op: 'all'; conditions: Condition[] }
  | { op: 'any'; conditions: Condition[] }
  | { op: 'not'; condition: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.strictObject({ op: z.literal('equals'), question: idSchema, code: codeSchema }),
    z.strictObject({ op: z.literal('in'), question: idSchema, codes: z.array(codeSchema).min(1) }),
    z.strictObject({ op: z.literal('notIn'), question: idSchema, codes: z.array(codeSchema).min(1) }),
    z.strictObject({ op: z.literal('includes'), question: idSchema, code: codeSchema }),
    z.strictObject({ op: z.literal('answered'), question: idSchema }),
    z.strictObject({ op: z.literal('all'), conditions: z.array(conditionSchema).min(1) }),
    z.strictObject({ op: z.literal('any'), conditions: z.array(conditionSchema).min(1) }),
    z.strictObject({ op: z.literal('not'), condition: conditionSchema }),
  ]),
);

const questionBase = {
  id: idSchema,
  section: idSchema,
  label: textKeySchema,
  hint: textKeySchema.optional(),
  help: textKeySchema.optional(),
  media: mediaSchema,
  /** Shown only when this holds; when it stops holding, the answer is cleared. */
  showIf: conditionSchema.optional(),
  /** Offer the built-in "Je ne sais pas" / "Je préfère ne pas répondre" answers. */
  allowMissing: z.boolean(),
  /**
   * What the question counts, shown under it with a pictogram each (e.g. for internet use: a
   * phone, an app such as WhatsApp, any place), so that the question itself says it.
   */
  includes: z.array(z.strictObject({ label: textKeySchema, media: mediaSchema })).min(1).max(6).optional(),
};

export const singleQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal('single'),
  options: z.array(optionSchema).min(2),
});

export const multipleQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal('multiple'),
  options: z.array(optionSchema).min(2),
});

/**
 * One row of an item-by-item question: an activity the person did or not. Eurostat's ICT
 * survey asks each activity as its own yes/no item; a list of rows on one screen keeps that
 * meaning (an unanswered row is item non-response, not "no") with one tap per row.
 */
export const itemSchema = z.strictObject({
  code: codeSchema,
  label: textKeySchema,
  media: mediaSchema,
});
export type QuestionItem = z.infer<typeof itemSchema>;

/**
 * Item by item: every row is answered on the same `scale` (e.g. Oui / Non) plus the built-in
 * "Je ne sais pas" (DK) of each row. `allowMissing` adds one "Je préfère ne pas répondre"
 * (REF) for the whole screen. The answer is a record item code → scale code or DK.
 */
export const itemsQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal('items'),
  items: z.array(itemSchema).min(1).max(12),
  scale: z.array(optionSchema).min(2).max(3),
});

export const exerciseQuestionSchema = z.strictObject({
  ...questionBase,
  kind: z.literal('exercise'),
  exercise: z.enum(EXERCISE_KINDS),
});

export const questionSchema = z.discriminatedUnion('kind', [
  singleQuestionSchema,
  multipleQuestionSchema,
  itemsQuestionSchema,
  exerciseQuestionSchema,
]);
export type Question = z.infer<typeof questionSchema>;
export type ChoiceQuestion = Extract<Question, { kind: 'single' | 'multiple' }>;
export type ItemsQuestion = Extract<Question, { kind: 'items' }>;
export type ExerciseQuestion = Extract<Question, { kind: 'exercise' }>;

export const sectionSchema = z.strictObject({
  id: idSchema,
  title: textKeySchema,
  media: mediaSchema,
});
export type Section = z.infer<typeof sectionSchema>;

export const questionnaireSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    sections: z.array(sectionSchema).min(1),
    questions: z.array(questionSchema).min(1),
  })
  .superRefine((def, ctx) => {
    const sectionIds = new Set(def.sections.map((s) => s.id));
    const seen = new Map<string, Question>();
    for (const q of def.questions) {
      if (seen.has(q.id)) ctx.addIssue({ code: 'custom', message: `duplicate question id ${q.id}` });
      if (!sectionIds.has(q.section)) ctx.addIssue({ code: 'custom', message: `${q.id}: unknown section ${q.section}` });
      if (q.kind === 'single' || q.kind === 'multiple') {
        const codes = q.options.map((o) => o.code);
        if (new Set(codes).size !== codes.length) ctx.addIssue({ code: 'custom', message: `${q.id}: duplicate answer code` });
        for (const c of codes) {
          if ((MISSING_CODES as readonly string[]).includes(c)) ctx.addIssue({ code: 'custom', message: `${q.id}: ${c} is reserved` });
        }
      }
      if (q.kind === 'items') {
        const items = q.items.map((i) => i.code);
        if (new Set(items).size !== items.length) ctx.addIssue({ code: 'custom', message: `${q.id}: duplicate item code` });
        const scale = q.scale.map((o) => o.code);
        if (new Set(scale).size !== scale.length) ctx.addIssue({ code: 'custom', message: `${q.id}: duplicate answer code` });
        for (const c of scale) {
          if ((MISSING_CODES as readonly string[]).includes(c)) ctx.addIssue({ code: 'custom', message: `${q.id}: ${c} is reserved` });
        }
      }
      // Conditions may only look back: this keeps the flow acyclic and lets answers be
      // pruned in one forward pass.
      if (q.showIf) {
        for (const ref of conditionQuestions(q.showIf)) {
          const target = seen.get(ref.question);
          if (!target) {
            ctx.addIssue({ code: 'custom', message: `${q.id}: condition refers to ${ref.question}, which is not an earlier question` });
          } else if (target.kind === 'items') {
            // An item-by-item answer is a record, which no operator reads: say so rather than never match.
            ctx.addIssue({ code: 'custom', message: `${q.id}: condition refers to ${ref.question}, an item-by-item question` });
          } else if (ref.code !== undefined && target.kind !== 'exercise' && !target.options.some((o) => o.code === ref.code) && !(MISSING_CODES as readonly string[]).includes(ref.code)) {
            ctx.addIssue({ code: 'custom', message: `${q.id}: condition uses unknown code ${ref.code} of ${ref.question}` });
          }
        }
      }
      seen.set(q.id, q);
    }
  });
export type Questionnaire = z.infer<typeof questionnaireSchema>;

/** Every (question, code) pair a condition mentions, for validation. */
export function conditionQuestions(c: Condition): { question: string; code?: string }[] {
  switch (c.op) {
    case 'equals':
    case 'includes':
      return [{ question: c.question, code: c.code }];
    case 'in':
    case 'notIn':
      return c.codes.map((code) => ({ question: c.question, code }));
    case 'answered':
      return [{ question: c.question }];
    case 'all':
    case 'any':
      return c.conditions.flatMap(conditionQuestions);
    case 'not':
      return conditionQuestions(c.condition);
  }
}

/**
 * What a citizen's answer to one question looks like once stored: one code for a single
 * choice or an exercise outcome, a list of codes for a multiple choice, a record item code →
 * answer code for an item-by-item question (rows not answered yet are absent), or a missing code.
 */
export type ItemAnswers = Readonly<Record<string, string>>;
export type AnswerValue = string | readonly string[] | ItemAnswers;
export type Answers = Readonly<Record<string, AnswerValue>>;

/** Observed result of one practical exercise; durations are rounded to whole seconds. */
export interface ExerciseResult {
  outcome: ExerciseOutcome;
  durationS: number;
}
