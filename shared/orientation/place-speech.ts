/**
 * What is said of a place of the directory on the result screen, and in which voice: its name
 * and address are French and said by the French voice whatever the visitor's language; its
 * phone number is said digit group by digit group in the visitor's language. Pure: the audio
 * generator makes files for the bundled directory's places from it (scripts/generate-audio.mts),
 * the result screen builds its reading from it (docs/audio.md).
 */
import type { HelpPlace } from './directory';

/** A text of a place and the language of its voice (a BCP 47 tag). */
export interface PlaceText {
  text: string;
  lang: string;
}

export const PLACE_VOICE = 'fr';

export function placeName(place: HelpPlace): PlaceText {
  return { text: place.name, lang: PLACE_VOICE };
}

export function placeAddress(place: HelpPlace): PlaceText | null {
  return place.address ? { text: place.address, lang: PLACE_VOICE } : null;
}

export function placePhone(place: HelpPlace, lang: string): PlaceText | null {
  return place.phone ? { text: place.phone, lang } : null;
}

/** Every text of these places, by voice language, for visitors speaking `langs`. */
export function placeTexts(places: HelpPlace[], langs: string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (item: PlaceText | null) => {
    if (!item) return;
    const set = out.get(item.lang) ?? new Set<string>();
    set.add(item.text);
    out.set(item.lang, set);
  };
  for (const place of places) {
    add(placeName(place));
    add(placeAddress(place));
    for (const lang of langs) add(placePhone(place, lang));
  }
  return out;
}
