/**
 * Prints taps and minutes of audio for the shortest and longest paths of a visit in French,
 * FALC and Arabic (scripts/visit/length.ts says what is counted), and the pace the voice is
 * heard at (scripts/visit/pace.ts), for the README.
 *
 *   npm run visit-length
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { questionnaire } from '../shared/questionnaire/definition';
import { languageDurations } from './visit/durations';
import { visitLength } from './visit/length';
import { languagePace } from './visit/pace';

const AUDIO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'audio');
const minutes = (s: number) => (s / 60).toFixed(1);

for (const language of ['fr', 'fr-x-falc', 'ar'] as const) {
  const durations = languageDurations(AUDIO_DIR, language);
  const { shortest, longest } = visitLength(questionnaire, durations);
  const pace = languagePace(AUDIO_DIR, language, durations);
  console.log(
    `${language}: shortest path ${shortest.questions.length} questions, ${shortest.taps} taps, ${minutes(shortest.audioSeconds)} min of audio; ` +
      `longest path ${longest.questions.length} questions, ${longest.taps} taps, ${minutes(longest.audioSeconds)} min of audio; ` +
      `espeak-ng ${pace.voice} at ${pace.speed} wpm, ${pace.syllablesPerSecond.toFixed(1)} syllables/s`,
  );
}
