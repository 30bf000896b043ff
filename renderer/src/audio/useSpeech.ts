import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_LANGUAGE } from '../../../shared/i18n/languages';
import { canSpeak, ensureManifest, getSpeechState, languagesOf, subscribe, type SpeechItem, type SpeechState } from './speech';

export function useSpeechState(): SpeechState {
  return useSyncExternalStore(subscribe, getSpeechState);
}

/**
 * Whether the voice is speaking, alone: a component that needs only this (the whole visit,
 * KioskFlow) is not rendered again when a manifest or a voice list arrives.
 */
export function useSpeaking(): boolean {
  return useSyncExternalStore(subscribe, isSpeaking);
}

function isSpeaking(): boolean {
  return getSpeechState().playingId !== null;
}

/**
 * Whether these items can be heard in the current language. The manifests they need are
 * fetched when the language changes; availability is recomputed as they arrive.
 */
export function useSpeakable(items: SpeechItem[]): boolean {
  const { i18n } = useTranslation();
  // The state's version changes when a manifest or a voice list arrives.
  useSpeechState();
  const languages = [...languagesOf(items), DEFAULT_LANGUAGE].join(' ');
  useEffect(() => {
    // Texts missing in a language are shown, and said, in French.
    for (const language of languages.split(' ')) ensureManifest(language);
  }, [languages, i18n.language]);
  return canSpeak(items);
}
