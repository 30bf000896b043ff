/**
 * The kiosk's synthetic voice, made on a machine that has Debian's `espeak-ng` and `opus-tools`:
 * a text (or its segments, French names by the French voice) into an Ogg Opus file, mono,
 * 16 kb/s. Shared by the audio generator (scripts/generate-audio.mts, the app's texts and the
 * bundled directory's places) and `reperes pack` (the places a configuration pack brings).
 *
 * Reproducible: espeak-ng is deterministic and opusenc is given a serial number derived from
 * the language and key (its default is random), so the same texts give byte-identical files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import type { Language } from '../../../shared/i18n/languages';
import type { SpeechSegment } from '../../../shared/i18n/french-names';

export interface Voice {
  voice: string;
  speed: number;
}

/**
 * espeak-ng voice and speed (words per minute; espeak's default 175 is too fast for the
 * kiosk's public) per language. Dari has no espeak-ng voice: `fa` is Iranian Persian, close
 * enough to be understood but with a different accent and some different words; it stands
 * in until human recordings replace the files (docs/audio.md).
 */
export const VOICES: Record<Language, Voice> = {
  fr: { voice: 'fr-fr', speed: 145 },
  'fr-x-falc': { voice: 'fr-fr', speed: 125 },
  ar: { voice: 'ar', speed: 160 },
  en: { voice: 'en-gb', speed: 145 },
  uk: { voice: 'uk', speed: 140 },
  tr: { voice: 'tr', speed: 140 },
  'fa-AF': { voice: 'fa', speed: 135 },
};
/** Commune names are French places: every language says them with the French voice. */
export const FRENCH_VOICE = VOICES.fr;
export const BITRATE_KBPS = 16;

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function tool(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`${command} is needed (Debian: apt-get install -y espeak-ng opus-tools): ${result.error?.message ?? result.stderr}`);
  }
  return `${result.stdout}${result.stderr}`;
}

export function espeakVersion(): string {
  const match = /text-to-speech:\s*([\w.-]+)/.exec(tool('espeak-ng', ['--version']));
  if (!match?.[1]) throw new Error('cannot read the espeak-ng version');
  return match[1];
}

export function generatorOf(version: string, voice: Voice, segmented = false): string {
  const names = segmented ? `, French names by ${FRENCH_VOICE.voice}, addresses spelled, joined with 80 ms pauses` : '';
  return `espeak-ng ${version} voice ${voice.voice} speed ${voice.speed}${names}; opusenc ${BITRATE_KBPS} kb/s`;
}

/** A stable Ogg serial number per file, so that opusenc's output is reproducible. */
export function serialOf(language: string, key: string): number {
  return createHash('sha256').update(`${language}\0${key}`).digest().readUInt32BE(0) & 0x7fffffff;
}

