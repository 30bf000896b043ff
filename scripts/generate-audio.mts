/**
 * Generates the kiosk's spoken audio from the locale texts (docs/audio.md):
 *   assets/audio/<lang>/<key>.opus   Ogg Opus, mono, 16 kb/s, made by espeak-ng + opusenc
 *   assets/audio/<lang>/manifest.json { key: { file, textSha256, generator, values?, human? } }
 *
 *   npm run audio                       regenerate what changed (text, voice or settings)
 *   npm run audio -- --check            change nothing; exit 1 if something is out of date
 *   npm run audio -- --force            regenerate every synthetic file
 *   npm run audio -- --human <lang> <key> <recording.(opus|ogg|wav|flac)>
 *                                       install a human recording; never overwritten after
 *
 * Reproducible: espeak-ng is deterministic and opusenc is given a serial number derived from
 * the language and key (its default is random), so the same texts give byte-identical files.
 * Needs Debian's `espeak-ng` and `opus-tools` (apt-get install -y espeak-ng opus-tools).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlLangOf, isLanguage, type Language } from '../shared/i18n/languages';
import { TEXTS, availableLanguages } from '../shared/i18n/resources';
import { DEFAULT_DIRECTORY } from '../shared/orientation/default-directory';
import { placeTexts } from '../shared/orientation/place-speech';
import { speechSegments, type SpeechSegment } from '../shared/i18n/french-names';
import { spokenTexts, type AudioManifest, type AudioManifestEntry, type SpokenText } from '../shared/i18n/spoken-keys';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const AUDIO_DIR = join(ROOT, 'assets/audio');

/**
 * espeak-ng voice and speed (words per minute; espeak's default 175 is too fast for the
 * kiosk's public) per language. Dari has no espeak-ng voice: `fa` is Iranian Persian, close
 * enough to be understood but with a different accent and some different words; it stands
 * in until human recordings replace the files (docs/audio.md).
 */
const VOICES: Record<Language, { voice: string; speed: number }> = {
  fr: { voice: 'fr-fr', speed: 145 },
  'fr-x-falc': { voice: 'fr-fr', speed: 125 },
  ar: { voice: 'ar', speed: 160 },
  en: { voice: 'en-gb', speed: 145 },
  uk: { voice: 'uk', speed: 140 },
  tr: { voice: 'tr', speed: 140 },
  'fa-AF': { voice: 'fa', speed: 135 },
};
/** Commune names are French places: every language says them with the French voice. */
const FRENCH_VOICE = VOICES.fr;
const BITRATE_KBPS = 16;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function tool(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`${command} is needed (Debian: apt-get install -y espeak-ng opus-tools): ${result.error?.message ?? result.stderr}`);
  }
  return `${result.stdout}${result.stderr}`;
}

function espeakVersion(): string {
  const match = /text-to-speech:\s*([\w.-]+)/.exec(tool('espeak-ng', ['--version']));
  if (!match?.[1]) throw new Error('cannot read the espeak-ng version');
  return match[1];
}

function voiceFor(item: SpokenText, language: Language) {
  return item.voiceLanguage === 'fr' && !language.startsWith('fr') ? FRENCH_VOICE : VOICES[language];
}

/**
 * French names and addresses inside another language's text (shared/i18n/french-names.ts):
 * one segment per voice. espeak-ng 1.51 honours only the first `<voice xml:lang>` switch of a
 * text and loses the language after a `<say-as>`, so each segment is its own espeak-ng run
 * and their samples are joined before encoding.
 */
function segmentsOf(item: SpokenText, language: Language): SpeechSegment[] | null {
  if (item.voiceLanguage !== htmlLangOf(language)) return null;
  const segments = speechSegments(item.text, item.voiceLanguage);
  return segments.length === 1 && segments[0]?.lang === item.voiceLanguage && !segments[0].spell ? null : segments;
}

function generatorOf(version: string, voice: { voice: string; speed: number }, segmented = false): string {
  const names = segmented ? `, French names by ${FRENCH_VOICE.voice}, addresses spelled, joined with 80 ms pauses` : '';
  return `espeak-ng ${version} voice ${voice.voice} speed ${voice.speed}${names}; opusenc ${BITRATE_KBPS} kb/s`;
}

/** A stable Ogg serial number per file, so that opusenc's output is reproducible. */
function serialOf(language: string, key: string): number {
  return createHash('sha256').update(`${language}\0${key}`).digest().readUInt32BE(0) & 0x7fffffff;
}

