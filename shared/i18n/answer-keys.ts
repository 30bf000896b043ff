/**
 * Keyboard shortcuts of an item-by-item row's answers (issue 17: a keyboard or switch user paid
 * two presses per "Non"). Each answer's key is the first letter of its label in the visitor's
 * language (O, N, J in French; E, H, B in Turkish), so the key is the word the person reads.
 * When two answers of a row start with the same letter (Arabic "لا" and "لا أعرف", Ukrainian
 * "Ні" and "Не знаю", Dari "نخیر" and "نمی‌دانم"), a letter would be a guess: those answers take
 * their position (1, 2, 3) instead, which every keyboard can type.
 */

/** The first letter of a label (skipping quotes and spaces), in the label's own case rules. */
export function firstLetter(label: string, locale: string): string | null {
  const match = /\p{L}/u.exec(label.normalize('NFC'));
  return match ? match[0].toLocaleUpperCase(locale) : null;
}

/** One key per answer, in order: its first letter when no other answer shares it, else its position. */
export function answerKeys(labels: readonly string[], locale: string): string[] {
  const letters = labels.map((label) => firstLetter(label, locale));
  return letters.map((letter, index) =>
    letter !== null && letters.filter((other) => other === letter).length === 1 && !/\d/u.test(letter) ? letter : String(index + 1),
  );
}

/** The answer a key press chooses, or -1: letters compared without case, digits as typed. */
export function answerForKey(keys: readonly string[], pressed: string, locale: string): number {
  if ([...pressed].length !== 1) return -1;
  const typed = pressed.normalize('NFC').toLocaleUpperCase(locale);
  return keys.indexOf(typed);
}
