/**
 * How fast the shipped voice speaks a language, in syllables per second of audio: espeak-ng's
 * "words per minute" setting does not compare across voices (at the same setting its Arabic
 * voice says a question in about 1.5 times the French time), so the pace a listener hears is
 * measured on the files themselves (the questions' labels: one espeak-ng run of about forty lines
 * per language, cheap enough for a unit test). Syllables are counted as groups of vowels in espeak-ng's
 * own phonetic transcription (`--ipa`) of the texts, with the voice the manifest names; the
 * seconds are the files' whole length, pauses included. Used by `npm run visit-length` and
 * test/unit/visit-length.test.ts (no language may be heard faster than French).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../shared/i18n/languages';
import { TEXTS, flattenTexts } from '../../shared/i18n/resources';
import type { AudioManifest } from '../../shared/i18n/spoken-keys';
import type { Durations } from './length';

/** IPA vowels espeak-ng writes (length marks and diacritics follow them and do not split a group). */
const VOWEL_GROUP = /[aeiouyɛɔøœəɑɐɪʊæɨɯɒʌɜɤ]+/g;

export function syllablesIn(ipa: string): number {
  return ipa.match(VOWEL_GROUP)?.length ?? 0;
}

export interface Pace {
  /** The espeak-ng voice and speed the manifest records. */
  voice: string;
  speed: number;
  syllablesPerSecond: number;
}

/** The pace of the questions (`q.<id>.label`, whole sentences) as the shipped files say them. */
export function languagePace(audioDir: string, language: Language, durations: Durations): Pace {
  const manifest = JSON.parse(readFileSync(join(audioDir, language, 'manifest.json'), 'utf8')) as AudioManifest;
  const texts = flattenTexts(TEXTS[language] ?? {});
  const keys = Object.keys(manifest).filter((k) => /^q\.[^.]+\.label$/.test(k) && texts[k] && durations[k] !== undefined && !manifest[k]?.human);
  const generator = /voice (\S+) speed (\d+)/.exec(manifest[keys[0] ?? '']?.generator ?? '');
  if (!generator) throw new Error(`${language}: no espeak-ng voice in the manifest`);
  const [, voice, speed] = generator as unknown as [string, string, string];
  // One espeak-ng run for all the texts: a line each.
  const ipa = execFileSync('espeak-ng', ['-q', '--ipa', '-v', voice], { input: keys.map((k) => texts[k]!.replace(/\n/g, ' ')).join('\n') }).toString();
  const seconds = keys.reduce((sum, k) => sum + durations[k]!, 0);
  return { voice, speed: Number(speed), syllablesPerSecond: syllablesIn(ipa) / seconds };
}