function run(command: string, args: string[], input: NodeJS.ReadableStream | string | Buffer): { child: ReturnType<typeof spawn>; done: Promise<void> } {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<void>((ok, fail) => {
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok() : fail(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr}`))));
  });
  if (typeof input === 'string') child.stdin?.end(input, 'utf8');
  else if (Buffer.isBuffer(input)) child.stdin?.end(input);
  else if (child.stdin) input.pipe(child.stdin);
  return { child, done };
}

/** espeak-ng reads the text on stdin (never as an argument, so nothing is taken for an option). */
async function synthesise(text: string, voice: { voice: string; speed: number }, serial: number, out: string): Promise<void> {
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
async function segmentSamples(segment: SpeechSegment, voice: { voice: string; speed: number }): Promise<Buffer> {
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

async function synthesiseSegments(segments: SpeechSegment[], language: Language, serial: number, out: string): Promise<void> {
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

function readManifest(dir: string): AudioManifest {
  const path = join(dir, 'manifest.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as AudioManifest) : {};
}

function writeManifest(dir: string, manifest: AudioManifest): void {
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(sorted, null, 2)}\n`);
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function textsOf(language: Language): SpokenText[] {
  const tree = TEXTS[language];
  if (!tree) throw new Error(`no texts for ${language}`);
  const items = spokenTexts(language, tree);
  // Windows and macOS file systems ignore case: two keys must not share a file there.
  const seen = new Map<string, string>();
  for (const { key } of items) {
    const other = seen.get(key.toLowerCase());
    if (other) throw new Error(`${language}: keys ${other} and ${key} would share one audio file on a case-insensitive disk`);
    seen.set(key.toLowerCase(), key);
  }
  return items;
}

interface Plan {
  language: Language;
  dir: string;
  manifest: AudioManifest;
  todo: { item: SpokenText; generator: string; voice: { voice: string; speed: number }; segments: SpeechSegment[] | null }[];
  stale: string[];
  orphans: string[];
  staleHuman: string[];
}

function plan(language: Language, version: string, force: boolean): Plan {
  const dir = join(AUDIO_DIR, language);
  const manifest = readManifest(dir);
  const items = textsOf(language);
  const wanted = new Set(items.map((i) => i.key));
  const todo: Plan['todo'] = [];
  const staleHuman: string[] = [];
  for (const item of items) {
    const entry = manifest[item.key];
    const voice = voiceFor(item, language);
    const segments = segmentsOf(item, language);
    const generator = generatorOf(version, voice, segments !== null);
    if (entry?.human) {
      if (entry.textSha256 !== sha256(item.text)) staleHuman.push(item.key);
      continue;
    }
    const upToDate = entry && entry.textSha256 === sha256(item.text) && entry.generator === generator && existsSync(join(dir, entry.file));
    if (force || !upToDate) todo.push({ item, generator, voice, segments });
  }
  const stale = Object.keys(manifest).filter((key) => !wanted.has(key));
  const referenced = new Set(Object.entries(manifest).filter(([key]) => wanted.has(key)).map(([, e]) => e.file));
  for (const { item } of todo) referenced.add(`${item.key}.opus`);
  const orphans = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.opus') && !referenced.has(f)) : [];
  return { language, dir, manifest, todo, stale, orphans, staleHuman };
}

async function apply(p: Plan): Promise<void> {
  mkdirSync(p.dir, { recursive: true });
  let done = 0;
  // Each job is two processes (espeak-ng piped into opusenc), so twice as many jobs as cores.
  await pool(p.todo, availableParallelism() * 2, async ({ item, generator, voice, segments }) => {
    const file = `${item.key}.opus`;
    if (segments) await synthesiseSegments(segments, p.language, serialOf(p.language, item.key), join(p.dir, file));
    else await synthesise(item.text, voice, serialOf(p.language, item.key), join(p.dir, file));
    const entry: AudioManifestEntry = { file, textSha256: sha256(item.text), generator, ...(item.values ? { values: item.values } : {}) };
    p.manifest[item.key] = entry;
    done++;
    if (done % 100 === 0) console.log(`  ${p.language}: ${done}/${p.todo.length}`);
  });
  for (const key of p.stale) delete p.manifest[key];
  for (const file of p.orphans) rmSync(join(p.dir, file), { force: true });
  writeManifest(p.dir, p.manifest);
}

/**
 * The places of the bundled directory ("lieux de médiation"): their names and addresses in the
 * French voice, their phone numbers in each language's voice, under assets/audio/places/<lang>/
 * with a manifest keyed by the text itself (a place has no text key). Places that staff add
 * or that a pack brings are said by a local voice, when the kiosk has one (docs/audio.md).
 */
async function placesAudio(version: string, check: boolean, force: boolean): Promise<number> {
  const languages = availableLanguages();
  const voiceOf = (lang: string) => VOICES[languages.find((l) => htmlLangOf(l) === lang) ?? 'fr'];
  let outdated = 0;
  for (const [lang, texts] of placeTexts(DEFAULT_DIRECTORY, [...new Set(languages.map(htmlLangOf))])) {
    const dir = join(AUDIO_DIR, 'places', lang);
    const manifest = readManifest(dir);
    const voice = voiceOf(lang);
    const generator = generatorOf(version, voice);
    const todo = [...texts].filter((text) => force || manifest[text]?.generator !== generator || !existsSync(join(dir, manifest[text]?.file ?? '-')));
    const stale = Object.keys(manifest).filter((text) => !texts.has(text));
    const wanted = new Set([...texts].map((text) => `${sha256(text).slice(0, 16)}.opus`));
    const orphans = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.opus') && !wanted.has(f)) : [];
    outdated += todo.length + stale.length + orphans.length;
    console.log(`places/${lang}: ${todo.length} to generate, ${stale.length} stale entries, ${orphans.length} orphan files`);
    if (check || todo.length + stale.length + orphans.length === 0) continue;
    mkdirSync(dir, { recursive: true });
    for (const text of todo) {
      const file = `${sha256(text).slice(0, 16)}.opus`;
      await synthesise(text, voice, serialOf(`places/${lang}`, text), join(dir, file));
      manifest[text] = { file, textSha256: sha256(text), generator };
    }
    for (const text of stale) delete manifest[text];
    for (const file of orphans) rmSync(join(dir, file), { force: true });
    writeManifest(dir, manifest);
  }
  return outdated;
}

/** `--human <lang> <key> <file>`: installs a recording and marks it as human in the manifest. */
function installHuman(language: string, key: string, source: string): void {
  if (!isLanguage(language) || !TEXTS[language]) throw new Error(`${language} is not a shipped language`);
  const item = textsOf(language).find((i) => i.key === key);
  if (!item) throw new Error(`${key} is not a spoken key of ${language} (see shared/i18n/spoken-keys.ts)`);
  const dir = join(AUDIO_DIR, language);
  mkdirSync(dir, { recursive: true });
  const file = `${key}.opus`;
  const target = join(dir, file);
  const header = readFileSync(source).subarray(0, 4).toString('latin1');
  if (header === 'OggS' && ['.opus', '.ogg'].includes(extname(source).toLowerCase())) copyFileSync(source, target);
  else tool('opusenc', ['--quiet', '--bitrate', '24', '--downmix-mono', '--serial', String(serialOf(language, key)), source, target]);
  const manifest = readManifest(dir);
  manifest[key] = {
    file,
    textSha256: sha256(item.text),
    generator: 'human recording',
    ...(item.values ? { values: item.values } : {}),
    human: true,
  };
  writeManifest(dir, manifest);
  console.log(`${language} ${key}: human recording installed (${statSync(target).size} bytes). It says: "${item.text}"`);
}

function directorySize(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? directorySize(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args[0] === '--human') {
    const [, language, key, source] = args;
    if (!language || !key || !source) throw new Error('usage: npm run audio -- --human <lang> <key> <recording file>');
    installHuman(language, key, resolve(source));
    return;
  }
  const check = args.includes('--check');
  const force = args.includes('--force');
  const started = performance.now();
  tool('opusenc', ['--version']);
  const version = espeakVersion();
  const plans = availableLanguages().map((language) => plan(language, version, force));
  let outdated = 0;
  for (const p of plans) {
    const changes = p.todo.length + p.stale.length + p.orphans.length;
    outdated += changes;
    console.log(`${p.language}: ${p.todo.length} to generate, ${p.stale.length} stale entries, ${p.orphans.length} orphan files`);
    for (const key of p.staleHuman) {
      console.warn(`  ${p.language} ${key}: the text changed after its human recording; record it again (docs/audio.md)`);
    }
    if (!check && changes > 0) await apply(p);
  }
  outdated += await placesAudio(version, check, force);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const mb = (directorySize(AUDIO_DIR) / 1024 / 1024).toFixed(1);
  console.log(`${check ? 'checked' : 'done'} in ${seconds} s; assets/audio holds ${mb} MB`);
  if (check && outdated > 0) process.exitCode = 1;
}

await main();
