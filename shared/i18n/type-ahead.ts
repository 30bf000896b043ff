/**
 * Type-ahead in a list (WAI-ARIA listbox pattern): the letters typed in a short burst name the
 * item to move to. Typing one letter again and again goes through the items that start with it
 * ("F" then "F" again: "Français", then "Français facile à lire").
 */

/** Time within which typed letters add up to one search, as in the platform's own lists. */
export const TYPE_AHEAD_MS = 700;

const fold = (text: string, locale: string) => text.normalize('NFC').toLocaleLowerCase(locale);

/**
 * The index to move to for `typed` (the letters of the current burst), searching from the item
 * after `current` and wrapping; `current` itself when nothing else matches, -1 when nothing does.
 */
export function typeAheadIndex(labels: readonly string[], current: number, typed: string, locale: string): number {
  if (typed === '' || labels.length === 0) return -1;
  const search = fold(typed, locale);
  const chars = [...search];
  // The same letter repeated ("ff") cycles through the items starting with it.
  const prefix = chars.every((c) => c === chars[0]) ? chars[0]! : search;
  const starts = (index: number) => fold(labels[index]!, locale).startsWith(prefix);
  // A longer search keeps the current item while it still matches; a single letter moves on.
  const from = chars.length > 1 && prefix === search && current >= 0 && starts(current) ? current : current + 1;
  for (let step = 0; step < labels.length; step++) {
    const index = (((from + step) % labels.length) + labels.length) % labels.length;
    if (starts(index)) return index;
  }
  return -1;
}
