/**
 * The shipped audio matches the current texts (docs/audio.md): for every shipped language and
 * every spoken key, the manifest has an entry made from the current text and its file is a
 * real Ogg file. Changing a text without `npm run audio` fails here.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../electron/services/settings';
import { idleLimitText } from '../../shared/i18n/idle-limit';
import { TEXTS, availableLanguages, flattenTexts } from '../../shared/i18n/resources';
import { htmlLangOf } from '../../shared/i18n/languages';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';
import { placeTexts } from '../../shared/orientation/place-speech';
import {
  AUDIO_FALLBACK_KEYS,
  PLURAL_SAMPLES,
  UNSPOKEN_KEYS,
  UNSPOKEN_PREFIXES,
  sampleCount,
  spokenTexts,
  type AudioManifest,
} from '../../shared/i18n/spoken-keys';

const AUDIO_DIR = resolve(import.meta.dirname, '../../assets/audio');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const HINT = 'run `npm run audio` (docs/audio.md)';

function manifestOf(language: string): AudioManifest {
  const path = join(AUDIO_DIR, language, 'manifest.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as AudioManifest) : {};
}

describe.each(availableLanguages())('audio for %s', (language) => {
  const texts = spokenTexts(language, TEXTS[language]!);
  const manifest = manifestOf(language);
  const dir = join(AUDIO_DIR, language);

  it('has a file made from the current text for every spoken key, or a documented fallback', () => {
    const problems: string[] = [];
    for (const { key, text, values } of texts) {
      const entry = manifest[key];
      if (!entry) {
        if (!(key in AUDIO_FALLBACK_KEYS)) problems.push(`${key}: no audio and no documented fallback`);
        continue;
      }
      if (entry.textSha256 !== sha256(text)) problems.push(`${key}: the text changed since its audio was made${entry.human ? ' (a human recording: record it again)' : ''}`);
      if (JSON.stringify(entry.values ?? null) !== JSON.stringify(values ?? null)) problems.push(`${key}: sample values differ`);
      const file = join(dir, entry.file);
      if (!existsSync(file)) {
        problems.push(`${key}: ${entry.file} is missing`);
        continue;
      }
      const bytes = readFileSync(file);
      if (bytes.length <= 4 || bytes.subarray(0, 4).toString('latin1') !== 'OggS') problems.push(`${key}: ${entry.file} is not an Ogg file`);
      if (!entry.human && !/^espeak-ng \S+ voice \S+/.test(entry.generator)) problems.push(`${key}: generator "${entry.generator}" is not espeak-ng`);
    }
    expect(problems, HINT).toEqual([]);
  });

  it('has no stale entry and no orphan file', () => {
    const spoken = new Set(texts.map((t) => t.key));
    expect(Object.keys(manifest).filter((key) => !spoken.has(key)), HINT).toEqual([]);
    const files = new Set(Object.values(manifest).map((e) => e.file));
    const onDisk = existsSync(dir) ? readdirSync(dir).filter((f) => f !== 'manifest.json') : [];
    expect(onDisk.filter((f) => !files.has(f)), HINT).toEqual([]);
  });

  it('keeps every file small: mono speech at a low bitrate', () => {
    const big = Object.values(manifest).filter((e) => existsSync(join(dir, e.file)) && statSync(join(dir, e.file)).size > 200_000);
    expect(big.map((e) => e.file)).toEqual([]);
  });
});

describe('the spoken selection', () => {
  const fr = flattenTexts(TEXTS.fr!);

  it('speaks every questionnaire, result and commune text', () => {
    const spoken = new Set(spokenTexts('fr', TEXTS.fr!).map((t) => t.key));
    const mustSpeak = Object.keys(fr).filter((k) => /^(q|section|commune|result)\./.test(k));
    expect(mustSpeak.length).toBeGreaterThan(200);
    expect(mustSpeak.filter((k) => !spoken.has(k))).toEqual([]);
    expect(spoken.has('nativeName')).toBe(true);
    for (const prefix of Object.keys(UNSPOKEN_PREFIXES)) expect([...spoken].filter((k) => k.startsWith(prefix))).toEqual([]);
  });

  it('documents only exclusions and fallbacks that still exist', () => {
    expect(Object.keys(UNSPOKEN_KEYS).filter((k) => !(k in fr))).toEqual([]);
    const spoken = new Set(spokenTexts('fr', TEXTS.fr!).map((t) => t.key));
    expect(Object.keys(AUDIO_FALLBACK_KEYS).filter((k) => !spoken.has(k))).toEqual([]);
    for (const reason of [...Object.values(UNSPOKEN_KEYS), ...Object.values(UNSPOKEN_PREFIXES), ...Object.values(AUDIO_FALLBACK_KEYS)]) {
      expect(reason.length).toBeGreaterThan(10);
    }
  });

  it('says the counts of the default settings, so the file matches the screen by default', () => {
    const settings = defaultSettings();
    expect(idleLimitText(settings.idleDelayS, settings.warningDelayS)).toEqual({ key: 'privacy.idleLimit', count: PLURAL_SAMPLES['privacy.idleLimit'] });
    expect(PLURAL_SAMPLES['idle.body']).toBe(settings.warningDelayS);
    const idle = spokenTexts('fr', TEXTS.fr!).find((t) => t.key === 'idle.body_other');
    expect(idle?.values).toEqual({ count: 30 });
    expect(idle?.text).toContain('30');
    expect(idle?.text).not.toContain('{{');
  });

  it('says counts with the digits the screen shows: Persian digits in Dari', () => {
    const dari = spokenTexts('fa-AF', TEXTS['fa-AF']!).find((t) => t.key === 'idle.body_other');
    expect(dari?.text).toContain('۳۰');
    expect(dari?.text).not.toMatch(/[0-9]/);
  });

  it('picks a count of the right plural category in every language', () => {
    expect(sampleCount('fr', 'one', 30)).toBe(1);
    expect(sampleCount('fr', 'other', 30)).toBe(30);
    expect(sampleCount('ar', 'few', 30)).toBe(3);
    expect(sampleCount('ar', 'many', 30)).toBe(30);
    expect(sampleCount('uk', 'few', 2)).toBe(2);
    expect(sampleCount('uk', 'other', 2)).toBe(1.5);
    expect(sampleCount('fr', 'many', 2)).toBe(1_000_000);
  });
});

describe('audio of the bundled directory\'s places (assets/audio/places)', () => {
  const langs = [...new Set(availableLanguages().map(htmlLangOf))];
  const texts = placeTexts(DEFAULT_DIRECTORY, langs);

  it('has a recording of every name and address (French voice) and phone number (each language)', () => {
    const problems: string[] = [];
    for (const lang of langs) expect(texts.get(lang)?.size ?? 0, `phone numbers in ${lang}`).toBeGreaterThan(0);
    for (const [lang, set] of texts) {
      const manifest = manifestOf(`places/${lang}`);
      for (const text of set) {
        const entry = manifest[text];
        if (!entry) problems.push(`places/${lang} "${text}": no file; ${HINT}`);
        else if (entry.textSha256 !== sha256(text)) problems.push(`places/${lang} "${text}": stale; ${HINT}`);
        else if (readFileSync(join(AUDIO_DIR, 'places', lang, entry.file)).subarray(0, 4).toString('latin1') !== 'OggS') problems.push(`places/${lang} ${entry.file}: not Ogg`);
      }
      const stale = Object.keys(manifest).filter((text) => !set.has(text));
      if (stale.length) problems.push(`places/${lang}: entries of places no longer in the directory: ${stale.join(', ')}; ${HINT}`);
    }
    expect(problems).toEqual([]);
  });

  it('says the names in French in every language, and the phone numbers in the visitor\'s', () => {
    const labo = DEFAULT_DIRECTORY.find((p) => p.id === 'le-labo')!;
    expect(texts.get('fr')?.has(labo.name)).toBe(true);
    expect(texts.get('ar')?.has(labo.name)).toBe(false);
    expect(texts.get('ar')?.has(labo.phone)).toBe(true);
  });
});
