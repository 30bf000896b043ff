/**
 * French names and web addresses inside the texts of other languages ("Le Labo", "CAF",
 * "https://www.impots.gouv.fr" in Arabic, Dari, Ukrainian, Turkish, English). Without help a
 * voice reads them with its own phonemes ("Le Labo" → "l@ l'A:boU" in Arabic); the audio
 * generator cuts each text into segments: French names said by the French voice, addresses
 * spelled letter by letter by the visitor's voice except their French words, the rest by the
 * visitor's voice (docs/audio.md). Pure: used by the generator and its tests.
 */

/**
 * Names known to be French (places, services, bodies). Longest first when matching, so that
 * "LibreOffice Calc" is never cut by "LibreOffice". Brand names that are not French
 * (WhatsApp, Chrome) keep the visitor's voice: that is how people of that language say them.
 */
export const FRENCH_NAMES = [
  'Repères',
  'Le Labo',
  'Centre social',
  'France Services',
  'France Travail',
  'Conseiller numérique',
  "L'ADAPT",
  'Aidants Connect',
  'Pass numérique',
  'CAF',
  'Ameli',
  'Leboncoin',
] as const;

/** A piece of a text and how it is said. */
export interface SpeechSegment {
  text: string;
  /** 'fr' for French names and the French words of addresses; else the visitor's language. */
  lang: string;
  /** Said letter by letter (scheme, "www", short parts and punctuation of an address). */
  spell?: boolean;
}

const URL = /\b(?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:fr|info|com|org|net|gouv)\b(?:\/\S*)?/gi;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const NAMES = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...FRENCH_NAMES].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/**
 * An address in pieces: words of three letters or more (French words of the address:
 * "impots", "remboursement", "gouv") by the French voice; the scheme, "www", short parts
 * ("fr") and punctuation spelled in the visitor's language, so that "https" and "http" are
 * heard as different.
 */
export function urlSegments(url: string, language: string): SpeechSegment[] {
  const out: SpeechSegment[] = [];
  for (const part of url.split(/([a-zà-ÿ]+)/i)) {
    if (!part) continue;
    const word = /^[a-zà-ÿ]{3,}$/i.test(part) && !/^(https?|www)$/i.test(part);
    const segment: SpeechSegment = word ? { text: part, lang: 'fr' } : { text: part, lang: language, spell: true };
    const last = out.at(-1);
    if (last && last.lang === segment.lang && last.spell === segment.spell) last.text += part;
    else out.push(segment);
  }
  return out;
}

/**
 * The segments of a text in `language`. French texts are one segment: the French voice reads
 * French names and addresses as a French reader would.
 */
export function speechSegments(text: string, language: string): SpeechSegment[] {
  if (language === 'fr' || language.startsWith('fr-')) return [{ text, lang: language }];
  const marks: { start: number; end: number; segments: SpeechSegment[] }[] = [];
  for (const match of text.matchAll(URL)) {
    marks.push({ start: match.index, end: match.index + match[0].length, segments: urlSegments(match[0], language) });
  }
  for (const match of text.matchAll(NAMES)) {
    const start = match.index;
    const end = start + match[0].length;
    if (marks.some((m) => start < m.end && end > m.start)) continue;
    marks.push({ start, end, segments: [{ text: match[0], lang: 'fr' }] });
  }
  marks.sort((a, b) => a.start - b.start);
  const out: SpeechSegment[] = [];
  let at = 0;
  for (const mark of marks) {
    if (mark.start > at) out.push({ text: text.slice(at, mark.start), lang: language });
    out.push(...mark.segments);
    at = mark.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), lang: language });
  // Spaces and punctuation alone between two names say nothing: dropped.
  return out.filter((s) => s.spell || /[\p{L}\p{N}]/u.test(s.text));
}
