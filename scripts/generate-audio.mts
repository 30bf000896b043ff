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
 * The voices and the recording itself are electron/services/audio/espeak.ts (shared with
 * `reperes pack`). Needs Debian's `espeak-ng` and `opus-tools` (apt-get install -y espeak-ng opus-tools).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlLangOf, isLanguage, type Language } from '../shared/i18n/languages';
import { TEXTS, availableLanguages } from '../shared/i18n/resources';
import { DEFAULT_DIRECTORY } from '../shared/orientation/default-directory';
import { speechSegments, type SpeechSegment } from '../shared/i18n/french-names';
import { espeakVersion, FRENCH_VOICE, generatorOf, serialOf, sha256, synthesise, synthesiseSegments, tool, VOICES, type Voice } from '../electron/services/audio/espeak';
import { placeRecordings, record } from '../electron/services/audio/place-recordings';
import { spokenTexts, type AudioManifest, type AudioManifestEntry, type SpokenText } from '../shared/i18n/spoken-keys';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const AUDIO_DIR = join(ROOT, 'assets/audio');

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
  todo: { item: SpokenText; generator: string; voice: Voice; segments: SpeechSegment[] | null }[];
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
 * with a manifest keyed by the text itself (a place has no text key). A configuration pack
 * carries its own places' recordings (`reperes pack`); places that staff type on a kiosk are
 * said by a local voice, when the kiosk has one (docs/audio.md).
 */
async function placesAudio(version: string, check: boolean, force: boolean): Promise<number> {
  let outdated = 0;
  for (const [lang, recordings] of placeRecordings(DEFAULT_DIRECTORY, availableLanguages(), version)) {
    const dir = join(AUDIO_DIR, 'places', lang);
    const manifest = readManifest(dir);
    const todo = recordings.filter(({ text, generator }) => force || manifest[text]?.generator !== generator || !existsSync(join(dir, manifest[text]?.file ?? '-')));
    const texts = new Set(recordings.map((r) => r.text));
    const stale = Object.keys(manifest).filter((text) => !texts.has(text));
    const wanted = new Set(recordings.map((r) => r.file));
    const orphans = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.opus') && !wanted.has(f)) : [];
    outdated += todo.length + stale.length + orphans.length;
    console.log(`places/${lang}: ${todo.length} to generate, ${stale.length} stale entries, ${orphans.length} orphan files`);
    if (check || todo.length + stale.length + orphans.length === 0) continue;
    mkdirSync(dir, { recursive: true });
    for (const recording of todo) {
      await record(recording, dir);
      manifest[recording.text] = { file: recording.file, textSha256: sha256(recording.text), generator: recording.generator };
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
