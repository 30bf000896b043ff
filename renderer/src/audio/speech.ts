/**
 * The kiosk's voice (docs/accessibility.md, docs/audio.md). Plays the shipped recordings
 * `/audio/<lang>/<key>.opus` through one shared <audio> element; which keys have a file is read
 * from `/audio/<lang>/manifest.json`, fetched when a language is first needed (never bundled).
 * When a file is missing it falls back to a local speechSynthesis voice of the right language;
 * when neither exists the text is "unavailable" and no button offers it.
 *
 * Speech stops as soon as the person acts (any pointerdown or keydown outside a speech
 * control), can be repeated, and every setting (volume, automatic reading) goes back to its
 * default when a session ends (`resetSpeech`).
 */
import i18next from '../i18n';
import { NATIVE_NAMES, isLanguage, type Language } from '../../../shared/i18n/languages';
import { NATIVE_NAME_KEY, letterOf, voiceLanguageOf, type AudioManifest } from '../../../shared/i18n/spoken-keys';

/** A text to say: a text key (in the current language unless `lng`), or a plain text. */
export type SpeechItem = { key: string; values?: Record<string, string | number>; lng?: Language } | { text: string; lang: string };

export const DEFAULT_VOLUME = 0.8;
export const VOLUME_STEP = 0.2;
export const MIN_VOLUME = 0.2;

export interface SpeechState {
  volume: number;
  autoRead: boolean;
  /** The id of the button whose sequence is being said, if any. */
  playingId: string | null;
  /** Changes when a manifest or the voice list arrives, so availability is recomputed. */
  version: number;
}

let state: SpeechState = { volume: DEFAULT_VOLUME, autoRead: false, playingId: null, version: 0 };
const listeners = new Set<() => void>();
const manifests = new Map<string, AudioManifest | 'loading'>();
let audio: HTMLAudioElement | null = null;
let sequence = 0;
let currentScreen: { id: string; items: SpeechItem[] } | null = null;

function update(patch: Partial<SpeechState>): void {
  // Nothing changed, nothing to tell: a reset at the waiting screen (the kiosk's start) would
  // otherwise render every listener again for the same settings.
  if ((Object.keys(patch) as (keyof SpeechState)[]).every((k) => Object.is(state[k], patch[k]))) return;
  state = { ...state, ...patch };
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSpeechState(): SpeechState {
  return state;
}

/** The one <audio> element, in the document so that tests and assistive tools can find it. */
function audioElement(): HTMLAudioElement {
  if (!audio) {
    audio = document.createElement('audio');
    audio.id = 'speech-audio';
    audio.preload = 'auto';
    audio.volume = state.volume;
    document.body.append(audio);
  }
  return audio;
}

/**
 * Fetches a manifest once (a language's, or `places/<lang>` for the directory's places); a
 * missing or broken manifest counts as empty.
 */
export function ensureManifest(language: string): void {
  if (manifests.has(language)) return;
  manifests.set(language, 'loading');
  fetch(`/audio/${language.split('/').map(encodeURIComponent).join('/')}/manifest.json`)
    .then((response) => (response.ok ? (response.json() as Promise<unknown>) : {}))
    .catch(() => ({}))
    .then((json) => {
      manifests.set(language, json && typeof json === 'object' && !Array.isArray(json) ? (json as AudioManifest) : {});
      update({ version: state.version + 1 });
    });
}

function manifestOf(language: string): AudioManifest | undefined {
  const manifest = manifests.get(language);
  return manifest === 'loading' ? undefined : manifest;
}

function synth(): SpeechSynthesis | undefined {
  return typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : undefined;
}

/**
 * What each mounted "Écouter" (screen, dialog, list) says, by id: with the controls' own
 * texts (`spokenProps`), this is everything a citizen can hear on the screen now
 * (`audibleTexts`, checked against the visible text by test/e2e/audio.test.ts).
 */
const mounted = new Map<string, SpeechItem[]>();

export function registerSpeech(id: string, items: SpeechItem[]): () => void {
  mounted.set(id, items);
  return () => {
    if (mounted.get(id) === items) mounted.delete(id);
  };
}

/**
 * A control's own audio: said when the control gets the keyboard's (or a switch's) focus, so
 * that "Suivant", "Imprimer" or a key of the on-screen keyboard is heard before it is chosen.
 * Not said on a tap: a tap acts at once, and the screen's "Écouter" stays as long as it was.
 */
export function spokenProps(item: SpeechItem): Record<string, string> {
  return 'key' in item ? { 'data-spoken-key': item.key } : { 'data-spoken-text': item.text, 'data-spoken-lang': item.lang };
}

function ownItem(element: Element | null): SpeechItem | null {
  const own = element?.closest<HTMLElement>('[data-spoken-key],[data-spoken-text]');
  if (!own) return null;
  const { spokenKey, spokenText, spokenLang } = own.dataset;
  if (spokenKey) return { key: spokenKey };
  return spokenText ? { text: spokenText, lang: spokenLang ?? 'fr' } : null;
}

if (typeof window !== 'undefined') {
  synth()?.addEventListener?.('voiceschanged', () => update({ version: state.version + 1 }));
  window.addEventListener('focusin', (event) => {
    const target = event.target instanceof HTMLElement ? event.target : null;
    // Only a focus the person moved (keyboard, switch), not the heading focused on each new screen.
    if (!target || !target.matches(':focus-visible') || target.tabIndex < 0 && !target.matches('button, a, input, [role]')) return;
    const item = ownItem(target);
    if (item) void play([item], 'focus');
  });
  // For tests and assistive tools: what can be heard on the screen now.
  Object.defineProperty(window, '__audible', {
    configurable: true,
    value: { texts: audibleTexts, own: (element: Element) => canSayOwn(element), items: () => [...mounted.values()].flat() },
  });
  // The person acting stops the voice; speech controls themselves are exempt.
  const onAct = (event: Event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('[data-speech-control]')) return;
    if (state.playingId !== null) stop();
  };
  window.addEventListener('pointerdown', onAct, true);
  window.addEventListener('keydown', onAct, true);
}

