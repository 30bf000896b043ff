/**
 * The kiosk's texts are looked up once per language (renderer/src/texts-cache.ts): the same
 * answers as i18next's own, per language, with values and counts still going to i18next, and
 * nothing stale after texts change.
 */
import { createInstance, type i18n as I18n } from 'i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cachePlainTexts } from '../../renderer/src/texts-cache';

let i18n: I18n;
beforeEach(async () => {
  i18n = createInstance();
  await i18n.init({
    lng: 'fr',
    fallbackLng: 'fr',
    interpolation: { escapeValue: false },
    resources: {
      fr: { translation: { next: 'Suivant', progress: 'Question {{position}} sur {{total}}', answers_one: '{{count}} réponse', answers_other: '{{count}} réponses', only: 'en français' } },
      en: { translation: { next: 'Next', progress: 'Question {{position}} of {{total}}', answers_one: '{{count}} answer', answers_other: '{{count}} answers' } },
    },
  });
  cachePlainTexts(i18n);
});

describe('texts looked up once per language', () => {
  it('a plain text is asked of i18next once, then served again', () => {
    const lookups = vi.spyOn(i18n, 't');
    expect(i18n.getFixedT('fr')('next')).toBe('Suivant');
    expect(i18n.getFixedT('fr')('next')).toBe('Suivant');
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('each language has its own texts, fallbacks included', () => {
    expect(i18n.getFixedT('fr')('next')).toBe('Suivant');
    expect(i18n.getFixedT('en')('next')).toBe('Next');
    expect(i18n.getFixedT('en')('only')).toBe('en français');
    // A t made for no language follows the current one.
    const current = i18n.getFixedT(null, 'translation');
    expect(current('next')).toBe('Suivant');
    return i18n.changeLanguage('en').then(() => expect(current('next')).toBe('Next'));
  });

  it('values and counts: each set of values is asked once, and gives its own text', () => {
    const lookups = vi.spyOn(i18n, 't');
    const t = i18n.getFixedT('en');
    expect(t('progress', { position: 2, total: 9 })).toBe('Question 2 of 9');
    expect(t('progress', { position: 3, total: 9 })).toBe('Question 3 of 9');
    expect(t('progress', { position: 2, total: 9 })).toBe('Question 2 of 9');
    expect(t('answers', { count: 1 })).toBe('1 answer');
    expect(t('answers', { count: 2 })).toBe('2 answers');
    expect(i18n.getFixedT('fr')('answers', { count: 2 })).toBe('2 réponses');
    expect(lookups).toHaveBeenCalledTimes(5);
  });

  it('options that are not plain values go to i18next every time', () => {
    const lookups = vi.spyOn(i18n, 't');
    const t = i18n.getFixedT('en');
    const values = { position: { toString: () => '4' }, total: 9 };
    expect(t('progress', values)).toBe('Question 4 of 9');
    expect(t('progress', values)).toBe('Question 4 of 9');
    expect(lookups).toHaveBeenCalledTimes(2);
  });

  it('a text changed or added is served as it is now', () => {
    const t = i18n.getFixedT('fr');
    expect(t('next')).toBe('Suivant');
    i18n.addResource('fr', 'translation', 'next', 'Continuer');
    expect(t('next')).toBe('Continuer');
  });

  it('keeps what react-i18next reads back from the t it gets', () => {
    const t = i18n.getFixedT('en', 'translation', 'nav') as unknown as { lng: string; ns: string; keyPrefix: string };
    expect([t.lng, t.ns, t.keyPrefix]).toEqual(['en', 'translation', 'nav']);
  });
});
