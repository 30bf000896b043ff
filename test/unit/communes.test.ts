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
import { COMMUNE_GROUP_MAX, communeGroups } from '../../shared/questionnaire/commune-groups';

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

describe('the commune screen made for listening (shared/questionnaire/commune-groups.ts)', () => {
  const { first, groups } = communeGroups();
  const nameOf = (code: string) => communes.find((c) => `C${c.code}` === code)!.name;
  const initial = (code: string) => nameOf(code).normalize('NFD').charAt(0).toUpperCase();

  it('offers Cambrai first, and every other commune in exactly one group', () => {
    expect(first.map(nameOf)).toEqual(['Cambrai']);
    const all = [...first, ...groups.flat()];
    expect(new Set(all).size).toBe(all.length);
    const options = (questionById(questionnaire, 'commune') as { options: { code: string }[] }).options.map((o) => o.code).filter((c) => c !== 'OUTSIDE');
    expect([...all].sort()).toEqual([...options].sort());
  });

  it('cuts groups a listener can take: at most 9 names, alphabetical, never splitting a first letter', () => {
    expect(groups.length).toBeGreaterThan(3);
    expect(groups.length).toBeLessThanOrEqual(8);
    for (const group of groups) expect(group.length).toBeLessThanOrEqual(COMMUNE_GROUP_MAX);
    const flat = groups.flat();
    const names = flat.map(nameOf);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' })));
    const letterGroups = new Map<string, Set<number>>();
    groups.forEach((group, index) => group.forEach((code) => letterGroups.set(initial(code), (letterGroups.get(initial(code)) ?? new Set()).add(index))));
    for (const [letter, seen] of letterGroups) expect(seen.size, letter).toBe(1);
  });

  it('splits a letter only when it has more names than a group holds', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ code: `590${i}`, name: `Bourg ${String.fromCharCode(65 + i)}`, population: i }));
    const result = communeGroups([...many, { code: '59999', name: 'Grande', population: 1e6 }], 9);
    expect(result.first).toEqual(['C59999']);
    expect(result.groups.map((g) => g.length)).toEqual([9, 3]);
  });
});
