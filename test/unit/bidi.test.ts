/**
 * Web addresses in a sentence are cut out for left-to-right isolation (shared/i18n/bidi.ts):
 * the phishing exercise's link in Arabic and Dari keeps its order (issue 17).
 */
import { describe, expect, it } from 'vitest';
import { splitAddresses } from '../../shared/i18n/bidi';
import { TEXTS, flattenTexts } from '../../shared/i18n/resources';
import { LANGUAGES } from '../../shared/i18n/languages';

describe('splitAddresses', () => {
  it('cuts the link out of the Arabic scam message, keeping every character', () => {
    const text = flattenTexts(TEXTS.ar ?? {})['exercise.phishing.messageB'] ?? '';
    const parts = splitAddresses(text);
    expect(parts.filter((p) => p.address).map((p) => p.text)).toEqual(['colis-livr4ison.info']);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('finds the link in every language, and nothing else: prices, times and sentence ends are not addresses', () => {
    for (const l of LANGUAGES) {
      const flat = flattenTexts(TEXTS[l] ?? {});
      const links = splitAddresses(flat['exercise.phishing.messageB'] ?? '').filter((p) => p.address).map((p) => p.text);
      expect(links, l).toHaveLength(1);
      expect(links[0], l).toMatch(/^[a-z0-9-]+\.info$/);
      expect(splitAddresses(flat['exercise.phishing.messageA'] ?? '').some((p) => p.address), l).toBe(false);
    }
    expect(splitAddresses('Payez 1,99 € à 10 h. Fin.').some((p) => p.address)).toBe(false);
    expect(splitAddresses('voir https://www.impots.gouv.fr/compte ici')).toEqual([
      { text: 'voir ', address: false },
      { text: 'https://www.impots.gouv.fr/compte', address: true },
      { text: ' ici', address: false },
    ]);
  });
});
