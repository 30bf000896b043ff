/**
 * "Facile à lire et à comprendre" (docs/accessibility.md): one idea per sentence, at most 15 words,
 * no percentages. Every string of the French FALC variant is linted; so are the standard
 * French questionnaire and result texts, which docs/accessibility.md holds to the same sentence length.
 *
 * Sentences end at . ! ? … or a line break; URLs and bare domain names (the exercises show
 * some) are removed first, and tokens without a letter or a digit (":", "–", "€"…) are not words.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

type Tree = { [key: string]: unknown };

const MAX_WORDS = 15;

function load(language: string, file: string): Record<string, string> {
  const url = new URL(`../../shared/i18n/locales/${language}/${file}.json`, import.meta.url);
  const flat: Record<string, string> = {};
  const walk = (tree: Tree, prefix: string) => {
    for (const [key, value] of Object.entries(tree)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof value === 'string') flat[path] = value;
      else if (value !== null && typeof value === 'object') walk(value as Tree, path);
    }
  };
  walk(JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Tree, '');
  return flat;
}

const URL_PATTERN = /(?:https?:\/\/)?(?:[\p{L}\p{N}-]+\.)+[a-z]{2,}(?:\/\S*)?/giu;

function sentences(text: string): string[] {
  return text
    .replace(URL_PATTERN, ' ')
    .split(/[.!?…\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function wordCount(sentence: string): number {
  return sentence.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

function tooLong(texts: Record<string, string>): string[] {
  return Object.entries(texts).flatMap(([key, text]) =>
    sentences(text)
      .filter((s) => wordCount(s) > MAX_WORDS)
      .map((s) => `${key}: «${s}» (${wordCount(s)} words)`),
  );
}

describe('sentence splitting', () => {
  it('splits on . ! ? … and line breaks, ignores URLs and punctuation-only tokens', () => {
    expect(sentences('Bonjour ! Ça va ? Oui… Merci.\nAu revoir')).toEqual(['Bonjour', 'Ça va', 'Oui', 'Merci', 'Au revoir']);
    expect(sentences('Allez sur https://www.impots.gouv.fr puis colis-livr4ison.info.').map(wordCount)).toEqual([3]);
    expect(wordCount('Message de : Cabinet – 1,99 €')).toBe(4);
  });
});

describe('French FALC (fr-x-falc)', () => {
  for (const file of ['ui', 'questionnaire', 'result']) {
    const texts = load('fr-x-falc', file);

    it(`${file}: every sentence has at most ${MAX_WORDS} words`, () => {
      expect(tooLong(texts)).toEqual([]);
    });

    it(`${file}: no percentage`, () => {
      const withPercent = Object.entries(texts).filter(([, text]) => /%|pour\s*cent/i.test(text));
      expect(withPercent).toEqual([]);
    });
  }
});

describe('standard French questionnaire and result texts', () => {
  for (const file of ['questionnaire', 'result']) {
    it(`fr/${file}: every sentence has at most ${MAX_WORDS} words`, () => {
      expect(tooLong(load('fr', file))).toEqual([]);
    });
  }
});