/**
 * A local voice for a language: only voices on this machine (the kiosk is offline), matched
 * on the full tag first, then on the language alone (so Dari may get a Persian voice, as the
 * shipped files do).
 */
function voiceFor(lang: string): SpeechSynthesisVoice | undefined {
  const voices = synth()?.getVoices().filter((v) => v.localService) ?? [];
  const norm = (tag: string) => tag.replace('_', '-').toLowerCase();
  const wanted = norm(lang);
  const primary = wanted.split('-')[0];
  return voices.find((v) => norm(v.lang) === wanted) ?? voices.find((v) => norm(v.lang).split('-')[0] === primary);
}

interface Resolved {
  text: string;
  /** The BCP 47 tag of the voice. */
  lang: string;
  /** The recording, if the manifest lists one. */
  url?: string;
  /** False when the recording says a sample count that differs from the one on screen. */
  exact: boolean;
}

function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'fr';
}

/** Where the recordings of texts without a key (the directory's places) are listed, per voice. */
function placesManifestId(lang: string): string {
  return `places/${lang}`;
}

function resolve(item: SpeechItem): Resolved | null {
  if ('text' in item) {
    if (!item.text.trim()) return null;
    // A place of the bundled directory has a recording made with the audio (npm run audio).
    const entry = manifestOf(placesManifestId(item.lang))?.[item.text];
    const id = placesManifestId(item.lang).split('/').map(encodeURIComponent).join('/');
    return { text: item.text, lang: item.lang, exact: true, ...(entry ? { url: `/audio/${id}/${encodeURIComponent(entry.file)}` } : {}) };
  }
  const language = item.lng ?? currentLanguage();
  let text: string;
  let usedLng: string;
  let exactKey: string;
  const letter = letterOf(item.key);
  if (item.key === NATIVE_NAME_KEY || letter) {
    text = letter ?? NATIVE_NAMES[language];
    usedLng = language;
    exactKey = item.key;
  } else {
    if (!i18next.exists(item.key, { lng: language, ...item.values })) return null;
    const details = i18next.t(item.key, { ...item.values, lng: language, returnDetails: true });
    text = String(details.res);
    usedLng = details.usedLng;
    exactKey = details.exactUsedKey;
    // Asked for a given language but only another one has the text: say nothing rather than
    // the same words twice.
    if (item.lng && usedLng !== item.lng) return null;
  }
  const entry = manifestOf(usedLng)?.[exactKey];
  const lang = isLanguage(usedLng) ? voiceLanguageOf(exactKey, usedLng) : usedLng;
  if (!entry) return { text, lang, exact: true };
  const exact = Object.entries(entry.values ?? {}).every(([name, sample]) => String(item.values?.[name]) === String(sample));
  return { text, lang, url: `/audio/${encodeURIComponent(usedLng)}/${encodeURIComponent(entry.file)}`, exact };
}

type Route = { kind: 'file'; url: string } | { kind: 'synth'; voice: SpeechSynthesisVoice; text: string; lang: string };

