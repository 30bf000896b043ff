/**
 * `reperes simulate`: fills a kiosk database with simulated visits so that dashboards,
 * exports and load tests have realistic data to work on.
 *
 * Who the visitors are and what they answer is the population model of
 * shared/simulation/population.ts (one latent skill per person by age band, items with
 * difficulties and logical implications, abandonment and "je ne sais pas" more likely at low
 * skill, exercise success tied to skill; by default it reproduces INSEE 2021 illectronisme by
 * age band: sources and numbers there). This file only runs those people through the kiosk.
 *
 * Nothing here shortcuts the kiosk. Each visitor walks the REAL visit machine
 * (`kioskMachine`, with its skip logic, guards and privacy reset between people) and each
 * visit is counted by the REAL session repository (`SessionRepository.save`: hidden answers
 * pruned, scores and next steps re-derived, then added to the declared tables' counts of the
 * open export period in one transaction; nothing per visit is stored). The simulator
 * only decides what a person would tap: it answers whatever question the machine shows from
 * the person's answers (an item-by-item screen row by row), does the exercises through
 * EXERCISE_DONE and, where the model says the person leaves, taps "Arrêter" (QUIT).
 *
 * Randomness comes from `pure-rand` (Mersenne Twister seeded with `seed`), so a seed fully
 * determines the counts, given the same `until` day and `months`.
 *
 * Time: 4–20 s per question (× the person's pace: 1.6 offline, 1.4 occasional, 1 regular,
 * 0.8 advanced), plus the exercise durations. Days: spread uniformly over the days the kiosk
 * opens (Monday to Saturday) of the `months` months (default 12) ending on `until` (default
 * today, local time), in chronological order.
 */
import { performance } from 'node:perf_hooks';
import { SimulatedClock, createActor, fromPromise, waitFor } from 'xstate';
import { kioskMachine } from '../../shared/flow/kioskMachine';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import { isItemAnswers, questionById, visibleQuestions } from '../../shared/questionnaire/engine';
import type { SessionRecord } from '../../shared/session/record';
import { coarseDay } from '../../shared/session/day';
import { Draw, POPULATION_MODEL, drawVisitor, type Visitor } from '../../shared/simulation/population';
import { openDatabase } from '../services/database';
import { checkExportEpochBeside, describeNewEpoch, type EpochCheck } from '../services/export/epochs';
import { createSessionRepository } from '../services/sessions';
import { createSettingsStore, settingsSchema } from '../services/settings';

export { AGE_BANDS, Draw, POPULATION_MODEL, TIERS, drawVisitor } from '../../shared/simulation/population';
export type { AgeBand, Group, Tier, Visitor } from '../../shared/simulation/population';

/** What the CLI adds to the population model: time and calendar. */
export const RUN_MODEL = {
  thinkSeconds: { min: 4, max: 20 },
  defaultAbandonRate: POPULATION_MODEL.abandon.defaultRate,
  defaultMonths: 12,
} as const;

// ---------------------------------------------------------------------------------------
// Calendar

/** Local noon of every day the kiosk opens (Monday–Saturday) in the `months` months ending on `until`. */
export function openDays(until: Date, months: number): Date[] {
  const days: Date[] = [];
  // Noon keeps day arithmetic clear of daylight-saving changes.
  const day = new Date(until.getFullYear(), until.getMonth() - months, until.getDate() + 1, 12);
  const last = new Date(until.getFullYear(), until.getMonth(), until.getDate(), 12);
  while (day.getTime() <= last.getTime()) {
    if (day.getDay() !== 0) days.push(new Date(day));
    day.setDate(day.getDate() + 1);
  }
  return days;
}

// ---------------------------------------------------------------------------------------
// Running visits through the kiosk

export interface SimulateOptions {
  /** Database file (created, or migrated and appended to). */
  db: string;
  sessions: number;
  seed: number;
  /** Site code stored in the kiosk settings (e.g. "LABO"). */
  site?: string | undefined;
  /** Share of visitors who quit before the end (default 0.15). */
  abandonRate?: number | undefined;
  /** Last day of the simulated period (default: today, local time). */
  until?: Date | undefined;
  /** Length of the simulated period in months (default 12). */
  months?: number | undefined;
  /** Visits per transaction (default 500). */
  batchSize?: number | undefined;
  /** Sees each record the kiosk machine sent to be saved, after it was counted (the bench replays them). */
  onSaved?: ((record: SessionRecord, when: Date) => void) | undefined;
}

