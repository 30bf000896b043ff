/**
 * "Facile à lire et à comprendre" (docs/accessibility.md): one idea per sentence, at most 15 words,
 * no percentages. Every string of the French FALC variant is linted; so are the standard
 * French questionnaire and result texts, which docs/accessibility.md holds to the same sentence length.
 *
 * Inclusion Europe's easy-to-read rules that a machine can check are also linted on FALC:
 * common words (ABSTRACT_WORDS, each with the plainer words to use), positive wording (no
 * "ne … pas", "n'… jamais"…), numbers written in digits.
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

/** Abstract or official words a FALC text says more plainly, with what to say instead. */
export const ABSTRACT_WORDS: Record<string, string> = {
  domaine: 'name the thing: "chercher des informations", "parler avec les autres"',
  totaux: '"des nombres", with an example',
  moitié: '"peu d\'exercices", "beaucoup d\'exercices", or "2 sur 5"',
  'pièce jointe': '"une photo ou un document dedans"',
  formule: '"des calculs automatiques"',
  données: '"vos informations"',
  confidentialité: '"comment un site utilise vos informations"',
  pourcentage: 'a number: "2 sur 5"',
  anonyme: '"sans donner votre nom"',
  autonomie: '"seul ou avec de l\'aide"',
  compétence: '"ce que vous savez faire"',
  'en ligne': '"sur Internet"',
  consultation: '"donner votre avis"',
  éléments: '"des choses", then name them',
  concernant: '"sur", "pour"',
};

/** Negations: "ne … pas", "n'… jamais", one or two words between. */
const NEGATION = /(?<![\p{L}])(?:ne|n['’])\s*[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?\s+(?:pas|plus|jamais|rien|aucun|aucune|personne)(?![\p{L}])/iu;
/** Texts allowed a negation, and why. */
const NEGATION_ALLOWED: Record<string, string> = {
  'question.dontKnow': 'the "don\'t know" answer every survey offers, in the words people expect',
  'question.chooseEachRow': 'names the three answers of a row, "Je ne sais pas" among them',
};
const NUMBER_WORDS = /(?<![\p{L}])(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|soixante|cent|mille)(?![\p{L}])/iu;

export function abstractWordsIn(text: string): string[] {
  return Object.keys(ABSTRACT_WORDS).filter((word) => new RegExp(`(?<![\\p{L}])${word}`, 'iu').test(text));
}
export const hasNegation = (text: string) => NEGATION.test(text);
export const hasNumberWord = (text: string) => NUMBER_WORDS.test(text);

describe('the easy-to-read checks', () => {
  it('find abstract words, negations and numbers in words', () => {
    expect(abstractWordsIn('Seuls des totaux sortent. Il reste un domaine.')).toEqual(['domaine', 'totaux']);
    expect(abstractWordsIn('Les domaines')).toEqual(['domaine']);
    expect(abstractWordsIn('Vous êtes sur Internet.')).toEqual([]);
    expect(hasNegation("Il n'y a pas de mauvaise réponse.")).toBe(true);
    expect(hasNegation('Je ne sais pas')).toBe(true);
    expect(hasNegation("Je n'ai jamais essayé")).toBe(true);
    expect(hasNegation('Non, jamais')).toBe(false);
    expect(hasNegation('Une personne va venir.')).toBe(false);
    expect(hasNumberWord('Un de ces deux messages')).toBe(true);
    expect(hasNumberWord('Un de ces 2 messages')).toBe(false);
  });
});

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

    it(`${file}: common words, no abstract word`, () => {
      const found = Object.entries(texts).flatMap(([key, text]) => abstractWordsIn(text).map((w) => `${key}: «${w}» → ${ABSTRACT_WORDS[w]}`));
      expect(found).toEqual([]);
    });

    it(`${file}: positive wording, no negation`, () => {
      const found = Object.entries(texts).filter(([key, text]) => !(key in NEGATION_ALLOWED) && hasNegation(text));
      expect(found).toEqual([]);
    });

    it(`${file}: numbers in digits`, () => {
      const found = Object.entries(texts).filter(([, text]) => hasNumberWord(text));
      expect(found).toEqual([]);
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