function run(command: string, args: string[], input: NodeJS.ReadableStream | string | Buffer): { child: ReturnType<typeof spawn>; done: Promise<void> } {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<void>((ok, fail) => {
    child.on('error', fail);
    // A child that stops before reading all its input (opusenc refusing what espeak-ng sent)
    // makes the write fail with EPIPE: this run's failure, reported here (and retried by the
    // caller), not an uncaught error of the whole process.
    child.stdin?.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`))));
  });
  if (typeof input === 'string') child.stdin?.end(input, 'utf8');
  else if (Buffer.isBuffer(input)) child.stdin?.end(input);
  else if (child.stdin) input.pipe(child.stdin);
  return { child, done };
}

/** espeak-ng reads the text on stdin (never as an argument, so nothing is taken for an option). */
export async function synthesise(text: string, voice: Voice, serial: number, out: string): Promise<void> {
  const tmp = `${out}.tmp`;
  const speak = run('espeak-ng', ['-v', voice.voice, '-s', String(voice.speed), '-b', '1', '--stdin', '--stdout'], `${text}\n`);
  const encode = run(
    'opusenc',
    ['--quiet', '--bitrate', String(BITRATE_KBPS), '--downmix-mono', '--padding', '0', '--serial', String(serial), '-', tmp],
    speak.child.stdout as NodeJS.ReadableStream,
  );
  try {
    await Promise.all([speak.done, encode.done]);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  renameSync(tmp, out);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The PCM samples of one segment (espeak-ng's WAV without its header). */
async function segmentSamples(segment: SpeechSegment, voice: Voice): Promise<Buffer> {
  const ssml = segment.spell ? `<speak><say-as interpret-as="characters">${escapeXml(segment.text)}</say-as></speak>` : null;
  const args = ['-v', voice.voice, '-s', String(voice.speed), '-b', '1', ...(ssml ? ['-m'] : []), '--stdin', '--stdout'];
  const speak = run('espeak-ng', args, `${ssml ?? segment.text}\n`);
  const chunks: Buffer[] = [];
  speak.child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  await speak.done;
  const wav = Buffer.concat(chunks);
  const data = wav.indexOf('data', 12, 'latin1');
  const rate = wav.readUInt32LE(24);
  if (wav.toString('latin1', 0, 4) !== 'RIFF' || data < 0 || rate !== ESPEAK_RATE) throw new Error(`espeak-ng gave no ${ESPEAK_RATE} Hz WAV for ${voice.voice}`);
  return trimSilence(wav.subarray(data + 8));
}

/**
 * Each espeak-ng run starts and ends with silence; joined as they are, a French name would
 * stop the sentence for most of a second. Kept: the sound, with a short pause each side.
 */
function trimSilence(pcm: Buffer): Buffer {
  const samples = Math.floor(pcm.length / 2);
  const loud = (i: number) => Math.abs(pcm.readInt16LE(i * 2)) > 200;
  let start = 0;
  while (start < samples && !loud(start)) start++;
  let end = samples;
  while (end > start && !loud(end - 1)) end--;
  if (start >= end) return Buffer.alloc(0);
  const pad = Math.round(ESPEAK_RATE * 0.08);
  return Buffer.concat([Buffer.alloc(pad * 2), pcm.subarray(start * 2, end * 2), Buffer.alloc(pad * 2)]);
}

const ESPEAK_RATE = 22050;

export async function synthesiseSegments(segments: SpeechSegment[], language: Language, serial: number, out: string): Promise<void> {
  const samples: Buffer[] = [];
  for (const segment of segments) {
    const voice = segment.lang === 'fr' ? { voice: FRENCH_VOICE.voice, speed: VOICES[language].speed } : VOICES[language];
    samples.push(await segmentSamples(segment, voice));
  }
  const tmp = `${out}.tmp`;
  const encode = run(
    'opusenc',
    ['--quiet', '--raw', '--raw-rate', String(ESPEAK_RATE), '--raw-chan', '1', '--raw-bits', '16', '--bitrate', String(BITRATE_KBPS), '--padding', '0', '--serial', String(serial), '-', tmp],
    Buffer.concat(samples),
  );
  try {
    await encode.done;
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  renameSync(tmp, out);
}

/**
 * Whether this machine can record: espeak-ng's version when both espeak-ng and opusenc answer
 * on PATH, else the names of the missing tools (said to the person, never thrown).
 */
export function speechTools(): { ok: true; version: string } | { ok: false; missing: string[] } {
  const answers = (command: string) => {
    const result = spawnSync(command, ['--version'], { encoding: 'utf8' });
    return result.error || result.status !== 0 ? null : `${result.stdout}${result.stderr}`;
  };
  const espeak = answers('espeak-ng');
  const opusenc = answers('opusenc');
  const version = espeak ? /text-to-speech:\s*([\w.-]+)/.exec(espeak)?.[1] : undefined;
  const missing = [...(version ? [] : ['espeak-ng']), ...(opusenc ? [] : ['opusenc'])];
  return version && missing.length === 0 ? { ok: true, version } : { ok: false, missing };
}
