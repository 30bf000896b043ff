/**
 * The seven languages of the kiosk (docs/accessibility.md, issue 4): every locale has exactly the keys
 * of the French reference, file by file; plural keys come in exactly the CLDR categories of
 * each language (Intl.PluralRules), and i18next resolves them; every text is a non-empty
 * string with the same `{{placeholders}}` as French (a plural category that only one count
 * selects may spell the number out, as Arabic does); numbers follow each language's digits;
 * language names and text direction are right. Commune names are proper nouns added to every language by resources.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, NATIVE_NAMES, directionOf, htmlLangOf, type Language } from '../../shared/i18n/languages';
import { digitsOf, formatNumber, numberFormatter } from '../../shared/i18n/numbers';
import { TEXTS, availableLanguages, flattenTexts } from '../../shared/i18n/resources';

const FILES = ['ui', 'questionnaire', 'result'] as const;
const REFERENCE: Language = 'fr';

/**
 * Key prefixes that exist in French and English only, with the reason. Other locales must not
 * carry them (one source of truth); French and English must agree on them like on any key.
 */
const FRENCH_AND_ENGLISH_ONLY: Record<string, string> = {
  'staff.': 'the staff area speaks English when the kiosk is in English, French otherwise (renderer/src/staff/text.ts)',
};
const STAFF_LANGUAGES: readonly Language[] = ['fr', 'en'];
const isFrenchAndEnglishOnly = (key: string) => Object.keys(FRENCH_AND_ENGLISH_ONLY).some((prefix) => key.startsWith(prefix));
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const CATEGORY_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];

type Tree = { [key: string]: unknown };

function loadLocale(language: Language, file: (typeof FILES)[number]): Tree {
  const url = new URL(`../../shared/i18n/locales/${language}/${file}.json`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Tree;
}

/** Flattens nested JSON to dotted keys; non-string leaves are kept so that tests can reject them. */
function flatten(tree: Tree, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, flatten(value as Tree, path));
    else out[path] = value;
  }
  return out;
}

function pluralCategories(language: Language): string[] {
  const categories = new Intl.PluralRules(htmlLangOf(language)).resolvedOptions().pluralCategories as string[];
  return CATEGORY_ORDER.filter((c) => categories.includes(c));
}

/** The plural base keys of a flat text set (`idle.body` for `idle.body_one`, `idle.body_other`). */
function pluralBases(keys: string[]): Set<string> {
  return new Set(keys.filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')));
}

/** The keys a language must have: French's, with each plural base in the language's own categories. */
function expectedKeys(allFrenchKeys: string[], language: Language): string[] {
  const frenchKeys = STAFF_LANGUAGES.includes(language) ? allFrenchKeys : allFrenchKeys.filter((k) => !isFrenchAndEnglishOnly(k));
  const bases = pluralBases(frenchKeys);
  const plain = frenchKeys.filter((k) => !PLURAL_SUFFIX.test(k));
  const plurals = [...bases].flatMap((base) => pluralCategories(language).map((c) => `${base}_${c}`));
  return [...plain, ...plurals].sort();
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1] ?? ''))].sort();
}

/** The French text a translated key corresponds to (a plural form maps to French `_other`). */
function frenchCounterpart(french: Record<string, unknown>, key: string): string | undefined {
  const direct = french[key];
  if (typeof direct === 'string') return direct;
  if (PLURAL_SUFFIX.test(key)) {
    const other = french[`${key.replace(PLURAL_SUFFIX, '')}_other`];
    if (typeof other === 'string') return other;
  }
  return undefined;
}

const OTHERS = LANGUAGES.filter((l) => l !== REFERENCE);

describe('languages', () => {
  it('the French-and-English-only prefixes exist in French', () => {
    const keys = Object.keys(flattenTexts(TEXTS[REFERENCE] ?? {}));
    for (const prefix of Object.keys(FRENCH_AND_ENGLISH_ONLY)) expect(keys.some((k) => k.startsWith(prefix)), prefix).toBe(true);
  });

  it('every language of LANGUAGES ships texts, and availableLanguages() lists them all', () => {
    expect(Object.keys(TEXTS).sort()).toEqual([...LANGUAGES].sort());
    expect(availableLanguages().sort()).toEqual([...LANGUAGES].sort());
  });

  it('NATIVE_NAMES has a name for every language', () => {
    for (const language of LANGUAGES) expect(NATIVE_NAMES[language]?.trim()).toBeTruthy();
    expect(new Set(Object.values(NATIVE_NAMES)).size).toBe(LANGUAGES.length);
  });

  it('directionOf is rtl exactly for Arabic and Dari', () => {
    const rtl = LANGUAGES.filter((l) => directionOf(l) === 'rtl');
    expect(rtl.sort()).toEqual(['ar', 'fa-AF']);
  });
});

