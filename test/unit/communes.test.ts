/**
 * The commune question (docs/context.md, docs/privacy.md): the 55 communes of the CA de Cambrai (EPCI
 * 200068500) exactly as the official @etalab/decoupage-administratif data lists them, or
 * "outside". The generated file must not drift from its source, and the question's codes
 * are derived from INSEE codes so that exports can be joined with national data.
 */
import { describe, expect, it } from 'vitest';
import { CA_CAMBRAI_EPCI, cambraiCommunes } from '../../scripts/communes-source';
import communes from '../../shared/questionnaire/communes.generated.json';
import { questionnaire } from '../../shared/questionnaire/definition';
import { questionById } from '../../shared/questionnaire/engine';

describe('the commune list', () => {
  it('is exactly what @etalab/decoupage-administratif says for EPCI 200068500 (regenerate with scripts/generate-communes.ts)', () => {
    expect(CA_CAMBRAI_EPCI).toBe('200068500');
    expect(communes).toEqual(cambraiCommunes());
  });

  it('has the 55 communes of the CA de Cambrai, each once, with a 5-character INSEE code of the Nord', () => {
    expect(communes).toHaveLength(55);
    const codes = communes.map((c) => c.code);
    expect(new Set(codes).size).toBe(55);
    for (const c of communes) {
      expect(c.code).toMatch(/^59\d{3}$/);
      expect(c.name.trim()).not.toBe('');
      expect(c.population).toBeGreaterThan(0);
    }
  });

  it('includes Cambrai, 59122, the largest commune', () => {
    const cambrai = communes.find((c) => c.code === '59122');
    expect(cambrai?.name).toBe('Cambrai');
    expect(Math.max(...communes.map((c) => c.population))).toBe(cambrai?.population);
  });

  it('is sorted by name as a French reader looks for theirs', () => {
    const names = communes.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr')));
  });
});

describe('the commune question', () => {
  const question = questionById(questionnaire, 'commune');

  it("offers exactly 'C' + INSEE code for each commune, then OUTSIDE", () => {
    if (question.kind !== 'single') throw new Error('commune must be a single-choice question');
    expect(question.options.map((o) => o.code)).toEqual([...communes.map((c) => `C${c.code}`), 'OUTSIDE']);
  });

  it('labels each commune with its proper-noun key commune.<INSEE code>', () => {
    if (question.kind !== 'single') throw new Error('commune must be a single-choice question');
    for (const c of communes) {
      const option = question.options.find((o) => o.code === `C${c.code}`);
      expect(option?.label).toBe(`commune.${c.code}`);
      expect(option?.media.audio).toBe(`commune.${c.code}`);
    }
  });
});
