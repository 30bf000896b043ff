/**
 * Which texts a citizen can hear, and exactly what is said for each. Pure, shared by the audio
 * generator (scripts/generate-audio.mts), the manifest test (test/unit/audio-manifest.test.ts)
 * and the renderer, so that all three always agree on the list (docs/audio.md).
 *
 * Spoken: every text of TEXTS, i.e. the questionnaire, the results, the commune names and the
 * citizen interface, plus each language's own name (`nativeName`, for the language screen),
 * except:
 *   - keys under one of UNSPOKEN_PREFIXES (the staff area, technical error messages);
 *   - the keys of UNSPOKEN_KEYS, each with the reason it is not spoken.
 * Plural forms (`key_one`, `key_other`…) are each spoken with a sample count (PLURAL_SAMPLES);
 * any other `{{placeholder}}` must be listed in UNSPOKEN_KEYS, otherwise `spokenTexts` throws
 * so that nobody ships a file that says "curly brace curly brace".
 */
import { NATIVE_NAMES, htmlLangOf, type Language } from './languages';
import { formatNumber } from './numbers';
import { flattenTexts, type TextTree } from './resources';

/** Key prefixes that no citizen hears. */
export const UNSPOKEN_PREFIXES: Record<string, string> = {
  'staff.': 'the staff area is for site staff, who read',
  'errors.': 'technical errors of the main process; citizens see them only while the kiosk starts',
  'hours.today.': 'pieces of the day\'s hours sentence of a place (shared/opening/day-hours.ts), said whole as a place text: recorded with the directory or pack, else by the local voice',
};

/** Single keys that are not spoken, and why. The manifest test checks that each one exists. */
export const UNSPOKEN_KEYS: Record<string, string> = {
  'question.progress': '"Question 3 sur 20" changes on every screen; the progress bar is visual and screen readers announce it',
  'exercise.phishing.from': 'a template around the sender name; the sender names (senderA, senderB) are spoken on their own',
  'hours.until': 'a closing time that changes with the place and the hour; "Ouvert maintenant" (hours.openNow) is spoken',
  'hours.nextOpening': 'a day and time that change with the place and the hour; "Fermé maintenant" (hours.closedNow) is spoken',
  'closed.comeBack': 'a day and time that change with the site\'s hours; the screen\'s title and thanks are spoken',
};

/**
 * Keys whose files are knowingly missing: the renderer falls back to speechSynthesis or hides
 * the button. Empty: every spoken key has a file in every shipped language.
 */
export const AUDIO_FALLBACK_KEYS: Record<string, string> = {};

/** The key of each language's own name, spoken in that language on the language screen. */
export const NATIVE_NAME_KEY = 'nativeName';

/**
 * The letters of the on-screen keyboard (type exercise): each key says its letter, named in
 * the visitor's language (the voice's name for a Latin letter), when it gets the focus. Not
 * texts to translate: `letter.A` says "A".
 */
export const KEYBOARD_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LETTER_PREFIX = 'letter.';

export function letterKey(letter: string): string {
  return `${LETTER_PREFIX}${letter}`;
}

/** The letter a `letter.X` key says, or null for any other key. */
export function letterOf(key: string): string | null {
  const letter = key.startsWith(LETTER_PREFIX) ? key.slice(LETTER_PREFIX.length) : '';
  return letter.length === 1 && KEYBOARD_LETTERS.includes(letter) ? letter : null;
}

/**
 * Counts said in the plural texts. They match the kiosk's default settings (defaultSettings():
 * idleDelayS 90 + warningDelayS 30 → "2 minutes" before everything is erased (idle-limit.ts),
 * warningDelayS 30 for the countdown; checked by the manifest test), so with the defaults the
 * file says exactly what the screen shows. The seconds variant of the limit is only shown when
 * staff set delays that are not whole minutes; its files say 150 seconds. When the count on
 * screen differs, the renderer prefers a speechSynthesis voice and otherwise plays the file
 * (docs/audio.md).
 */
export const PLURAL_SAMPLES: Record<string, number> = {
  'privacy.idleLimit': 2,
  'privacy.idleLimitSeconds': 150,
  'idle.body': 30,
};

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

