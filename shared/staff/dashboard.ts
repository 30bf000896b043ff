/**
 * The site dashboard's figures, computed where the sessions are (the main process) so that a
 * count below the small-cell threshold k never reaches the screen: it leaves this module as
 * `{ belowK: true }`, without its value. Shares are given only when both their terms reach k.
 * No totals are shown beside suppressed cells, so a hidden cell cannot be recovered by
 * subtraction.
 */
import { AUTONOMY_TASKS, questionnaire } from '../questionnaire/definition';
import { AUTONOMY_PROFILES, DSI_CATEGORIES } from '../scoring/types';
import { DIMENSIONS, MISSING, illectronismeCode, type SessionFacts } from '../export/tables';
import { ILLECTRONISME_CODES } from '../scoring/types';
import type { DashboardData, DashboardMatrix, Figure } from './types';

export const DASHBOARD_WEEKS = 12;

const AGE_BANDS = DIMENSIONS.ageBand.codes.filter((c) => c.startsWith('A'));
const AGE_SERIES = [...AGE_BANDS, MISSING];
const LEVELS = ['ALONE', 'WITH_HELP', 'CANNOT', MISSING];

export function figure(count: number, k: number): Figure {
  return count >= k ? { n: count } : { belowK: true };
}

function answer(s: SessionFacts, question: string): string | undefined {
  const v = s.answers[question];
  if (typeof v === 'string') return v;
  return Array.isArray(v) ? (v as readonly string[])[0] : undefined;
}

/** Age band, with "don't know", "refused" and "not reached" merged: the dashboard is small. */
function ageOf(s: SessionFacts): string {
  const a = answer(s, 'ageBand');
  return a !== undefined && AGE_BANDS.includes(a) ? a : MISSING;
}

function codesOf(s: SessionFacts, question: string): string[] {
  const v = s.answers[question];
  if (v === undefined) return [MISSING];
  const list = typeof v === 'string' ? [v] : Array.isArray(v) ? [...(v as readonly string[])] : [];
  return list.length ? list : [MISSING];
}

/** Monday of the week of a YYYY-MM-DD day, as YYYY-MM-DD (calendar arithmetic in UTC). */
export function weekStart(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const offset = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - offset);
  return date.toISOString().slice(0, 10);
}

function lastWeeks(today: string, count: number): string[] {
  const first = new Date(`${weekStart(today)}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(first);
    d.setUTCDate(d.getUTCDate() - 7 * (count - 1 - i));
    return d.toISOString().slice(0, 10);
  });
}

/** Counts sessions into rows × series; `pairs` gives the (row, series) pairs one session adds. */
function matrix(
  id: DashboardMatrix['id'],
  rows: DashboardMatrix['rows'],
  series: DashboardMatrix['series'],
  sessions: readonly SessionFacts[],
  pairs: (s: SessionFacts) => [string, string][],
  k: number,
): DashboardMatrix & { raw: number[][] } {
  const raw = rows.codes.map(() => series.codes.map(() => 0));
  for (const s of sessions) {
    for (const [r, c] of pairs(s)) {
      const i = rows.codes.indexOf(r);
      const j = series.codes.indexOf(c);
      const row = raw[i];
      if (row && j >= 0) row[j] = (row[j] ?? 0) + 1;
    }
  }
  return { id, rows, series, values: raw.map((row) => row.map((n) => figure(n, k))), raw };
}

function publicMatrix(m: DashboardMatrix & { raw?: number[][] }): DashboardMatrix {
  const { raw: _raw, ...rest } = m;
  return rest;
}

export function computeDashboard(all: readonly SessionFacts[], k: number, today: string): DashboardData {
  const completed = all.filter((s) => s.status === 'completed');
  const abandoned = all.filter((s) => s.status === 'abandoned');
  const months = all.map((s) => s.day.slice(0, 7)).sort();
  const sectionOf = new Map(questionnaire.questions.map((q) => [q.id, q.section]));
  const sections = ['privacy', ...questionnaire.sections.map((s) => s.id)];
  const weeks = lastWeeks(today, DASHBOARD_WEEKS);

  const illectronisme = matrix(
    'illectronismeByAge',
    { dimension: 'ageBand', codes: AGE_SERIES },
    // "unknown" (item non-response) is counted apart and left out of the share, never taken for "no".
    { dimension: 'illectronisme', codes: [...ILLECTRONISME_CODES] },
    completed,
    (s) => [[ageOf(s), illectronismeCode(s.scores)]],
    k,
  );
  const shares = illectronisme.raw.map(([yes = 0, no = 0]) => (yes >= k && yes + no >= k ? Math.round((100 * yes) / (yes + no)) : null));

  const matrices: DashboardMatrix[] = [
    matrix(
      'sessionsPerWeek',
      { dimension: 'week', codes: weeks },
      { dimension: 'status', codes: ['completed', 'abandoned'] },
      all,
      (s) => [[weekStart(s.day), s.status]],
      k,
    ),
    matrix('completion', { dimension: 'status', codes: ['completed', 'abandoned'] }, { dimension: 'total', codes: ['total'] }, all, (s) => [[s.status, 'total']], k),
    matrix(
      'abandonSection',
      { dimension: 'section', codes: sections },
      { dimension: 'total', codes: ['total'] },
      abandoned,
      (s) => [[s.lastStep === 'privacy' ? 'privacy' : (sectionOf.get(s.lastStep) ?? 'privacy'), 'total']],
      k,
    ),
    matrix(
      'dsiByAge',
      { dimension: 'dsiCategory', codes: [...DSI_CATEGORIES] },
      { dimension: 'ageBand', codes: AGE_SERIES },
      completed,
      (s) => [[s.scores.dsi.category, ageOf(s)]],
      k,
    ),
    { ...publicMatrix(illectronisme), shares },
    matrix(
      'autonomyTasks',
      { dimension: 'task', codes: [...AUTONOMY_TASKS] },
      { dimension: 'autonomyLevel', codes: LEVELS },
      completed,
      (s) =>
        AUTONOMY_TASKS.map((task) => {
          const level = answer(s, task);
          return [task, level !== undefined && LEVELS.includes(level) ? level : MISSING];
        }),
      k,
    ),
    matrix(
      'autonomyProfileByAge',
      { dimension: 'autonomyProfile', codes: [...AUTONOMY_PROFILES] },
      { dimension: 'ageBand', codes: AGE_SERIES },
      completed,
      (s) => [[s.scores.autonomy.profile, ageOf(s)]],
      k,
    ),
    matrix(
      'needsByAge',
      { dimension: 'need', codes: [...DIMENSIONS.need.codes] },
      { dimension: 'ageBand', codes: AGE_SERIES },
      completed,
      (s) => codesOf(s, 'wantsToLearn').map((code) => [code, ageOf(s)]),
      k,
    ),
    matrix(
      'barriersByAge',
      { dimension: 'barrier', codes: [...DIMENSIONS.barrier.codes] },
      { dimension: 'ageBand', codes: AGE_SERIES },
      completed,
      (s) => codesOf(s, 'barriers').map((code) => [code, ageOf(s)]),
      k,
    ),
  ].map(publicMatrix);

  return {
    k,
    period: months.length ? { from: months[0] as string, to: months.at(-1) as string } : null,
    sessions: figure(all.length, k),
    matrices,
  };
}