describe('French reference plurals', () => {
  for (const file of FILES) {
    it(`fr/${file}: every plural key has _one and _other, in categories French knows`, () => {
      const keys = Object.keys(flatten(loadLocale(REFERENCE, file)));
      const categories = pluralCategories(REFERENCE);
      for (const base of pluralBases(keys)) {
        const present = keys.filter((k) => k.startsWith(`${base}_`) && PLURAL_SUFFIX.test(k)).map((k) => k.slice(base.length + 1));
        expect(present, base).toContain('one');
        expect(present, base).toContain('other');
        for (const c of present) expect(categories, `${base}_${c}`).toContain(c);
      }
    });
  }
});

describe.each(OTHERS)('%s', (language) => {
  for (const file of FILES) {
    const french = flatten(loadLocale(REFERENCE, file));
    const texts = flatten(loadLocale(language, file));

    it(`${file}: exactly the French keys (plurals in the language's own categories)`, () => {
      const expected = expectedKeys(Object.keys(french), language);
      const actual = Object.keys(texts).sort();
      expect(actual.filter((k) => !expected.includes(k)), 'extra keys').toEqual([]);
      expect(expected.filter((k) => !actual.includes(k)), 'missing keys').toEqual([]);
    });

    it(`${file}: every value is a non-empty string`, () => {
      const bad = Object.entries(texts).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
      expect(bad).toEqual([]);
    });

    it(`${file}: the same {{placeholders}} as French`, () => {
      const TIME_PLACEHOLDERS = ['h', 'h12', 'm', 'mm', 'ampm'];
      const wrong = Object.entries(texts).flatMap(([key, value]) => {
        const reference = frenchCounterpart(french, key);
        if (reference === undefined || typeof value !== 'string') return [];
        const got = placeholders(value);
        // A time is said the way each language says it (shared/opening/day-hours.ts): each
        // locale picks among the hour (24 h or 12 h), the minutes and am/pm, and needs the hour.
        if (/^hours\.today\.time/.test(key)) {
          const allowed = got.every((p) => TIME_PLACEHOLDERS.includes(p)) && got.some((p) => p === 'h' || p === 'h12');
          return allowed && (key.endsWith('Minutes') ? got.some((p) => p === 'm' || p === 'mm') : true) ? [] : [`${key}: ${got.join(',')} (a time takes ${TIME_PLACEHOLDERS.join(', ')})`];
        }
        // A category holding one count may spell it out ("دقيقتين"): its {{count}} is optional.
        const category = PLURAL_SUFFIX.exec(key)?.[1];
        const optional = category !== undefined && spelledOutAllowed(language, category) && !got.includes('count');
        const want = placeholders(reference).filter((p) => !(optional && p === 'count'));
        return JSON.stringify(got) === JSON.stringify(want) ? [] : [`${key}: ${got.join(',')} ≠ ${want.join(',')}`];
      });
      expect(wrong).toEqual([]);
    });
  }

  const flat = flattenTexts(TEXTS[language] ?? {});
  const frFlat = flattenTexts(TEXTS[REFERENCE] ?? {});

  it('the typing word is in capital A–Z (the on-screen keyboard) and the instruction shows it', () => {
    const word = flat['exercise.type.word'] ?? '';
    expect(word).toMatch(/^[A-Z]{3,12}$/);
    expect(flat['q.exType.label']).toContain(word);
  });

  it('the secure-site exercise keeps the French URLs', () => {
    expect(flat['exercise.secureSite.siteA']).toBe(frFlat['exercise.secureSite.siteA']);
    expect(flat['exercise.secureSite.siteB']).toBe(frFlat['exercise.secureSite.siteB']);
  });
});

/**
 * The integer counts (0–1000) that select `category` in `language`. A category that only one
 * count selects (Arabic "one" = 1 and "two" = 2, English "one" = 1) may spell its number in
 * words, as Arabic must ("دقيقتين", "ثانية واحدة"); every other category carries the count.
 */
function countsOf(language: Language, category: string): number[] {
  const rules = new Intl.PluralRules(htmlLangOf(language));
  return Array.from({ length: 1001 }, (_, n) => n).filter((n) => rules.select(n) === category);
}
const spelledOutAllowed = (language: Language, category: string) => category !== 'zero' && countsOf(language, category).length === 1;

