/**
 * The glossary (docs/glossaire.md) is what the texts follow: one word per notion and language.
 * Each language's table is parsed; every searched root must occur in that language's visitor
 * texts, no forbidden variant may occur in any of them (a term translated two ways), and the
 * kiosk's word is never the word for the visitor's own device.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../shared/i18n/languages';
import { TEXTS, flattenTexts } from '../../shared/i18n/resources';

interface Row {
  notion: string;
  roots: string[];
  forbidden: string[];
}

const GLOSSARY = readFileSync(resolve(import.meta.dirname, '../../docs/glossaire.md'), 'utf8');
const list = (cell: string) =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '—');

export function parseGlossary(markdown: string): Map<string, Row[]> {
  const tables = new Map<string, Row[]>();
  let language: string | undefined;
  for (const line of markdown.split('\n')) {
    const heading = /^## (\S+)\s*$/.exec(line);
    if (heading) {
      language = heading[1];
      tables.set(language ?? '', []);
      continue;
    }
    if (!language || !line.startsWith('|') || /^\|\s*(Notion|---)/.test(line)) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length !== 4) throw new Error(`glossary ${language}: a row needs 4 cells: ${line}`);
    tables.get(language)?.push({ notion: cells[0] ?? '', roots: list(cells[2] ?? ''), forbidden: list(cells[3] ?? '') });
  }
  return tables;
}

/** Where `word` starts a word of `text` (case folded): not in the middle of another word. */
export function startsAWord(text: string, word: string): boolean {
  const escaped = word.toLocaleLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{M}])${escaped}`, 'u').test(text.toLocaleLowerCase());
}

function visitorTexts(language: Language): Record<string, string> {
  return Object.fromEntries(Object.entries(flattenTexts(TEXTS[language] ?? {})).filter(([key]) => !key.startsWith('staff.') && !key.startsWith('commune.')));
}

const KIOSK = 'borne (kiosk)';
const DEVICE = 'appareil du visiteur (device)';
/** Sentences about the kiosk itself, where "the device" once stood for it. */
const KIOSK_KEYS = ['privacy.nothingLeaves', 'privacy.forget', 'closed.title'];
const tables = parseGlossary(GLOSSARY);

describe('the glossary parser', () => {
  it('reads roots and forbidden variants, and finds words only at their start', () => {
    const parsed = parseGlossary('## xx\n\n| Notion | Terme | Racine cherchée | Variantes interdites |\n|---|---|---|---|\n| a | b | c ; d | e ; f |\n| g | h | i | — |\n');
    expect(parsed.get('xx')).toEqual([
      { notion: 'a', roots: ['c', 'd'], forbidden: ['e', 'f'] },
      { notion: 'g', roots: ['i'], forbidden: [] },
    ]);
    expect(startsAWord('Print on paper', 'print')).toBe(true);
    expect(startsAWord('Reprint', 'print')).toBe(false);
    expect(startsAWord('از این کد عکس', 'کد')).toBe(true);
    expect(startsAWord('یکدیگر', 'کد')).toBe(false);
  });

  it('has one table per language, with the same notions in each', () => {
    expect([...tables.keys()].sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      const notions = tables.get(language)?.map((r) => r.notion) ?? [];
      expect(notions, language).toEqual(expect.arrayContaining([KIOSK, DEVICE, 'démarche administrative', 'document', 'imprimer', 'mot de passe', 'arnaque', 'titre de séjour', 'e-mail', "animal de l'exercice de défilement"]));
    }
  });
});

describe.each(LANGUAGES)('%s follows its glossary', (language) => {
  const rows = tables.get(language) ?? [];
  const texts = visitorTexts(language);

  it('every term is the one the texts use', () => {
    const unused = rows.filter((row) => !row.roots.some((root) => Object.values(texts).some((text) => startsAWord(text, root))));
    expect(unused.map((r) => `${r.notion}: ${r.roots.join(' ; ')}`)).toEqual([]);
  });

  it('no term is translated another way', () => {
    const found = rows.flatMap((row) =>
      row.forbidden.flatMap((variant) =>
        Object.entries(texts)
          .filter(([, text]) => startsAWord(text, variant))
          .map(([key, text]) => `${row.notion}: «${variant}» in ${key} «${text}»`),
      ),
    );
    expect(found).toEqual([]);
  });

  it('the kiosk is never called the device', () => {
    const kiosk = rows.find((r) => r.notion === KIOSK)?.roots ?? [];
    const device = rows.find((r) => r.notion === DEVICE)?.roots ?? [];
    expect(kiosk.length).toBeGreaterThan(0);
    expect(device.length).toBeGreaterThan(0);
    for (const k of kiosk) for (const d of device) expect(startsAWord(k, d) || startsAWord(d, k), `${k} / ${d}`).toBe(false);
    for (const key of KIOSK_KEYS) {
      const text = texts[key] ?? '';
      expect(kiosk.some((k) => startsAWord(text, k)), `${key}: «${text}»`).toBe(true);
      expect(device.some((d) => startsAWord(text, d)), `${key}: «${text}»`).toBe(false);
    }
  });
});
