/**
 * French names and addresses in other languages' audio (shared/i18n/french-names.ts): the
 * generator gives them to the French voice and spells the parts of an address that a listener
 * must tell apart ("https" against "http").
 */
import { describe, expect, it } from 'vitest';
import { speechSegments, urlSegments } from '../../shared/i18n/french-names';
import { TEXTS } from '../../shared/i18n/resources';
import { flattenTexts } from '../../shared/i18n/resources';

describe('speechSegments', () => {
  it('gives French names to the French voice and the rest to the visitor\'s', () => {
    expect(speechSegments('Йдіть до Le Labo або CAF.', 'uk')).toEqual([
      { text: 'Йдіть до ', lang: 'uk' },
      { text: 'Le Labo', lang: 'fr' },
      { text: ' або ', lang: 'uk' },
      { text: 'CAF', lang: 'fr' },
    ]);
  });

  it('leaves French texts whole: the French voice already reads them', () => {
    expect(speechSegments('Allez au Labo : https://www.impots.gouv.fr', 'fr')).toEqual([{ text: 'Allez au Labo : https://www.impots.gouv.fr', lang: 'fr' }]);
  });

  it('does not take a name inside a longer word', () => {
    expect(speechSegments('CAFE AmeliX', 'en')).toEqual([{ text: 'CAFE AmeliX', lang: 'en' }]);
  });

  it('spells the scheme, "www" and short parts of an address in the visitor\'s language, its words in French', () => {
    expect(urlSegments('https://www.impots.gouv.fr', 'ar')).toEqual([
      { text: 'https://www.', lang: 'ar', spell: true },
      { text: 'impots', lang: 'fr' },
      { text: '.', lang: 'ar', spell: true },
      { text: 'gouv', lang: 'fr' },
      { text: '.fr', lang: 'ar', spell: true },
    ]);
    // The secure and the insecure site differ by one spelled letter.
    const http = urlSegments('http://impots-remboursement.info', 'uk');
    expect(http[0]).toEqual({ text: 'http://', lang: 'uk', spell: true });
  });

  it('covers every service name and address of the shipped texts in the other languages', () => {
    for (const language of ['ar', 'uk', 'fa-AF', 'tr', 'en'] as const) {
      const flat = flattenTexts(TEXTS[language]!);
      for (const key of ['result.kind.labo', 'result.kind.franceServices', 'result.kind.adapt', 'exercise.secureSite.siteA', 'exercise.secureSite.siteB']) {
        const french = speechSegments(flat[key]!, language).filter((s) => s.lang === 'fr').map((s) => s.text);
        expect(french.length, `${language} ${key}`).toBeGreaterThan(0);
      }
    }
  });
});
