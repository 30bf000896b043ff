/**
 * Where a visit ends: the one writer of the kiosk's counts (counts.ts). Saving re-derives
 * everything that can be derived (hidden answers pruned, scores, next steps) from the answers
 * with the shared rules, so a count never depends on what the renderer claimed; then ONE
 * transaction adds the visit to every declared table of the open export period. The visit
 * itself is not stored: it lives in the renderer's memory until the result screen is left.
 */
import type { Db } from './database';
import { createCountStore, type CountStore } from './counts';
import { recommend } from '../../shared/orientation/rules';
import type { HelpPlace } from '../../shared/orientation/directory';
import { isValidAnswer, pruneHiddenAnswers, questionById } from '../../shared/questionnaire/engine';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import type { Questionnaire } from '../../shared/questionnaire/schema';
import { scoreSession } from '../../shared/scoring';
import { type SessionRecord } from '../../shared/session/record';
import { coarseDay } from '../../shared/session/day';
import type { SessionFacts } from '../../shared/export/tables';

/** A record that parses but does not fit the questionnaire it claims (maps to invalidPayload). */
export class InvalidSessionError extends Error {
  readonly code = 'INVALID_SESSION';
}

export interface SessionRepository {
  /** Adds one ended visit to the counts (one transaction); nothing per visit is kept. */
  save(record: SessionRecord, when?: Date): void;
  /** Visits counted so far (every period). */
  count(): number;
  /** The counts themselves (export periods, tables, the dashboard's figures). */
  counts: CountStore;
}

/** What the tables read of a visit, derived by the shared rules; the day stays in memory. */
export function visitFacts(record: SessionRecord, definition: Questionnaire, directory: HelpPlace[], when: Date): SessionFacts {
  const answers = pruneHiddenAnswers(definition, record.answers);
  const exercises = Object.fromEntries(Object.entries(record.exercises).filter(([id]) => Object.hasOwn(answers, id)));
  const scores = scoreSession(answers, exercises);
  const recommendations = record.status === 'completed' ? recommend(scores, answers, directory, { language: record.language }) : [];
  return { day: coarseDay(when), language: record.language, status: record.status, lastStep: record.lastStep, answers, exercises, scores, recommendations };
}

export function createSessionRepository(
  db: Db,
  definition: Questionnaire,
  directory: () => HelpPlace[],
): SessionRepository {
  const counts = createCountStore(db);
  const add = db.transaction((record: SessionRecord, when: Date) => {
    counts.add(record.questionnaire, visitFacts(record, definition, directory(), when));
  });

  // The hash is known when the repository stores the questionnaire this build runs.
  const expectedHash = definition === currentQuestionnaire.definition ? currentQuestionnaire.hash : null;

  function checkFits(record: SessionRecord): void {
    if (record.questionnaire.id !== definition.id) throw new InvalidSessionError(`unknown questionnaire ${record.questionnaire.id}`);
    for (const [id, value] of Object.entries(record.answers)) {
      let question;
      try {
        question = questionById(definition, id);
      } catch {
        throw new InvalidSessionError(`unknown question ${id}`);
      }
      if (!isValidAnswer(question, value)) throw new InvalidSessionError(`invalid answer to ${id}`);
    }
    const known = record.lastStep === 'result' || record.lastStep === 'privacy' || definition.questions.some((q) => q.id === record.lastStep);
    if (!known) throw new InvalidSessionError(`unknown step ${record.lastStep}`);
    // A completed visit ends on the result; an abandoned one never reaches it.
    if ((record.status === 'completed') !== (record.lastStep === 'result')) throw new InvalidSessionError(`${record.status} visit cannot end at ${record.lastStep}`);
    // The renderer and this repository ship in one build: a row must name the questionnaire
    // that scored it, or exports would mix versions under one label.
    if (record.questionnaire.version !== definition.version) throw new InvalidSessionError(`questionnaire version ${record.questionnaire.version}`);
    if (expectedHash !== null && record.questionnaire.hash !== expectedHash) throw new InvalidSessionError('questionnaire hash does not match this build');
    // "Accompanied by a professional" is an answer; the flag must say the same.
    if (record.accompanied !== (record.answers['accompanied'] === 'PROFESSIONAL')) throw new InvalidSessionError('accompanied does not match the answer');
    // Observed results count in the scores: each must belong to an exercise question whose
    // stored answer is that very outcome (own keys only: "constructor" is not a question).
    for (const [id, result] of Object.entries(record.exercises)) {
      const question = definition.questions.find((q) => q.id === id);
      if (!question || question.kind !== 'exercise') throw new InvalidSessionError(`${id} is not an exercise`);
      if (!Object.hasOwn(record.answers, id) || record.answers[id] !== result.outcome) throw new InvalidSessionError(`exercise ${id} contradicts its answer`);
    }
    for (const question of definition.questions) {
      if (question.kind === 'exercise' && Object.hasOwn(record.answers, question.id) && !Object.hasOwn(record.exercises, question.id)) {
        throw new InvalidSessionError(`exercise ${question.id} answered without its result`);
      }
    }
  }

  return {
    save(record, when = new Date()) {
      checkFits(record);
      add(record, when);
    },
    count() {
      const v = counts.visits();
      return v.completed + v.abandoned;
    },
    counts,
  };
}
