/**
 * Brand names that age are kept in one place (shared/i18n/examples.ts): every text of every
 * language that cites a brand is listed there, no listed key is stale, and retired brands
 * (Skype) are cited nowhere.
 */
import { describe, expect, it } from 'vitest';
import { EXAMPLE_BRANDS, RETIRED_BRANDS } from '../../shared/i18n/examples';
import { LANGUAGES } from '../../shared/i18n/languages';
import { TEXTS, flattenTexts } from '../../shared/i18n/resources';

const cites = (text: string, spelling: string) => new RegExp(`(?<![\\p{L}\\p{N}])${spelling.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(text);
const visitorTexts = LANGUAGES.map((language) => ({
  language,
  texts: Object.entries(flattenTexts(TEXTS[language] ?? {})).filter(([key]) => !key.startsWith('staff.') && !key.startsWith('commune.')),
}));

describe('brand examples', () => {
  it('finds a brand only as a whole word', () => {
    expect(cites('Appeler (WhatsApp, Messenger…)', 'WhatsApp')).toBe(true);
    expect(cites('Utiliser Wordpress', 'Word')).toBe(false);
  });

  it('every text citing a brand is listed with it', () => {
    const unlisted = visitorTexts.flatMap(({ language, texts }) =>
      Object.entries(EXAMPLE_BRANDS).flatMap(([brand, { spellings, keys }]) =>
        texts.filter(([key, text]) => !keys.includes(key) && spellings.some((s) => cites(text, s))).map(([key]) => `${language} ${key}: ${brand}`),
      ),
    );
    expect(unlisted).toEqual([]);
  });

  it('every listed text still cites its brand in some language', () => {
    const stale = Object.entries(EXAMPLE_BRANDS).flatMap(([brand, { spellings, keys }]) =>
      keys.filter((key) => !visitorTexts.some(({ texts }) => texts.some(([k, text]) => k === key && spellings.some((s) => cites(text, s))))).map((key) => `${brand}: ${key}`),
    );
    expect(stale).toEqual([]);
  });

  it('no text cites a retired brand', () => {
    const found = visitorTexts.flatMap(({ language, texts }) =>
      Object.entries(RETIRED_BRANDS).flatMap(([brand, { spellings }]) => texts.filter(([, text]) => spellings.some((s) => cites(text, s))).map(([key]) => `${language} ${key}: ${brand}`)),
    );
    expect(found).toEqual([]);
  });
});
