/**
 * The questionnaire format and the shipped definition (docs/frameworks.md, docs/accessibility.md):
 * - the shipped definition passes `questionnaireSchema`, and the schema rejects every
 *   structural mistake a content editor could make (duplicate ids or codes, unknown
 *   sections, reserved codes, conditions that look forward or use unknown codes, conditions
 *   written as code strings, badly formed ids);
 * - every question and option can be heard and seen (audio key + pictogram) and has text;
 * - the content hash exported with every session moves exactly when what is asked moves;
 * - INSEE's gate: no internet in the last 3 months means no activity questions.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenTexts, textAt, TEXTS } from '../../shared/i18n/resources';
import { currentQuestionnaire, questionnaireHash, questionnaireStamp, textKeysOf } from '../../shared/questionnaire/current';
import { DSI_AREA_QUESTIONS, questionnaire } from '../../shared/questionnaire/definition';
import { visibleQuestions } from '../../shared/questionnaire/engine';
import { DONT_KNOW, MISSING_CODES, questionnaireSchema, REFUSED } from '../../shared/questionnaire/schema';
import type { Questionnaire } from '../../shared/questionnaire/schema';

const root = resolve(import.meta.dirname, '../..');
const frTexts = flattenTexts(TEXTS.fr ?? {});
const ACTIVITY_QUESTIONS: string[] = Object.values(DSI_AREA_QUESTIONS).flat();

/** A deep copy of the shipped definition, loosely typed so that tests can break it. */
type Loose = { id: string; version: string; sections: Record<string, unknown>[]; questions: Record<string, unknown>[] };
function copy(): Loose {
  return structuredClone(questionnaire) as unknown as Loose;
}
const asDefinition = (def: Loose) => def as unknown as Questionnaire;

function indexOf(def: { questions: { id?: unknown }[] }, id: string): number {
  const i = def.questions.findIndex((q) => q.id === id);
  if (i < 0) throw new Error(`no question ${id}`);
  return i;
}

