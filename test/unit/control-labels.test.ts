/**
 * No two controls of the question screen share a label, in any language (issue 19). While
 * audio plays, "Écouter" turns into the stop-the-voice control beside the quit control; when
 * both read "Stop" (English, Arabic, Ukrainian, Turkish and Dari did), a person who only wants
 * silence ends the visit. The labels are compared after folding case and punctuation; a label
 * found word for word at the start of another ("Stop" / "Stop the voice") also counts as shared,
 * since a hurried reader sees the same first word.
 *
 * The control keys are read from the screen's source files, so a control added later is
 * compared too; keys that are not controls (headings, hints) are left out by prefix.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/i18n/languages';
import { TEXTS, flattenTexts } from '../../shared/i18n/resources';

const ROOT = resolve(import.meta.dirname, '../../renderer/src');
/** Every file whose controls can be on screen while a question is shown (frame, bars, screen, exercises). */
const QUESTION_SCREEN_FILES = [
  'components/KioskFrame.tsx',
  'audio/SpeechControls.tsx',
  'audio/ListenButton.tsx',
  'display/DisplayControls.tsx',
  'screens/QuestionScreen.tsx',
  'questions/ItemRows.tsx',
  'exercises/ExerciseScreen.tsx',
  'exercises/TypeExercise.tsx',
];
/** Texts of these files that are not a control's name. */
const NOT_CONTROLS = /^(app\.|help\.coming|question\.(progress|choose|answer|includesLabel)|exercise\.(phishing|secureSite|tap|scroll|type\.word|type\.fieldLabel|type\.keyboard|done)|audio\.volume$|display\.(label|size))/;

function controlKeys(): string[] {
  const keys = QUESTION_SCREEN_FILES.flatMap((file) => [...readFileSync(resolve(ROOT, file), 'utf8').matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1] ?? ''));
  return [...new Set(keys)].filter((k) => !NOT_CONTROLS.test(k)).sort();
}

const fold = (label: string) =>
  label
    .normalize('NFC')
    .toLocaleLowerCase()
    .replace(/[\u200c\u200d]/g, '')
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w.length > 0);

export function shareLabel(a: string, b: string): boolean {
  const [x, y] = [fold(a), fold(b)];
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((w, i) => long[i] === w);
}

describe('the shared-label rule', () => {
  it('catches the clash that shipped and lets told-apart labels be', () => {
    expect(shareLabel('Stop', 'Stop')).toBe(true);
    expect(shareLabel('Stop', 'Stop the voice')).toBe(true);
    expect(shareLabel('إيقاف', 'إيقاف')).toBe(true);
    expect(shareLabel('Quit', 'Stop the voice')).toBe(false);
    expect(shareLabel('Arrêter la voix', 'Quitter')).toBe(false);
    expect(shareLabel('خروج', 'إيقاف الصوت')).toBe(false);
  });

  it('reads the quit, stop-the-voice, help and display controls from the screen files', () => {
    expect(controlKeys()).toEqual(expect.arrayContaining(['nav.quit', 'audio.stop', 'audio.listen', 'nav.back', 'nav.next', 'help.button', 'audio.volumeUp', 'display.contrast', 'exercise.skip', 'question.dontKnow']));
  });
});

describe.each(LANGUAGES)('%s: controls of the question screen', (language) => {
  it('no two controls share a label', () => {
    const texts = flattenTexts(TEXTS[language] ?? {});
    const keys = controlKeys();
    const clashes: string[] = [];
    keys.forEach((a, i) =>
      keys.slice(i + 1).forEach((b) => {
        const [la, lb] = [texts[a], texts[b]];
        if (la === undefined || lb === undefined) throw new Error(`${language}: no text for ${la === undefined ? a : b}`);
        if (shareLabel(la, lb)) clashes.push(`${a} «${la}» / ${b} «${lb}»`);
      }),
    );
    expect(clashes).toEqual([]);
  });
});
