/**
 * Prints how many taps a full visit takes in questionnaire version 1 and in this build's
 * version, for the README's profiles (scripts/taps/count.ts says what a tap is).
 *
 *   npx tsx scripts/count-taps.mts
 */
import { questionnaire } from '../shared/questionnaire/definition';
import { tapProfiles } from './taps/count';

for (const p of tapProfiles(questionnaire)) {
  console.log(`${p.id}: ${p.v1} taps in version 1, ${p.current} in version ${questionnaire.version} (${p.who})`);
}
