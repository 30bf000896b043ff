/**
 * The session repository: the one owner of the `sessions` table. Saving re-derives
 * everything that can be derived (hidden answers pruned, scores, next steps) from the
 * answers with the shared rules, so a stored row never depends on what the renderer claimed.
 */
import type { Db } from './database';
import { recommend } from '../../shared/orientation/rules';
import type { HelpPlace } from '../../shared/orientation/directory';
import { isValidAnswer, pruneHiddenAnswers, questionById } from '../../shared/questionnaire/engine';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
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
  answers: Record<string, string | string[] | Record<string, string>>;
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
  /**
   * The sessions stored after `afterId`, in id order, read one row at a time: what an export
   * walks, in memory that does not grow with the table (a kiosk may hold a million visits).
   * Read-only: `exercises` and `recommendations` objects are shared between sessions (frozen).
   */
  since(afterId: number): IterableIterator<StoredSession>;
}

function storedSession(row: SessionRow): StoredSession {
  return {
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
  };
}

/** The columns of `SessionRow`, in order, for reading rows as arrays (cheaper than objects). */
const COLUMNS = 'id, day, questionnaire_id, questionnaire_version, questionnaire_hash, language, status, last_step, accompanied, duration_s, answers, exercises, scores, recommendations';
type RawRow = [number, string, string, string, string, string, SessionRow['status'], string, 0 | 1, number, string, string, string, string];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * JSON.parse for columns whose texts repeat a lot across visits (exercises: mostly "{}";
 * next steps: a few dozen combinations): each distinct text is parsed once and shared,
 * frozen so that no reader can change it for the others. Bounded, then it stops caching.
 */
function sharedParser<T>(limit = 10_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      value = deepFreeze(JSON.parse(text) as T);
      if (cache.size < limit) cache.set(text, value);
    }
    return value;
  };
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
      const answers = pruneHiddenAnswers(definition, record.answers);
      const exercises = Object.fromEntries(Object.entries(record.exercises).filter(([id]) => Object.hasOwn(answers, id)));
      const scores = scoreSession(answers, exercises);
      const recommendations = record.status === 'completed' ? recommend(scores, answers, directory(), { language: record.language }) : [];
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
      return (db.prepare('SELECT * FROM sessions ORDER BY id').all() as SessionRow[]).map(storedSession);
    },
    *since(afterId) {
      // A statement of its own per walk: a statement being iterated cannot serve another walk.
      const rows = db.prepare(`SELECT ${COLUMNS} FROM sessions WHERE id > ? ORDER BY id`).raw(true).iterate(afterId) as IterableIterator<RawRow>;
      const exercises = sharedParser<StoredSession['exercises']>();
      const recommendations = sharedParser<Recommendation[]>();
      for (const r of rows) {
        yield {
          id: r[0],
          day: r[1],
          questionnaire: { id: r[2], version: r[3], hash: r[4] },
          language: r[5],
          status: r[6],
          lastStep: r[7],
          accompanied: r[8] === 1,
          durationS: r[9],
          answers: JSON.parse(r[10]) as StoredSession['answers'],
          exercises: exercises(r[11]),
          scores: JSON.parse(r[12]) as Scores,
          recommendations: recommendations(r[13]),
        };
      }
    },
  };
}
