/**
 * The README says how many taps a full visit takes before and after questionnaire version 2
 * (issue 12): the figures are counted by scripts/taps/count.ts on the questionnaires' own
 * structure and skip logic, and this test fails if the README and the count disagree, or if
 * the counter stops counting what a person taps.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { questionnaire } from '../../shared/questionnaire/definition';
import { FIXED_TAPS, QUESTIONNAIRE_V1, tapProfiles, tapsOfVisit } from '../../scripts/taps/count';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('taps of a full visit', () => {
  const profiles = tapProfiles(questionnaire);

  it('counts every answer, every "Suivant" and the four screens around the questions', () => {
    // The shortest possible path: age refused… every single choice answered once.
    const answers = { ageBand: 'REF', commune: 'OUTSIDE', accompanied: 'ALONE' };
    const def = { ...questionnaire, questions: questionnaire.questions.slice(0, 3) };
    expect(tapsOfVisit(def, answers)).toBe(FIXED_TAPS + 3 * 2);
    // An item-by-item screen: one tap per row, then "Suivant".
    const rows = questionnaire.questions.find((q) => q.id === 'actContent');
    if (rows?.kind !== 'items') throw new Error('actContent is item by item');
    const one = { ...questionnaire, questions: [rows] };
    expect(tapsOfVisit(one, { actContent: Object.fromEntries(rows.items.map((i) => [i.code, 'NO'])) })).toBe(FIXED_TAPS + rows.items.length + 1);
    expect(tapsOfVisit(one, { actContent: 'REF' })).toBe(FIXED_TAPS + 2);
  });

  it('reads the version-1 structure with its five tick-all activity screens', () => {
    expect(QUESTIONNAIRE_V1.version).toBe('1.0.0');
    expect(QUESTIONNAIRE_V1.questions.filter((q) => q.id.startsWith('act')).map((q) => q.kind)).toEqual(['multiple', 'multiple', 'multiple', 'multiple', 'multiple']);
  });

  it('costs an internet user one tap per activity row instead of one per ticked activity', () => {
    const basic = profiles.find((p) => p.id === 'basic');
    const rows = questionnaire.questions.filter((q) => q.kind === 'items').reduce((s, q) => s + (q.kind === 'items' ? q.items.length : 0), 0);
    // Version 1: 5 ticks + 5 "Suivant"; version 2: every row + 6 "Suivant" (purchases have their own screen).
    expect((basic?.current ?? 0) - (basic?.v1 ?? 0)).toBe(rows + 6 - 10);
    expect(readme).toContain(`(${rows} rows on six screens)`);
  });

  it('is what the README says, profile by profile', () => {
    for (const p of profiles) {
      expect(readme, p.id).toContain(`${p.v1} taps before, ${p.current} with version ${questionnaire.version.split('.')[0]}`);
    }
  });
});
