/**
 * The recordings of a configuration pack's places. Made on the agglomeration's machine by
 * `reperes pack` when espeak-ng and opusenc are on its PATH (the same plan and voices as the
 * bundled directory's, electron/services/audio/place-recordings.ts), carried inside the signed
 * pack, and served on the kiosk beside the bundled places' recordings (`packAudioReader`), so
 * the result screen plays them as it plays those. Without the tools the pack carries none and
 * the kiosk says its places with its local voice.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Language } from '../../../shared/i18n/languages';
import type { AudioManifest } from '../../../shared/i18n/spoken-keys';
import type { HelpPlace } from '../../../shared/orientation/directory';
import type { PlaceAudio } from '../../../shared/pack/format';
import { sha256, speechTools } from '../audio/espeak';
import { placeAudioFile, placeRecordings, record } from '../audio/place-recordings';
import type { MakePackInput } from './make-pack';

/**
 * Records every text of `places`, and the closed screen's sentences of sites open at
 * `siteHours`, for visitors speaking `languages` (espeak-ng `version`).
 */
export async function recordPlaceAudio(places: HelpPlace[], languages: readonly Language[], version: string, siteHours: readonly string[] = []): Promise<PlaceAudio> {
  const dir = await mkdtemp(join(tmpdir(), 'reperes-pack-audio-'));
  try {
    const audio: PlaceAudio = {};
    for (const [lang, recordings] of placeRecordings(places, languages, version, new Date(), siteHours)) {
      const files: Record<string, string> = {};
      for (const recording of recordings) {
        await record(recording, dir);
        files[recording.text] = (await readFile(join(dir, recording.file))).toString('base64');
      }
      audio[lang] = { generator: recordings[0]?.generator ?? '', recordings: files };
    }
    return audio;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * How this machine records a pack's places (`reperes pack` and the analyst window): a recorder
 * when espeak-ng and opusenc answer on PATH, else the tools it lacks.
 */
export function packPlaceRecorder(): { ok: true; record: NonNullable<MakePackInput['recordPlaces']> } | { ok: false; missing: string[] } {
  const tools = speechTools();
  return tools.ok ? { ok: true, record: (places, languages, siteHours) => recordPlaceAudio(places, languages, tools.version, siteHours) } : tools;
}

/** How many recordings, in how many voices. */
export function placeAudioCount(audio: PlaceAudio): { recordings: number; voices: string[] } {
  return { recordings: Object.values(audio).reduce((n, v) => n + Object.keys(v.recordings).length, 0), voices: Object.keys(audio) };
}

/**
 * A file reader for the kiosk's `app://` protocol (electron/protocol.ts) that adds the applied
 * pack's recordings to the bundled ones: `audio/places/<lang>/manifest.json` lists both (the
 * pack's win for a text both have), `audio/places/<lang>/<hash>.opus` is the pack's file when it
 * has one. The renderer asks for place recordings as it always did (renderer/src/audio/speech.ts).
 * `current` is read on each request: applying or rolling back a pack changes what is served.
 */
export function packAudioReader(
  rootDir: string,
  current: () => PlaceAudio | null,
  read: (path: string) => Promise<Uint8Array<ArrayBuffer>>,
): (path: string) => Promise<Uint8Array<ArrayBuffer>> {
  return async (path) => {
    const parts = relative(rootDir, path).split(sep);
    const audio = parts.length === 4 && parts[0] === 'audio' && parts[1] === 'places' ? current()?.[parts[2]!] : undefined;
    if (!audio) return read(path);
    const name = parts[3]!;
    if (name === 'manifest.json') {
      let bundled: AudioManifest = {};
      try {
        bundled = JSON.parse(Buffer.from(await read(path)).toString('utf8')) as AudioManifest;
      } catch {
        // A voice language the bundled directory does not have: the pack's alone.
      }
      const manifest: AudioManifest = { ...bundled };
      for (const text of Object.keys(audio.recordings)) manifest[text] = { file: placeAudioFile(text), textSha256: sha256(text), generator: audio.generator };
      return new TextEncoder().encode(JSON.stringify(manifest));
    }
    const text = Object.keys(audio.recordings).find((t) => placeAudioFile(t) === name);
    return text === undefined ? read(path) : new Uint8Array(Buffer.from(audio.recordings[text]!, 'base64'));
  };
}