export interface SimulationSummary {
  completed: number;
  abandoned: number;
  firstDay: string | null;
  lastDay: string | null;
  elapsedMs: number;
  /** A new export epoch opened before the first visit (the database was behind its exports). */
  newEpoch?: EpochCheck;
}

/** Invalid options (reported as a usage error by the command line). */
export class SimulationOptionError extends Error {}

function checkOptions(o: SimulateOptions): void {
  if (!Number.isSafeInteger(o.sessions) || o.sessions < 0) throw new SimulationOptionError('--sessions must be a whole number ≥ 0');
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new SimulationOptionError('--seed must be a whole number between 0 and 4294967295');
  const rate = o.abandonRate ?? RUN_MODEL.defaultAbandonRate;
  if (!(rate >= 0 && rate <= 1)) throw new SimulationOptionError('--abandon-rate must be a number between 0 and 1');
  const months = o.months ?? RUN_MODEL.defaultMonths;
  if (!Number.isInteger(months) || months < 1 || months > 120) throw new SimulationOptionError('--months must be a whole number between 1 and 120');
  if (o.until !== undefined && Number.isNaN(o.until.getTime())) throw new SimulationOptionError('--until must be a date (YYYY-MM-DD)');
  if (o.site !== undefined && (o.site === '' || !settingsSchema.shape.siteCode.safeParse(o.site).success)) {
    throw new SimulationOptionError('--site must be 1 to 16 capital letters, digits or hyphens (e.g. LABO)');
  }
  const batch = o.batchSize ?? 500;
  if (!Number.isInteger(batch) || batch < 1) throw new SimulationOptionError('batchSize must be a whole number ≥ 1');
}

