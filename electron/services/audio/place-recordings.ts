/**
 * The recordings of a directory's places ("lieux de médiation"): each place's name and address
 * in the French voice, its phone number in the voice of each language the kiosk speaks
 * (shared/orientation/place-speech.ts decides which text goes to which voice). One plan for the
 * bundled directory (scripts/generate-audio.mts, under assets/audio/places/<lang>/) and for the
 * places a configuration pack brings (`reperes pack`, inside the signed pack).
 */
import { join } from 'node:path';
import { htmlLangOf, type Language } from '../../../shared/i18n/languages';
import type { HelpPlace } from '../../../shared/orientation/directory';
import { placeTexts } from '../../../shared/orientation/place-speech';
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

/** Every recording these places need for visitors speaking `languages`, by voice language. */
export function placeRecordings(places: HelpPlace[], languages: readonly Language[], espeakVersion: string): Map<string, PlaceRecording[]> {
  const voiceOf = (lang: string) => VOICES[languages.find((l) => htmlLangOf(l) === lang) ?? 'fr'];
  const out = new Map<string, PlaceRecording[]>();
  for (const [lang, texts] of placeTexts(places, [...new Set(languages.map(htmlLangOf))])) {
    const voice = voiceOf(lang);
    const generator = generatorOf(espeakVersion, voice);
    out.set(
      lang,
      [...texts].map((text) => ({ lang, text, file: placeAudioFile(text), voice, generator, serial: serialOf(`places/${lang}`, text) })),
    );
  }
  return out;
}

/** Records one text into `dir` (its file name from `placeAudioFile`). */
export function record(recording: PlaceRecording, dir: string): Promise<void> {
  return synthesise(recording.text, recording.voice, recording.serial, join(dir, recording.file));
}
