/**
 * The questionnaire's French and English texts: every key the definition uses is present and
 * non-empty, nothing else is there, and the French follows the FALC limits of docs/accessibility.md
 * (≤ 15 words per sentence, no percentage). Commune names (`commune.<code>`) come from the
 * generated commune list, not from these files.
 */
import { describe, expect, it } from 'vitest';
import { questionnaire } from '../../shared/questionnaire/definition';
import fr from '../../shared/i18n/locales/fr/questionnaire.json';
import en from '../../shared/i18n/locales/en/questionnaire.json';

type Tree = { [key: string]: unknown };

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

/** Every text key of the definition: section titles, labels, hints, help, options, audio. */
function definitionKeys(): Set<string> {
  const keys = new Set<string>();
  for (const s of questionnaire.sections) {
    keys.add(s.title);
    keys.add(s.media.audio);
  }
  for (const q of questionnaire.questions) {
    keys.add(q.label);
    keys.add(q.media.audio);
    if (q.hint) keys.add(q.hint);
    if (q.help) keys.add(q.help);
    if (q.kind !== 'exercise') {
      for (const o of q.options) {
        keys.add(o.label);
        keys.add(o.media.audio);
      }
    }
  }
  return new Set([...keys].filter((k) => !k.startsWith('commune.')));
}

/** Sentences split on . ! ? ; words split on whitespace, ignoring punctuation-only tokens. */
function sentences(text: string): string[] {
  return text
    .split(/[.!?]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
function wordCount(sentence: string): number {
  return sentence.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

const required = definitionKeys();
const locales = { fr: flatten(fr as Tree), en: flatten(en as Tree) };

describe('questionnaire texts', () => {
  it('the definition uses text keys', () => {
    expect(required.size).toBeGreaterThan(100);
  });

  for (const [lang, texts] of Object.entries(locales)) {
    it(`${lang}: every key of the definition is a non-empty string`, () => {
      const missing = [...required].filter((k) => typeof texts[k] !== 'string' || (texts[k] as string).trim() === '');
      expect(missing).toEqual([]);
    });

    it(`${lang}: no key beyond those the definition uses`, () => {
      const extra = Object.keys(texts).filter((k) => !required.has(k));
      expect(extra).toEqual([]);
    });
  }

  it('fr and en have exactly the same keys', () => {
    expect(Object.keys(locales.fr).sort()).toEqual(Object.keys(locales.en).sort());
  });

  it('French sentences have at most 15 words', () => {
    const tooLong = Object.entries(locales.fr).flatMap(([key, text]) =>
      sentences(String(text))
        .filter((s) => wordCount(s) > 15)
        .map((s) => `${key}: ${s} (${wordCount(s)} words)`),
    );
    expect(tooLong).toEqual([]);
  });

  it('French texts contain no percentage', () => {
    const withPercent = Object.entries(locales.fr).filter(([, text]) => /%|pour ?cent/i.test(String(text)));
    expect(withPercent).toEqual([]);
  });
});