/** File first; a voice when there is no file or the file says another count; else nothing. */
function route(item: SpeechItem): Route | null {
  const resolved = resolve(item);
  if (!resolved) return null;
  if (resolved.url && resolved.exact) return { kind: 'file', url: resolved.url };
  const voice = voiceFor(resolved.lang);
  if (voice) return { kind: 'synth', voice, text: resolved.text, lang: resolved.lang };
  return resolved.url ? { kind: 'file', url: resolved.url } : null;
}

/** Languages whose manifests these items need (fallback texts may need French's too). */
export function languagesOf(items: SpeechItem[]): string[] {
  return [...new Set(items.flatMap((item) => ('key' in item ? [item.lng ?? currentLanguage()] : [placesManifestId(item.lang)])))];
}

/** The texts of the mounted "Écouter" sequences that can be said now. */
export function audibleTexts(): string[] {
  return [...mounted.values()].flat().flatMap((item) => {
    const resolved = route(item) ? resolve(item) : null;
    return resolved ? [resolved.text] : [];
  });
}

/** Whether the element is inside a control whose own audio can be said now. */
function canSayOwn(element: Element): boolean {
  const item = ownItem(element);
  return item !== null && route(item) !== null;
}

/** Whether at least one of the items can be said now (see `ensureManifest`). */
export function canSpeak(items: SpeechItem[]): boolean {
  return items.some((item) => route(item) !== null);
}

function playFile(url: string, token: number): Promise<void> {
  const element = audioElement();
  element.volume = state.volume;
  element.src = url;
  return new Promise<void>((done) => {
    const finish = () => {
      element.removeEventListener('ended', finish);
      element.removeEventListener('error', finish);
      element.removeEventListener('pause', finish);
      clearInterval(watch);
      done();
    };
    // `stop()` pauses the element, which ends the wait; a newer sequence ends it too.
    const watch = setInterval(() => token !== sequence && finish(), 250);
    element.addEventListener('ended', finish);
    element.addEventListener('error', finish);
    element.addEventListener('pause', finish);
    element.play().catch(finish);
  });
}

function playSynth(route: Extract<Route, { kind: 'synth' }>, token: number): Promise<void> {
  const engine = synth();
  if (!engine) return Promise.resolve();
  return new Promise<void>((done) => {
    const utterance = new SpeechSynthesisUtterance(route.text);
    utterance.voice = route.voice;
    utterance.lang = route.lang;
    utterance.volume = state.volume;
    utterance.rate = 0.9;
    const watch = setInterval(() => token !== sequence && finish(), 250);
    function finish() {
      clearInterval(watch);
      done();
    }
    utterance.onend = finish;
    utterance.onerror = finish;
    engine.speak(utterance);
  });
}

/** Says the items one after the other (what cannot be said is skipped). */
export async function play(items: SpeechItem[], id: string): Promise<void> {
  stop();
  const token = ++sequence;
  update({ playingId: id });
  for (const item of items) {
    if (token !== sequence) return;
    const next = route(item);
    if (!next) continue;
    if (next.kind === 'file') await playFile(next.url, token);
    else await playSynth(next, token);
  }
  if (token === sequence) update({ playingId: null });
}

export function stop(): void {
  sequence++;
  if (audio && !audio.paused) audio.pause();
  const engine = synth();
  if (engine?.speaking || engine?.pending) engine.cancel();
  if (state.playingId !== null) update({ playingId: null });
}

export function setVolume(volume: number): void {
  const clamped = Math.min(1, Math.max(MIN_VOLUME, Math.round(volume * 10) / 10));
  if (audio) audio.volume = clamped;
  update({ volume: clamped });
}

/** Turning automatic reading on reads the current screen at once. */
export function setAutoRead(on: boolean): void {
  update({ autoRead: on });
  if (on && currentScreen) void play(currentScreen.items, currentScreen.id);
  else if (!on) stop();
}

/**
 * The current screen's full text, for automatic reading: read once when a new screen
 * (a new id) appears while automatic reading is on.
 */
export function screenShown(id: string, items: SpeechItem[]): void {
  const isNew = currentScreen?.id !== id;
  currentScreen = { id, items };
  if (isNew && state.autoRead) void play(items, id);
}

/** End of a session: silence, default volume, automatic reading off. */
export function resetSpeech(): void {
  stop();
  if (audio) audio.volume = DEFAULT_VOLUME;
  update({ volume: DEFAULT_VOLUME, autoRead: false });
}