/** The messages of a failed parse, so that each case proves it fails for its own reason. */
function issues(value: unknown): string[] {
  const result = questionnaireSchema.safeParse(value);
  expect(result.success, 'the schema should reject this definition').toBe(false);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('the shipped definition', () => {
  it('passes questionnaireSchema', () => {
    const result = questionnaireSchema.safeParse(questionnaire);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('gives every section, question and option a text, an audio key and a pictogram that exist', () => {
    const problems: string[] = [];
    const check = (where: string, textKeys: string[], media: { audio: string; pictogram: string }) => {
      for (const key of [...textKeys, media.audio]) {
        if (!frTexts[key]?.trim()) problems.push(`${where}: no French text for ${key}`);
      }
      if (!existsSync(join(root, 'assets/pictograms', `${media.pictogram}.svg`))) problems.push(`${where}: no pictogram ${media.pictogram}`);
    };
    for (const s of questionnaire.sections) check(`section ${s.id}`, [s.title], s.media);
    for (const q of questionnaire.questions) {
      check(q.id, [q.label, ...(q.hint ? [q.hint] : []), ...(q.help ? [q.help] : [])], q.media);
      // The spoken version of a question is the question itself.
      if (q.media.audio !== q.label) problems.push(`${q.id}: audio ${q.media.audio} is not the label ${q.label}`);
      for (const i of q.includes ?? []) {
        check(`${q.id} includes ${i.label}`, [i.label], i.media);
        if (i.media.audio !== i.label) problems.push(`${q.id}: audio of ${i.label} is not its text`);
      }
      if (q.kind === 'exercise') continue;
      const options = q.kind === 'items' ? [...q.items, ...q.scale] : q.options;
      for (const o of options) {
        check(`${q.id}.${o.code}`, [o.label], o.media);
        if (o.media.audio !== o.label) problems.push(`${q.id}.${o.code}: audio is not the label`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps "don\'t know" and "refused" as two distinct codes that no option uses', () => {
    expect(MISSING_CODES).toEqual([DONT_KNOW, REFUSED]);
    expect(DONT_KNOW).not.toBe(REFUSED);
    for (const q of questionnaire.questions) {
      if (q.kind === 'exercise') continue;
      const codes = q.kind === 'items' ? [...q.items, ...q.scale].map((o) => o.code) : q.options.map((o) => o.code);
      for (const code of codes) expect(MISSING_CODES as readonly string[]).not.toContain(code);
    }
  });

  it('has an exclusive "none" option on every multiple-choice question', () => {
    for (const q of questionnaire.questions) {
      if (q.kind !== 'multiple') continue;
      expect(q.options.filter((o) => o.exclusive).length, q.id).toBe(1);
    }
  });
  it('gives the answers of one screen distinct pictograms (the commune list shows names only)', () => {
    const shared: string[] = [];
    for (const q of questionnaire.questions) {
      if (q.id === 'commune' || q.kind === 'exercise') continue;
      const answers = q.kind === 'items' ? q.items : q.options;
      const seen = new Map<string, string>();
      for (const a of answers) {
        const other = seen.get(a.media.pictogram);
        if (other) shared.push(`${q.id}: ${other} and ${a.code} both show ${a.media.pictogram}`);
        seen.set(a.media.pictogram, a.code);
      }
    }
    expect(shared).toEqual([]);
    // The age bands each have their own person, youngest to oldest.
    const age = questionnaire.questions.find((q) => q.id === 'ageBand');
    expect(age?.kind === 'single' ? age.options.map((o) => o.media.pictogram) : []).toEqual(['age-young', 'age-adult', 'age-middle', 'age-senior', 'age-older']);
  });
});

describe('questionnaireSchema rejects', () => {
  it('a duplicate question id', () => {
    const def = copy();
    def.questions.push({ ...structuredClone(def.questions[indexOf(def, 'smartphone')]!) });
    expect(issues(def).join('\n')).toMatch(/duplicate question id smartphone/);
  });

  it('a question in an unknown section', () => {
    const def = copy();
    def.questions[indexOf(def, 'computer')]!.section = 'hobbies';
    expect(issues(def).join('\n')).toMatch(/computer: unknown section hobbies/);
  });

  it('a duplicate answer code within a question', () => {
    const def = copy();
    const q = def.questions[indexOf(def, 'ageBand')] as { options: { code: string }[] };
    q.options[1]!.code = q.options[0]!.code;
    expect(issues(def).join('\n')).toMatch(/ageBand: duplicate answer code/);
  });

  it.each([DONT_KNOW, REFUSED])('the reserved code %s as an option', (code) => {
    const def = copy();
    const q = def.questions[indexOf(def, 'smartphone')] as { options: { code: string }[] };
    q.options[1]!.code = code;
    expect(issues(def).join('\n')).toMatch(new RegExp(`smartphone: ${code} is reserved`));
  });

  it('a condition that refers to a later question', () => {
    const def = copy();
    def.questions[indexOf(def, 'smartphone')]!.showIf = { op: 'equals', question: 'homeInternet', code: 'YES' };
    expect(issues(def).join('\n')).toMatch(/smartphone: condition refers to homeInternet/);
  });

  it('a condition that refers to the question itself', () => {
    const def = copy();
    def.questions[indexOf(def, 'smartphone')]!.showIf = { op: 'answered', question: 'smartphone' };
    expect(issues(def).join('\n')).toMatch(/smartphone: condition refers to smartphone/);
  });

  it('a condition that refers to an unknown question, even nested', () => {
    const def = copy();
    def.questions[indexOf(def, 'procedureSoon')]!.showIf = {
      op: 'all',
      conditions: [{ op: 'answered', question: 'ageBand' }, { op: 'not', condition: { op: 'answered', question: 'shoeSize' } }],
    };
    expect(issues(def).join('\n')).toMatch(/procedureSoon: condition refers to shoeSize/);
  });

  it.each([
    ['equals', { op: 'equals', question: 'internetUse', code: 'NEVER' }],
    ['in', { op: 'in', question: 'internetUse', codes: ['EVERY_DAY', 'HOURLY'] }],
    ['notIn', { op: 'notIn', question: 'internetUse', codes: ['HOURLY'] }],
    ['includes', { op: 'includes', question: 'barriers', code: 'WEATHER' }],
    ['nested any', { op: 'any', conditions: [{ op: 'equals', question: 'smartphone', code: 'MAYBE' }] }],
  ])('a condition (%s) that uses an unknown answer code', (_name, condition) => {
    const def = copy();
    def.questions[indexOf(def, 'procedureSoon')]!.showIf = condition;
    expect(issues(def).join('\n')).toMatch(/procedureSoon: condition uses unknown code/);
  });

  it('accepts a condition on a missing code (DK/REF), which is a real stored answer', () => {
    const def = copy();
    def.questions[indexOf(def, 'procedureSoon')]!.showIf = { op: 'equals', question: 'internetUse', code: DONT_KNOW };
    expect(questionnaireSchema.safeParse(def).success).toBe(true);
  });

  it.each([
    "internetUse === 'EVERY_DAY'",
    "answers.internetUse !== 'NOT_IN_3_MONTHS'",
    'true',
  ])('a string where a condition object is expected: %s', (code) => {
    const def = copy();
    def.questions[indexOf(def, 'everUsedInternet')]!.showIf = code;
    expect(issues(def).some((m) => m.includes('showIf'))).toBe(true);
  });

  it('an operator outside the closed set', () => {
    const def = copy();
    def.questions[indexOf(def, 'everUsedInternet')]!.showIf = { op: 'eval', expression: 'true' };
    expect(issues(def).some((m) => m.includes('showIf'))).toBe(true);
  });

  it.each([
    ['question id with a dash', (d: ReturnType<typeof copy>) => (d.questions[0]!.id = 'age-band')],
    ['question id starting upper case', (d: ReturnType<typeof copy>) => (d.questions[0]!.id = 'AgeBand')],
    ['answer code in lower case', (d: ReturnType<typeof copy>) => ((d.questions[0] as { options: { code: string }[] }).options[0]!.code = 'a15_24')],
    ['questionnaire id with spaces', (d: ReturnType<typeof copy>) => (d.id = 'Repères diagnostic')],
    ['version that is not semver', (d: ReturnType<typeof copy>) => (d.version = '1.0')],
  ])('a badly formed identifier: %s', (_name, mutate) => {
    const def = copy();
    mutate(def);
    expect(issues(def).length).toBeGreaterThan(0);
  });

  it('a question or an option without media, and a media without pictogram', () => {
    const noQuestionMedia = copy();
    delete noQuestionMedia.questions[0]!.media;
    expect(issues(noQuestionMedia).some((m) => m.includes('media'))).toBe(true);

    const noOptionMedia = copy();
    delete (noOptionMedia.questions[0] as { options: { media?: unknown }[] }).options[0]!.media;
    expect(issues(noOptionMedia).some((m) => m.includes('media'))).toBe(true);

    const noPictogram = copy();
    noPictogram.questions[0]!.media = { audio: 'q.ageBand.label' };
    expect(issues(noPictogram).some((m) => m.includes('pictogram'))).toBe(true);
  });

  it('literal text instead of a text key', () => {
    const def = copy();
    def.questions[0]!.label = 'Quel âge avez-vous ?';
    expect(issues(def).some((m) => m.includes('label'))).toBe(true);
  });
});

describe('questionnaireHash', () => {
  const hash = (def: Questionnaire, texts: Record<string, string> = frTexts) => questionnaireHash(def, texts);
  const baseline = hash(questionnaire);

  it('is the hash the kiosk stamps on its sessions, and stable for the same input', () => {
    expect(baseline).toMatch(/^[0-9a-f]{64}$/);
    expect(hash(questionnaire)).toBe(baseline);
    expect(hash(structuredClone(questionnaire), { ...frTexts })).toBe(baseline);
    expect(currentQuestionnaire.hash).toBe(baseline);
    expect(questionnaireStamp()).toEqual({ id: questionnaire.id, version: questionnaire.version, hash: baseline });
  });

  // The kiosk hashes with textAt (a walk per key) instead of flattening every French text at
  // start: both must read the same text for every key, and nothing for a key without text.
  it('textAt reads what flattenTexts lists, in every language, and nothing more', () => {
    for (const tree of Object.values(TEXTS)) {
      const flat = flattenTexts(tree);
      for (const [key, text] of Object.entries(flat)) expect(textAt(tree, key)).toBe(text);
    }
    const fr = TEXTS.fr ?? {};
    const someKey = Object.keys(frTexts)[0] ?? '';
    expect(textAt(fr, someKey.split('.')[0] ?? '')).toBeUndefined();
    expect(textAt(fr, `${someKey}.deeper`)).toBeUndefined();
    expect(textAt(fr, 'ui.brandNewKey')).toBeUndefined();
    expect(textAt(fr, 'toString')).toBeUndefined();
  });

  it('does not depend on the order of object keys', () => {
    const reverseKeys = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reverseKeys)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)]))
          : value;
    const reordered = reverseKeys(questionnaire) as Questionnaire;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(questionnaire));
    expect(hash(reordered)).toBe(baseline);
  });

  it('changes when a question is added', () => {
    const def = copy();
    def.questions.push({ ...structuredClone(def.questions[indexOf(def, 'procedureSoon')]!), id: 'procedureLater' });
    expect(questionnaireSchema.safeParse(def).success).toBe(true);
    expect(hash(asDefinition(def))).not.toBe(baseline);
  });

  it('changes when an option code changes', () => {
    const def = copy();
    (def.questions[indexOf(def, 'smartphone')] as { options: { code: string }[] }).options[0]!.code = 'OUI';
    expect(hash(asDefinition(def))).not.toBe(baseline);
  });

  it('changes when a condition changes', () => {
    const def = copy();
    def.questions[indexOf(def, 'everUsedInternet')]!.showIf = { op: 'equals', question: 'internetUse', code: 'LESS_OFTEN' };
    expect(hash(asDefinition(def))).not.toBe(baseline);
  });

  it('changes when the French wording of a used key changes', () => {
    const key = questionnaire.questions[indexOf(questionnaire, 'internetUse')]!.label;
    expect(textKeysOf(questionnaire)).toContain(key);
    expect(hash(questionnaire, { ...frTexts, [key]: `${frTexts[key]} (reformulé)` })).not.toBe(baseline);
    const optionKey = 'q.internetUse.opt.EVERY_DAY';
    expect(hash(questionnaire, { ...frTexts, [optionKey]: 'Tous les jours ou presque' })).not.toBe(baseline);
  });

  it('does not change when an unrelated text changes or appears', () => {
    const unrelated = Object.keys(frTexts).find((k) => !textKeysOf(questionnaire).includes(k));
    expect(unrelated).toBeDefined();
    expect(hash(questionnaire, { ...frTexts, [unrelated!]: 'autre chose' })).toBe(baseline);
    expect(hash(questionnaire, { ...frTexts, 'ui.brandNewKey': 'Nouveau' })).toBe(baseline);
  });
});

