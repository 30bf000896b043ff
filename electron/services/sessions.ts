/**
 * The session repository: the one owner of the `sessions` table. Saving re-derives
 * everything that can be derived (hidden answers pruned, scores, next steps) from the
 * answers with the shared rules, so a stored row never depends on what the renderer claimed.
 */
import type { Db } from './database';
import { recommend } from '../../shared/orientation/rules';
import type { HelpPlace } from '../../shared/orientation/directory';
import { isValidAnswer, pruneHiddenAnswers, questionById } from '../../shared/questionnaire/engine';
import type { Questionnaire } from '../../shared/questionnaire/schema';
import { scoreSession } from '../../shared/scoring';
import type { Recommendation, Scores } from '../../shared/scoring/types';
import { coarseDay, roundDuration, type SessionRecord } from '../../shared/session/record';

/** A record that parses but does not fit the questionnaire it claims (maps to invalidPayload). */
export class InvalidSessionError extends Error {
  readonly code = 'INVALID_SESSION';
}

export interface StoredSession {
  id: number;
  day: string;
  questionnaire: { id: string; version: string; hash: string };
  language: string;
  status: 'completed' | 'abandoned';
  lastStep: string;
  accompanied: boolean;
  durationS: number;
  answers: Record<string, string | string[]>;
  exercises: SessionRecord['exercises'];
  scores: Scores;
  recommendations: Recommendation[];
}

interface SessionRow {
  id: number;
  day: string;
  questionnaire_id: string;
  questionnaire_version: string;
  questionnaire_hash: string;
  language: string;
  status: 'completed' | 'abandoned';
  last_step: string;
  accompanied: 0 | 1;
  duration_s: number;
  answers: string;
  exercises: string;
  scores: string;
  recommendations: string;
}

export interface SessionRepository {
  save(record: SessionRecord, when?: Date): number;
  count(): number;
  list(): StoredSession[];
}

export function createSessionRepository(
  db: Db,
  definition: Questionnaire,
  directory: () => HelpPlace[],
): SessionRepository {
  const insert = db.prepare(`
    INSERT INTO sessions (day, questionnaire_id, questionnaire_version, questionnaire_hash, language, status,
      last_step, accompanied, duration_s, answers, exercises, scores, recommendations)
    VALUES (@day, @questionnaire_id, @questionnaire_version, @questionnaire_hash, @language, @status,
      @last_step, @accompanied, @duration_s, @answers, @exercises, @scores, @recommendations)`);

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
  }

  return {
    save(record, when = new Date()) {
      checkFits(record);
      const answers = pruneHiddenAnswers(definition, record.answers);
      const exercises = Object.fromEntries(Object.entries(record.exercises).filter(([id]) => answers[id] !== undefined));
      const scores = scoreSession(answers, exercises);
      const recommendations = record.status === 'completed' ? recommend(scores, answers, directory()) : [];
      const info = insert.run({
        day: coarseDay(when),
        questionnaire_id: record.questionnaire.id,
        questionnaire_version: record.questionnaire.version,
        questionnaire_hash: record.questionnaire.hash,
        language: record.language,
        status: record.status,
        last_step: record.lastStep,
        accompanied: record.accompanied ? 1 : 0,
        duration_s: roundDuration(record.durationS),
        answers: JSON.stringify(answers),
        exercises: JSON.stringify(exercises),
        scores: JSON.stringify(scores),
        recommendations: JSON.stringify(recommendations),
      });
      return Number(info.lastInsertRowid);
    },
    count() {
      return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;
    },
    list() {
      return (db.prepare('SELECT * FROM sessions ORDER BY id').all() as SessionRow[]).map((row) => ({
        id: row.id,
        day: row.day,
        questionnaire: { id: row.questionnaire_id, version: row.questionnaire_version, hash: row.questionnaire_hash },
        language: row.language,
        status: row.status,
        lastStep: row.last_step,
        accompanied: row.accompanied === 1,
        durationS: row.duration_s,
        answers: JSON.parse(row.answers) as StoredSession['answers'],
        exercises: JSON.parse(row.exercises) as StoredSession['exercises'],
        scores: JSON.parse(row.scores) as Scores,
        recommendations: JSON.parse(row.recommendations) as Recommendation[],
      }));
    },
  };
}
