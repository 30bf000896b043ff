/**
 * The questionnaire this build of the kiosk runs, with its content hash. The hash covers the
 * definition and the French reference wording of every text it uses, so rewording a
 * question (not only restructuring it) yields a new hash that exports carry to analysts.
 * Translations are deliberately left out: fixing a translation does not change what is asked.
 */
import { canonicalJson } from '../canonical';
import { sha256Hex } from '../hash';
import { textAt, TEXTS } from '../i18n/resources';
import { questionnaire } from './definition';
import type { Questionnaire } from './schema';

/** Every text key a definition uses, in a stable order. */
export function textKeysOf(def: Questionnaire): string[] {
  const keys = new Set<string>();
  for (const s of def.sections) keys.add(s.title);
  for (const q of def.questions) {
    keys.add(q.label);
    if (q.hint) keys.add(q.hint);
    if (q.help) keys.add(q.help);
    for (const i of q.includes ?? []) keys.add(i.label);
    if (q.kind === 'single' || q.kind === 'multiple') for (const o of q.options) keys.add(o.label);
    if (q.kind === 'items') {
      for (const i of q.items) keys.add(i.label);
      for (const o of q.scale) keys.add(o.label);
    }
  }
  return [...keys];
}

export function questionnaireHash(def: Questionnaire, referenceTexts: Record<string, string>): string {
  const wording = Object.fromEntries(textKeysOf(def).map((k) => [k, referenceTexts[k] ?? null]));
  return sha256Hex(canonicalJson({ definition: def, wording }));
}

/** The French texts of the definition's keys alone: the kiosk computes this at start. */
function referenceWording(def: Questionnaire): Record<string, string> {
  const french = TEXTS.fr ?? {};
  const wording: Record<string, string> = {};
  for (const key of textKeysOf(def)) {
    const text = textAt(french, key);
    if (text !== undefined) wording[key] = text;
  }
  return wording;
}

let hash: string | undefined;

/**
 * The hash is computed on first read, not when the module loads: hashing the definition and
 * its wording is a tenth of the kiosk's start at CPU ×4 (bench/), and the waiting screen does
 * not need it; the kiosk reads it once shown, while idle (App.tsx), or at the first save.
 */
export const currentQuestionnaire = {
  definition: questionnaire,
  get hash(): string {
    hash ??= questionnaireHash(questionnaire, referenceWording(questionnaire));
    return hash;
  },
};

export function questionnaireStamp(): { id: string; version: string; hash: string } {
  return { id: questionnaire.id, version: questionnaire.version, hash: currentQuestionnaire.hash };
}