describe("INSEE's internet-use gate", () => {
  const visible = (internetUse: string) => visibleQuestions(questionnaire, { internetUse }).map((q) => q.id);

  it('hides the DSI activity questions and asks everUsedInternet without internet in the last 3 months', () => {
    const ids = visible('NOT_IN_3_MONTHS');
    expect(ACTIVITY_QUESTIONS).toHaveLength(6);
    for (const id of ACTIVITY_QUESTIONS) expect(ids).not.toContain(id);
    expect(ids).toContain('everUsedInternet');
  });

  it('asks the six activity screens and not everUsedInternet for a daily user', () => {
    const ids = visible('EVERY_DAY');
    for (const id of ACTIVITY_QUESTIONS) expect(ids).toContain(id);
    expect(ids).not.toContain('everUsedInternet');
  });

  it.each([DONT_KNOW, REFUSED])('keeps the activity questions open when the answer is %s', (code) => {
    const ids = visible(code);
    for (const id of ACTIVITY_QUESTIONS) expect(ids).toContain(id);
  });

  it('asks a smartphone owner who said "Non" once more, gently, and opens the activities on "Oui"', () => {
    const path = (answers: Record<string, string>) => visibleQuestions(questionnaire, answers).map((q) => q.id);
    const saidNo = { smartphone: 'YES', internetUse: 'NOT_IN_3_MONTHS' };
    expect(path(saidNo)).toContain('internetUseCheck');
    // Without a smartphone, or with any "Oui", there is no confirmation screen.
    expect(path({ smartphone: 'NO', internetUse: 'NOT_IN_3_MONTHS' })).not.toContain('internetUseCheck');
    expect(path({ smartphone: 'YES', internetUse: 'EVERY_WEEK' })).not.toContain('internetUseCheck');
    // Confirmed "Non": still no activities, and "ever used?" is asked.
    const confirmedNo = path({ ...saidNo, internetUseCheck: 'NOT_USED' });
    for (const id of ACTIVITY_QUESTIONS) expect(confirmedNo).not.toContain(id);
    expect(confirmedNo).toContain('everUsedInternet');
    // Found use: the person is an internet user after all.
    const foundUse = path({ ...saidNo, internetUseCheck: 'USED' });
    for (const id of ACTIVITY_QUESTIONS) expect(foundUse).toContain(id);
    expect(foundUse).not.toContain('everUsedInternet');
  });

  it('names the period in every activity question and what counts in the internet-use question itself', () => {
    for (const id of ACTIVITY_QUESTIONS) {
      const q = questionnaire.questions.find((x) => x.id === id);
      expect(q?.kind, id).toBe('items');
      const label = frTexts[q?.label ?? ''] ?? '';
      expect(label, id).toMatch(id === 'actPurchase' ? /12 derniers mois/ : /3 derniers mois/);
    }
    const gate = questionnaire.questions.find((q) => q.id === 'internetUse');
    expect(frTexts[gate?.label ?? '']).toMatch(/3 derniers mois/);
    const counts = (gate?.includes ?? []).map((i) => frTexts[i.label] ?? '').join(' ');
    expect(counts).toMatch(/téléphone/);
    expect(counts).toMatch(/WhatsApp/);
    expect(counts).toMatch(/Facebook/);
    expect(counts).toMatch(/ailleurs/);
    // Each thing that counts has its pictogram.
    expect(new Set(gate?.includes?.map((i) => i.media.pictogram)).size).toBe(gate?.includes?.length);
  });
});
