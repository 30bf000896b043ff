/**
 * The keys a keyboard or switch user relies on (issue 17): the item rows' answer keys (one
 * press answers a row) and the language list's type-ahead. The row keys are computed from the
 * real texts of every language, so a reworded "Non" that starts like "Je ne sais pas" cannot
 * leave a key that chooses the wrong answer.
 */
import { describe, expect, it } from 'vitest';
import { answerForKey, answerKeys, firstLetter } from '../../shared/i18n/answer-keys';
import { typeAheadIndex } from '../../shared/i18n/type-ahead';
import { LANGUAGES, NATIVE_NAMES, htmlLangOf } from '../../shared/i18n/languages';
import { TEXTS, flattenTexts } from '../../shared/i18n/resources';
import { questionnaire } from '../../shared/questionnaire/definition';

/** The answers of every item-by-item question in one language, as ItemRows shows them. */
function rowAnswers(language: (typeof LANGUAGES)[number]): string[][] {
  const texts = flattenTexts(TEXTS[language] ?? {});
  return questionnaire.questions.flatMap((q) => (q.kind === 'items' ? [[...q.scale.map((o) => texts[o.label] ?? ''), texts['question.dontKnow'] ?? '']] : []));
}

describe('item rows: one key per answer', () => {
  it.each(LANGUAGES)('%s: every answer of every row has its own key, which chooses it', (language) => {
    const rows = rowAnswers(language);
    expect(rows.length).toBeGreaterThan(0);
    for (const labels of rows) {
      const keys = answerKeys(labels, htmlLangOf(language));
      expect(new Set(keys).size, labels.join(' / ')).toBe(labels.length);
      keys.forEach((key, index) => {
        expect([...key]).toHaveLength(1);
        // A letter key is the label's own first letter; typed in lower case it still chooses.
        if (!/\d/.test(key)) expect(firstLetter(labels[index]!, htmlLangOf(language))).toBe(key);
        expect(answerForKey(keys, key.toLocaleLowerCase(htmlLangOf(language)), htmlLangOf(language))).toBe(index);
      });
    }
  });

  it('uses the words people read: O, N, J in French; E, H, B in Turkish', () => {
    expect(answerKeys(['Oui', 'Non', 'Je ne sais pas'], 'fr')).toEqual(['O', 'N', 'J']);
    expect(answerKeys(['Evet', 'Hayır', 'Bilmiyorum'], 'tr')).toEqual(['E', 'H', 'B']);
    expect(answerKeys(['Yes', 'No', "I don't know"], 'en')).toEqual(['Y', 'N', 'I']);
  });

  it('gives positions to answers whose first letters are shared (Arabic, Ukrainian, Dari), never a guess', () => {
    expect(answerKeys(['نعم', 'لا', 'لا أعرف'], 'ar')).toEqual(['ن', '2', '3']);
    expect(answerKeys(['Так', 'Ні', 'Не знаю'], 'uk')).toEqual(['Т', '2', '3']);
    // "н" (Cyrillic) typed on a Ukrainian keyboard is not "2" nor "3": it chooses nothing.
    expect(answerForKey(['Т', '2', '3'], 'н', 'uk')).toBe(-1);
    expect(answerForKey(['Т', '2', '3'], 'т', 'uk')).toBe(0);
    expect(answerForKey(['Т', '2', '3'], '2', 'uk')).toBe(1);
  });

  it('skips what is not a letter, and ignores keys that are not one character', () => {
    expect(firstLetter('« Oui »', 'fr')).toBe('O');
    expect(firstLetter('123', 'fr')).toBeNull();
    expect(answerKeys(['« Oui »', '42', 'Non'], 'fr')).toEqual(['O', '2', 'N']);
    expect(answerForKey(['O', 'N', 'J'], 'Enter', 'fr')).toBe(-1);
    expect(answerForKey(['O', 'N', 'J'], 'x', 'fr')).toBe(-1);
  });
});

describe('language list: type-ahead', () => {
  const names = ['Français', 'Français facile à lire', 'العربية', 'English', 'Українська', 'Türkçe', 'دری'];

  it('the kiosk\'s own names are the ones tested', () => {
    expect(LANGUAGES.map((l) => NATIVE_NAMES[l])).toEqual(names);
  });

  it('one letter moves to the next name starting with it, wrapping', () => {
    expect(typeAheadIndex(names, 0, 'e', 'fr')).toBe(3);
    expect(typeAheadIndex(names, 3, 'F', 'fr')).toBe(0);
    expect(typeAheadIndex(names, 0, 'f', 'fr')).toBe(1);
    expect(typeAheadIndex(names, 1, 'f', 'fr')).toBe(0);
    expect(typeAheadIndex(names, 0, 'ا', 'ar')).toBe(2);
    expect(typeAheadIndex(names, 0, 'د', 'fa')).toBe(6);
    expect(typeAheadIndex(names, 0, 'т', 'uk')).toBe(-1);
    expect(typeAheadIndex(names, 0, 't', 'fr')).toBe(5);
  });

  it('the same letter again goes through the names that start with it; more letters narrow the search', () => {
    expect(typeAheadIndex(names, 0, 'ff', 'fr')).toBe(1);
    expect(typeAheadIndex(names, 1, 'ff', 'fr')).toBe(0);
    // "Français f…" stays on the name that still matches, instead of moving on.
    expect(typeAheadIndex(names, 1, 'français f', 'fr')).toBe(1);
    expect(typeAheadIndex(names, 0, 'français f', 'fr')).toBe(1);
    expect(typeAheadIndex(names, 3, 'fra', 'fr')).toBe(0);
    expect(typeAheadIndex(names, 0, 'xyz', 'fr')).toBe(-1);
    expect(typeAheadIndex([], 0, 'a', 'fr')).toBe(-1);
  });
});
