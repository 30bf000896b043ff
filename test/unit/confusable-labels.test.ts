/**
 * No two answers on one screen that a hurried reader can take for each other (issue 12):
 * version 1 offered "Je ne sais pas le faire" (autonomy: cannot do it) right beside the
 * built-in "Je ne sais pas" (don't know), and a tap on the wrong one changes the figures.
 *
 * For every screen of the questionnaire and every language, the labels a person can tap
 * (the options, each row's scale of an item-by-item screen, "Je ne sais pas", "Je préfère ne
 * pas répondre") are compared two by two, after folding case and punctuation. Two labels are
 * confusable when:
 *  1. they are the same words;
 *  2. one is found word for word inside the other, and it has at least two words or it is
 *     the built-in "don't know" / "refused" (so "Je ne sais pas" inside "Je ne sais pas le
 *     faire", or Turkish "Bilmiyorum" inside "Nasıl yapılacağını bilmiyorum"; a bare "Non" /
 *     "لا" at the start of "لا أعرف" is told apart by its length);
 *  3. both start with the same three words ("Je le fais seul" / "Je le fais avec de l'aide"),
 *     where one answer is chosen among them (a single choice, a row of an item-by-item screen)
 *     or one of them is the built-in "don't know" / "refused". In a tick-all list, parallel
 *     statements ("J'ai peur des arnaques", "J'ai peur de faire une erreur") are each ticked
 *     on their own and may start alike.
 * Words keep their apostrophes ("n'ai", "don't").
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';
import { TEXTS, flattenTexts } from '../../shared/i18n/resources';
import { questionnaire } from '../../shared/questionnaire/definition';

function words(label: string): string[] {
  return label
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(/[\u200c\u200d]/g, '')
    .replace(/[’']/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w.length > 0);
}

function contains(long: readonly string[], short: readonly string[]): boolean {
  for (let i = 0; i + short.length <= long.length; i++) {
    if (short.every((w, j) => long[i + j] === w)) return true;
  }
  return false;
}

export function confusable(a: string, b: string, builtIn: ReadonlySet<string>, oneAnswer = true): boolean {
  const x = words(a);
  const y = words(b);
  if (x.join(' ') === y.join(' ')) return true;
  const [short, long, shortText] = x.length <= y.length ? [x, y, a] : [y, x, b];
  if ((short.length >= 2 || builtIn.has(shortText)) && contains(long, short)) return true;
  const alternatives = oneAnswer || builtIn.has(a) || builtIn.has(b);
  return alternatives && x.length >= 3 && y.length >= 3 && x.slice(0, 3).join(' ') === y.slice(0, 3).join(' ');
}

/** The labels a person can tap on each question's screen, as text keys; `oneAnswer` unless tick-all. */
function screens(): { question: string; keys: string[]; oneAnswer: boolean }[] {
  return questionnaire.questions.flatMap((q) => {
    if (q.kind === 'exercise') return [];
    const missing = q.allowMissing ? ['question.refused'] : [];
    if (q.kind === 'items') return [{ question: q.id, keys: [...q.scale.map((o) => o.label), 'question.dontKnow', ...missing], oneAnswer: true }];
    return [{ question: q.id, keys: [...q.options.map((o) => o.label), ...(q.allowMissing ? ['question.dontKnow', 'question.refused'] : [])], oneAnswer: q.kind === 'single' }];
  });
}

describe('the confusability rule', () => {
  const builtIn = new Set(['Je ne sais pas', 'Bilmiyorum', 'لا أعرف']);
  it('catches the pairs version 1 shipped, in French, FALC, Turkish and Arabic', () => {
    expect(confusable('Je ne sais pas le faire', 'Je ne sais pas', builtIn)).toBe(true);
    expect(confusable('Je ne sais pas encore le faire', 'Je ne sais pas', builtIn)).toBe(true);
    expect(confusable('Nasıl yapılacağını bilmiyorum', 'Bilmiyorum', builtIn)).toBe(true);
    expect(confusable('لا أعرف كيف أقوم بذلك', 'لا أعرف', builtIn)).toBe(true);
    expect(confusable('Je le fais seul ou seule', "Je le fais avec de l'aide", builtIn)).toBe(true);
    expect(confusable('Oui', 'oui !', builtIn)).toBe(true);
  });

  it('lets distinct answers be', () => {
    expect(confusable('Seul ou seule', "Avec de l'aide", builtIn)).toBe(false);
    expect(confusable("Quelqu'un le fait pour moi", 'Je ne sais pas', builtIn)).toBe(false);
    expect(confusable('لا', 'لا أعرف', builtIn)).toBe(false);
    expect(confusable('Oui, chaque semaine', 'Oui, de temps en temps', builtIn)).toBe(false);
    // Parallel statements of a tick-all list.
    expect(confusable("Je n'ai pas le temps", "Je n'ai pas d'appareil qui marche bien", builtIn, false)).toBe(false);
    expect(confusable("Je n'ai pas le temps", "Je n'ai pas d'appareil qui marche bien", builtIn, true)).toBe(true);
  });
});

describe('no confusable answers on any screen', () => {
  const all = screens();
  it('covers every question with answers, item-by-item screens included', () => {
    expect(all.map((s) => s.question)).toEqual(expect.arrayContaining(['internetUse', 'internetUseCheck', 'actContent', 'taskUnlock', 'commune']));
  });

  for (const language of LANGUAGES) {
    it(`${language}: no two answers on one screen can be taken for each other`, () => {
      const texts = flattenTexts(TEXTS[language as Language] ?? {});
      const builtIn = new Set([texts['question.dontKnow'], texts['question.refused']].filter((t): t is string => t !== undefined));
      const problems: string[] = [];
      for (const screen of all) {
        const labels = screen.keys.map((key) => {
          const text = texts[key];
          if (text === undefined) throw new Error(`${language}: no text for ${key}`);
          return text;
        });
        labels.forEach((a, i) =>
          labels.slice(i + 1).forEach((b) => {
            if (confusable(a, b, builtIn, screen.oneAnswer)) problems.push(`${screen.question}: «${a}» / «${b}»`);
          }),
        );
      }
      expect(problems).toEqual([]);
    });
  }
});
