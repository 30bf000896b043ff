/**
 * How long a visit is: taps and minutes of audio on the shortest and the longest paths
 * through the questionnaire (shared/questionnaire/paths.ts finds every path), per language.
 * Pure: the durations of the audio files are given (scripts/visit-length.mts reads them from
 * the Ogg files); test/unit/visit-length.test.ts runs it on the real definition and audio.
 *
 * Audio is what "Écouter" says once on each screen of the path: the language screen's title,
 * the privacy screen, each question as renderer/src/audio/scripts.ts reads it (with its section's
 * title on the first screen of a section), and the fixed
 * part of the result (title, the longest or shortest summary, "what you already do"); the
 * result's places vary with the directory and are not counted.
 * Taps are counted as scripts/taps/count.ts counts them: on the shortest path one answer
 * per screen (one per row on item-by-item screens) and every exercise skipped; on the longest
 * path every box that can be ticked and every exercise done.
 */
import { pathsFrom } from '../../shared/questionnaire/paths';
import type { Question, Questionnaire } from '../../shared/questionnaire/schema';
import { questionScreenSpeech } from '../../renderer/src/audio/scripts';
import { EXERCISE_TAPS, FIXED_TAPS } from '../taps/count';

/** Seconds of audio per spoken key in one language (plural texts under their base key). */
export type Durations = Readonly<Record<string, number>>;

/** The privacy screen as PrivacyScreen.tsx reads it (the idle limit under its base key). */
export const PRIVACY_KEYS = ['privacy.title', 'privacy.anonymous', 'privacy.nothingLeaves', 'privacy.forget', 'privacy.noWrongAnswer', 'privacy.duration', 'privacy.idleLimit', 'privacy.continue'];
const BEFORE_QUESTIONS = ['language.title', ...PRIVACY_KEYS];
const RESULT_KEYS = ['result.title', 'result.strengthsTitle'];

export interface PathLength {
  /** The questions of the path, in order. */
  questions: string[];
  taps: number;
  audioSeconds: number;
}

export interface VisitLength {
  shortest: PathLength;
  longest: PathLength;
}

function seconds(durations: Durations, key: string): number {
  const value = durations[key];
  if (value === undefined) throw new Error(`no audio duration for ${key}`);
  return value;
}

export function questionSeconds(def: Pick<Questionnaire, 'sections'>, question: Question, durations: Durations, previous?: Question): number {
  return questionScreenSpeech(def, question, previous).reduce((sum, item) => sum + ('key' in item ? seconds(durations, item.key) : 0), 0);
}

/** Every screen of a path as "Écouter" reads it, each after the screen before. */
export function pathSeconds(def: Pick<Questionnaire, 'sections'>, path: Question[], durations: Durations): number {
  return path.reduce((sum, q, i) => sum + questionSeconds(def, q, durations, path[i - 1]), 0);
}

/** Taps on one screen: the fewest a person can make, or the most. */
export function questionTaps(question: Question, most: boolean): number {
  switch (question.kind) {
    case 'single':
      return 2; // the answer, "Suivant"
    case 'multiple':
      return (most ? question.options.filter((o) => !o.exclusive).length : 1) + 1;
    case 'items':
      return question.items.length + 1;
    case 'exercise':
      return most ? (EXERCISE_TAPS[question.id] ?? 1) : 1; // done, or "Passer"
  }
}

function lengthOf(def: Questionnaire, path: Question[], durations: Durations, most: boolean): PathLength {
  const summaries = Object.keys(durations).filter((k) => k.startsWith('result.summary.')).map((k) => seconds(durations, k));
  const fixed = [...BEFORE_QUESTIONS, ...RESULT_KEYS].reduce((sum, key) => sum + seconds(durations, key), 0) + (most ? Math.max(...summaries) : Math.min(...summaries));
  return {
    questions: path.map((q) => q.id),
    taps: FIXED_TAPS + path.reduce((sum, q) => sum + questionTaps(q, most), 0),
    audioSeconds: fixed + pathSeconds(def, path, durations),
  };
}

/** The shortest and the longest paths, by minutes of audio, with their taps. */
export function visitLength(def: Questionnaire, durations: Durations): VisitLength {
  const byAudio = pathsFrom(def, {}, 0)
    .map((path) => ({ path, audio: pathSeconds(def, path, durations) }))
    .sort((a, b) => a.audio - b.audio);
  const shortest = byAudio[0];
  const longest = byAudio.at(-1);
  if (!shortest || !longest) throw new Error('the questionnaire has no path');
  return { shortest: lengthOf(def, shortest.path, durations, false), longest: lengthOf(def, longest.path, durations, true) };
}

/**
 * Seconds a tap takes a person, the reach and the choice included: the walk-through
 * (67 taps adding 3–4 minutes to the listening) gives about 3 s.
 */
export const SECONDS_PER_TAP = 3;

/** Minutes of a visit on a path, listening to every screen once and tapping. */
export function visitMinutes(path: PathLength): number {
  return (path.audioSeconds + path.taps * SECONDS_PER_TAP) / 60;
}
