/**
 * The recordings of a directory's places ("lieux de médiation"): each place's name and address
 * in the French voice, its phone number in the voice of each language the kiosk speaks
 * (shared/orientation/place-speech.ts decides which text goes to which voice), and, for a place
 * whose hours are in the OpenStreetMap syntax, the sentence of each day of the coming week
 * ("Ouvert aujourd'hui de 9 heures à 12 heures…", shared/opening/day-hours.ts) in each
 * language's voice. One plan for the
 * bundled directory (scripts/generate-audio.mts, under assets/audio/places/<lang>/) and for the
 * places a configuration pack brings (`reperes pack`, inside the signed pack).
 */
import { join } from 'node:path';
import { htmlLangOf, type Language } from '../../../shared/i18n/languages';
import type { HelpPlace } from '../../../shared/orientation/directory';
import { placeTexts } from '../../../shared/orientation/place-speech';
import { comeBackSentence, dayHoursSentence, dayRanges, type Phrase } from '../../../shared/opening/day-hours';
import { TEXTS } from '../../../shared/i18n/resources';
import { scheduleOf } from '../opening-hours';
import { generatorOf, serialOf, sha256, synthesise, VOICES, type Voice } from './espeak';

export interface PlaceRecording {
  /** The voice's language tag, as the result screen asks for it ('fr', 'ar', 'fa-AF'…). */
  lang: string;
  text: string;
  /** The file's name: the text's hash, so that the same text has the same name everywhere. */
  file: string;
  voice: Voice;
  generator: string;
  serial: number;
}

export function placeAudioFile(text: string): string {
  return `${sha256(text).slice(0, 16)}.opus`;
}

/** A locale's text with its values filled in, as i18next does it on the kiosk (no escaping). */
export function textPhrase(language: Language): Phrase {
  return (key, values = {}) => {
    let node: unknown = TEXTS[language];
    for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    if (typeof node !== 'string') throw new Error(`${language}: no text ${key}`);
    return node.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  };
}

/**
 * The sentences of each day of the week from `now` of the places whose hours are readable, by
 * voice language: the result screen says the sentence of its own day (holidays aside, the same
 * week after week).
 */
export function dayHoursTexts(places: HelpPlace[], languages: readonly Language[], now: Date): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  for (const place of places) {
    const schedule = place.openingHours ? scheduleOf(place.openingHours, midnight, 8) : null;
    if (!schedule) continue;
    for (let day = 0; day < 7; day++) {
      const noon = new Date(midnight);
      noon.setDate(noon.getDate() + day);
      noon.setHours(12);
      const ranges = dayRanges(schedule, noon.getTime());
      if (!ranges) continue;
      for (const language of languages) {
        const set = out.get(htmlLangOf(language)) ?? new Set<string>();
        set.add(dayHoursSentence(ranges, language, textPhrase(language)));
        out.set(htmlLangOf(language), set);
      }
    }
  }
  return out;
}

/**
 * The closed screen's "Revenez mardi 9 heures" for each opening of the coming week of these
 * sites' hours (OpenStreetMap syntax), by voice language.
 */
export function comeBackTexts(siteHours: readonly string[], languages: readonly Language[], now: Date): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  for (const hours of siteHours) {
    for (const [opensAt] of scheduleOf(hours, midnight, 8)?.intervals ?? []) {
      for (const language of languages) {
        const set = out.get(htmlLangOf(language)) ?? new Set<string>();
        set.add(comeBackSentence(opensAt, language, textPhrase(language)));
        out.set(htmlLangOf(language), set);
      }
    }
  }
  return out;
}

/**
 * Every recording these places (and the closed screen of sites open at `siteHours`) need for
 * visitors speaking `languages`, by voice language.
 */
export function placeRecordings(places: HelpPlace[], languages: readonly Language[], espeakVersion: string, now = new Date(), siteHours: readonly string[] = []): Map<string, PlaceRecording[]> {
  const voiceOf = (lang: string) => VOICES[languages.find((l) => htmlLangOf(l) === lang) ?? 'fr'];
  const out = new Map<string, PlaceRecording[]>();
  const byVoice = placeTexts(places, [...new Set(languages.map(htmlLangOf))]);
  for (const extra of [dayHoursTexts(places, languages, now), comeBackTexts(siteHours, languages, now)]) {
    for (const [lang, sentences] of extra) byVoice.set(lang, new Set([...(byVoice.get(lang) ?? []), ...sentences]));
  }
  for (const [lang, texts] of byVoice) {
    const voice = voiceOf(lang);
    const generator = generatorOf(espeakVersion, voice);
    out.set(
      lang,
      [...texts].map((text) => ({ lang, text, file: placeAudioFile(text), voice, generator, serial: serialOf(`places/${lang}`, text) })),
    );
  }
  return out;
}

/**
 * Records one text into `dir` (its file name from `placeAudioFile`). Tried twice: on a machine
 * under load espeak-ng has once ended without a sound (opusenc then reports "unsupported input
 * file"), and a pack of a hundred places should not fail for one such run.
 */
export async function record(recording: PlaceRecording, dir: string): Promise<void> {
  const out = join(dir, recording.file);
  try {
    await synthesise(recording.text, recording.voice, recording.serial, out);
  } catch {
    await synthesise(recording.text, recording.voice, recording.serial, out);
  }
}