describe('plurals resolve through i18next', () => {
  const instance = i18next.createInstance();
  beforeAll(async () => {
    await instance.use(numberFormatter).init({
      resources: Object.fromEntries(Object.entries(TEXTS).map(([lng, tree]) => [lng, { translation: tree }])),
      lng: REFERENCE,
      // No fallback: a missing form must show up as the bare key, not as French.
      fallbackLng: false,
      // As the kiosk renderer does (renderer/src/i18n.ts): numbers in the language's digits.
      interpolation: { escapeValue: false, alwaysFormat: true },
      returnNull: false,
    });
  });
  const frenchKeys = Object.keys(flattenTexts(TEXTS[REFERENCE] ?? {}));
  const bases = [...pluralBases(frenchKeys)];
  const SAMPLES = [0, 1, 2, 3, 5, 11, 21, 100];
  const OTHER_VALUES = { sequence: 'N', date: 'D', file: 'F', min: 'MIN', max: 'MAX' };

  it('there are plural texts to check', () => {
    expect(bases).toContain('idle.body');
    expect(bases).toContain('privacy.idleLimit');
    expect(bases).toContain('privacy.idleLimitSeconds');
  });

  it('only categories holding a single count may spell it out', () => {
    expect(spelledOutAllowed('ar', 'one')).toBe(true);
    expect(spelledOutAllowed('ar', 'two')).toBe(true);
    expect(spelledOutAllowed('ar', 'few')).toBe(false);
    expect(spelledOutAllowed('ar', 'zero')).toBe(false);
    expect(spelledOutAllowed('fr', 'one')).toBe(false); // 0 and 1
    expect(spelledOutAllowed('uk', 'one')).toBe(false); // 1, 21, 31…
    expect(spelledOutAllowed('fa-AF', 'one')).toBe(false);
  });

  for (const language of LANGUAGES) {
    it(`${language}: every CLDR category of every plural text is present and carries the count where it must`, () => {
      const flat = flattenTexts(TEXTS[language] ?? {});
      const rules = new Intl.PluralRules(htmlLangOf(language));
      const categories = rules.resolvedOptions().pluralCategories as string[];
      for (const base of bases.filter((b) => STAFF_LANGUAGES.includes(language) || !isFrenchAndEnglishOnly(`${b}_other`))) {
        for (const category of categories) {
          // French "many" (1 000 000 and more) resolves to "_other" in i18next and is never shown.
          if (language === REFERENCE && category === 'many') continue;
          expect(flat, `${language} ${base}_${category}`).toHaveProperty([`${base}_${category}`]);
          const text = flat[`${base}_${category}`] ?? '';
          if (!spelledOutAllowed(language, category)) expect(text, `${language} ${base}_${category}`).toContain('{{count}}');
        }
        for (const n of SAMPLES) {
          // Every placeholder gets a value, so that the count is the only number left to find.
          const text = instance.t(base, { lng: language, count: n, ...OTHER_VALUES });
          expect(text, `${language} ${base} ${n}`).not.toBe(base);
          expect(text.trim().length, `${language} ${base} ${n}`).toBeGreaterThan(0);
          const category = rules.select(n);
          if (!spelledOutAllowed(language, category)) expect(text, `${language} ${base} ${n}`).toContain(formatNumber(language, n));
          // Never the digits of another script beside the language's own.
          if (language === 'fa-AF') expect(text, `${language} ${base} ${n}`).not.toMatch(/[0-9]/);
        }
      }
    });
  }

  it('Arabic says the dual and the singular as words: دقيقتين, ثانيتين, ثانية واحدة', () => {
    expect(instance.t('privacy.idleLimit', { lng: 'ar', count: 2 })).toContain('دقيقتين');
    expect(instance.t('privacy.idleLimit', { lng: 'ar', count: 1 })).toContain('دقيقة واحدة');
    expect(instance.t('idle.body', { lng: 'ar', count: 2 })).toContain('ثانيتين');
    expect(instance.t('idle.body', { lng: 'ar', count: 1 })).toContain('ثانية واحدة');
    for (const n of [1, 2]) expect(instance.t('idle.body', { lng: 'ar', count: n })).not.toMatch(/\d/);
    expect(instance.t('idle.body', { lng: 'ar', count: 3 })).toContain('3 ثوان');
    expect(instance.t('idle.body', { lng: 'ar', count: 30 })).toContain('30 ثانية');
  });

  it('Dari writes run-time numbers in Persian digits: progress and countdown', () => {
    expect(instance.t('question.progress', { lng: 'fa-AF', position: 3, total: 20 })).toMatch(/۳.*۲۰/);
    expect(instance.t('question.progress', { lng: 'fa-AF', position: 3, total: 20 })).not.toMatch(/[0-9]/);
    expect(instance.t('idle.body', { lng: 'fa-AF', count: 30 })).toContain('۳۰');
    expect(instance.t('question.progress', { lng: 'fr', position: 3, total: 20 })).toBe('Question 3 sur 20');
    // No grouping: a year or a sequence number in the staff area stays as it is.
    expect(instance.t('question.progress', { lng: 'fr', position: 2026, total: 20 })).toContain('2026');
  });
});

describe('digits of the fixed texts', () => {
  // Domain names and URLs are shown as typed (colis-livr4ison.info), whatever the language.
  const URL_PATTERN = /(?:https?:\/\/)?(?:[\p{L}\p{N}-]+\.)+[a-z]{2,}(?:\/\S*)?/giu;
  for (const language of LANGUAGES) {
    it(`${language}: every digit written in a text is one of the digits run-time numbers use`, () => {
      const own = new Set(digitsOf(language));
      const flat = flattenTexts(TEXTS[language] ?? {});
      const foreign = Object.entries(flat)
        .filter(([key]) => !key.startsWith('commune.'))
        .flatMap(([key, text]) => [...text.replace(URL_PATTERN, ' ').matchAll(/\p{Nd}/gu)].filter((m) => !own.has(m[0])).map((m) => `${key}: ${m[0]} in «${text}»`));
      expect(foreign).toEqual([]);
    });
  }
});