export async function simulate(options: SimulateOptions): Promise<SimulationSummary> {
  checkOptions(options);
  const started = performance.now();
  const abandonRate = options.abandonRate ?? RUN_MODEL.defaultAbandonRate;
  const batchSize = options.batchSize ?? 500;
  const definition = currentQuestionnaire.definition;

  const db = openDatabase(options.db);
  try {
    // As the kiosk at start: a database restored behind the exports already issued opens a new
    // export epoch before any visit is added, so the new visits are exported in it.
    const epoch = checkExportEpochBeside(db, options.db);
    const settingsStore = createSettingsStore(db);
    if (options.site !== undefined) settingsStore.update({ siteCode: options.site });
    const settings = settingsStore.get();
    // Settings do not change during a run: read the directory once instead of per visit.
    const directory = settings.directory;
    const repository = createSessionRepository(db, definition, () => directory);

    // Two streams: the calendar does not shift the visitors' answers, and vice versa.
    const draw = Draw.seeded(options.seed);
    const calendarDraw = Draw.seeded(options.seed ^ 0x5bd1e995);
    const days = openDays(options.until ?? new Date(), options.months ?? RUN_MODEL.defaultMonths);
    const dayIndexes = Array.from({ length: options.sessions }, () => calendarDraw.int(0, days.length - 1)).sort((a, b) => a - b);

    // The visit clock (durations) is advanced by the simulated person; the machine's timers
    // run on a simulated clock that never moves, so no idle timeout ever fires.
    let nowMs = 0;
    let when = new Date();
    let saveError: unknown = null;
    const machine = kioskMachine.provide({
      actors: {
        saveSession: fromPromise<unknown, SessionRecord>(async ({ input }) => {
          try {
            repository.save(input, when);
            options.onSaved?.(input, when);
            return null;
          } catch (error) {
            saveError = error;
            throw error;
          }
        }),
      },
    });
    const actor = createActor(machine, {
      clock: new SimulatedClock(),
      input: {
        definition,
        questionnaireHash: currentQuestionnaire.hash,
        enabledLanguages: settings.enabledLanguages,
        idleDelayMs: settings.idleDelayS * 1000,
        warningDelayMs: settings.warningDelayS * 1000,
        now: () => nowMs,
      },
    });
    actor.start();

    const think = (visitor: Visitor) => {
      nowMs += Math.round(draw.int(RUN_MODEL.thinkSeconds.min, RUN_MODEL.thinkSeconds.max) * visitor.pace * 1000);
    };

    const visit = async (visitor: Visitor, quitAt: number | null): Promise<'completed' | 'abandoned'> => {
      actor.send({ type: 'START' });
      actor.send({ type: 'CHOOSE_LANGUAGE', language: visitor.language });
      actor.send({ type: 'CONTINUE' });
      for (let step = 0; ; step++) {
        const snapshot = actor.getSnapshot();
        if (!snapshot.matches({ session: { flow: 'question' } })) break;
        const id = snapshot.context.currentQuestion;
        if (id === null) throw new Error('the kiosk shows a question without an id');
        think(visitor);
        if (quitAt === step) {
          actor.send({ type: 'QUIT' });
          await waitFor(actor, (s) => s.matches('attract'));
          return 'abandoned';
        }
        const question = questionById(definition, id);
        if (question.kind === 'exercise') {
          const result = visitor.exercises[id];
          if (!result) throw new Error(`no simulated outcome for exercise ${id}`);
          nowMs += result.durationS * 1000;
          actor.send({ type: 'EXERCISE_DONE', outcome: result.outcome, durationS: result.durationS });
        } else {
          const value = visitor.answers[id];
          if (value === undefined) throw new Error(`no simulated answer for ${id}`);
          if (isItemAnswers(value)) {
            // One tap per row, as on the screen.
            for (const [item, code] of Object.entries(value)) actor.send({ type: 'ANSWER_ITEM', item, code });
          } else actor.send({ type: 'ANSWER', value });
          actor.send({ type: 'NEXT' });
        }
        const after = actor.getSnapshot();
        if (after.matches({ session: { flow: 'question' } }) && after.context.currentQuestion === id) {
          throw new Error(`the kiosk did not accept the simulated answer to ${id}`);
        }
      }
      await waitFor(actor, (s) => s.matches({ session: { flow: 'result' } }));
      if (actor.getSnapshot().context.saveFailed) throw saveError ?? new Error('the kiosk could not save a visit');
      actor.send({ type: 'FINISH' });
      return 'completed';
    };

    const summary: SimulationSummary = { completed: 0, abandoned: 0, firstDay: null, lastDay: null, elapsedMs: 0, ...(epoch?.opened ? { newEpoch: epoch } : {}) };
    // better-sqlite3's db.transaction() only wraps synchronous functions, and the kiosk saves
    // through an async actor: batches are therefore explicit BEGIN/COMMIT around visits.
    // One commit per visit would cost one fsync each (synchronous = FULL).
    try {
      for (let i = 0; i < options.sessions; i++) {
        if (i % batchSize === 0) db.exec('BEGIN IMMEDIATE');
        const day = days[dayIndexes[i] ?? 0];
        if (!day) throw new Error('no open day in the simulated period');
        when = day;
        const visitor = drawVisitor(draw, settings.enabledLanguages, { abandonRate, definition });
        // The model says where along the path the person leaves (more often at low skill).
        const quitAt = visitor.leavesAt === null ? null : Math.floor(visitor.leavesAt * visibleQuestions(definition, visitor.answers).length);
        nowMs = 0;
        const outcome = await visit(visitor, quitAt);
        if (saveError !== null) throw saveError;
        summary[outcome] += 1;
        summary.firstDay ??= coarseDay(day);
        summary.lastDay = coarseDay(day);
        if (i % batchSize === batchSize - 1 || i === options.sessions - 1) db.exec('COMMIT');
      }
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    } finally {
      actor.stop();
    }
    summary.elapsedMs = performance.now() - started;
    return summary;
  } finally {
    db.close();
  }
}

export function formatSummary(summary: SimulationSummary, file: string): string {
  const total = summary.completed + summary.abandoned;
  const period = summary.firstDay ? `, days ${summary.firstDay} to ${summary.lastDay}` : '';
  return `Simulated ${total} sessions into ${file}: ${summary.completed} completed, ${summary.abandoned} abandoned${period}, in ${(summary.elapsedMs / 1000).toFixed(1)} s.${summary.newEpoch ? ` First, ${describeNewEpoch(summary.newEpoch)}.` : ''}`;
}