export interface SpokenText {
  /** The text key, plural suffix included; also the audio file's name without `.opus`. */
  key: string;
  /** Exactly what is said: the text with its sample count, if any. */
  text: string;
  /** The interpolation values used to make `text`, when the text has any. */
  values?: Record<string, number>;
  /** The language of the voice: French for commune names (French places), else the text's. */
  voiceLanguage: string;
}

export function isSpokenKey(key: string): boolean {
  return !Object.keys(UNSPOKEN_PREFIXES).some((p) => key.startsWith(p)) && !(key in UNSPOKEN_KEYS);
}

/** The voice language for a key: commune names are French proper nouns in every language. */
export function voiceLanguageOf(key: string, language: Language): string {
  return key.startsWith('commune.') ? 'fr' : htmlLangOf(language);
}

/** A count whose plural category in `language` is `category`, the preferred one if it fits. */
export function sampleCount(language: Language, category: string, preferred: number | undefined): number {
  const rules = new Intl.PluralRules(htmlLangOf(language));
  // i18next uses `_zero` for a count of 0 in every language.
  if (category === 'zero') return 0;
  // Some categories hold only fractions (Ukrainian "other") or millions (French "many"): their
  // files exist but a kiosk count never selects them.
  const candidates = [...(preferred === undefined ? [] : [preferred]), ...Array.from({ length: 1001 }, (_, i) => i), 1.5, 1_000_000];
  const found = candidates.find((n) => n !== 0 && rules.select(n) === category) ?? candidates.find((n) => rules.select(n) === category);
  if (found === undefined) throw new Error(`no count has the plural category ${category} in ${language}`);
  return found;
}

/** Every text of `tree` that a citizen can hear in `language`, sorted by key. */
export function spokenTexts(language: Language, tree: TextTree): SpokenText[] {
  const flat = flattenTexts(tree);
  if (NATIVE_NAME_KEY in flat) throw new Error(`the text key ${NATIVE_NAME_KEY} is reserved for the audio of language names`);
  flat[NATIVE_NAME_KEY] = NATIVE_NAMES[language];
  for (const letter of KEYBOARD_LETTERS) {
    if (letterKey(letter) in flat) throw new Error(`the text key ${letterKey(letter)} is reserved for the keyboard's letters`);
    flat[letterKey(letter)] = letter;
  }
  const out: SpokenText[] = [];
  for (const [key, raw] of Object.entries(flat)) {
    if (!isSpokenKey(key)) continue;
    let text = raw;
    let values: Record<string, number> | undefined;
    const plural = PLURAL_SUFFIX.exec(key);
    if (plural && raw.includes('{{count}}')) {
      const base = key.slice(0, plural.index);
      const count = sampleCount(language, plural[1] ?? 'other', PLURAL_SAMPLES[base]);
      values = { count };
      // Written as the screen writes it (numbers.ts: Persian digits in Dari), so the file says the same.
      text = raw.replaceAll('{{count}}', formatNumber(language, count));
    }
    if (/\{\{|\$t\(/.test(text)) {
      throw new Error(`${language} ${key}: "${raw}" has a placeholder; list the key in UNSPOKEN_KEYS or give it a sample (shared/i18n/spoken-keys.ts)`);
    }
    if (text.trim() === '') continue;
    out.push({ key, text, ...(values ? { values } : {}), voiceLanguage: voiceLanguageOf(key, language) });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The manifest of one language's audio directory: `assets/audio/<lang>/manifest.json`. */
export interface AudioManifestEntry {
  /** File name inside the language's directory. */
  file: string;
  /** SHA-256 (hex) of the UTF-8 text the file says (`SpokenText.text`). */
  textSha256: string;
  /** "espeak-ng <version> voice <voice> …", or "human recording …". */
  generator: string;
  /** The sample values said in the file, for texts with a count. */
  values?: Record<string, number>;
  /** A human recording: the generator never overwrites it. */
  human?: boolean;
}
export type AudioManifest = Record<string, AudioManifestEntry>;
