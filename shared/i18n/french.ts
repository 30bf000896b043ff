/**
 * The French texts alone, for code that needs no other language: the export's CSV views are
 * labelled in French, and loading the seven languages would only slow `reperes export`.
 * resources.ts uses this same tree for French.
 */
import frUi from './locales/fr/ui.json';
import frQuestionnaire from './locales/fr/questionnaire.json';
import frResult from './locales/fr/result.json';
import { communeNames, mergeTexts, type TextTree } from './text-tree';

export const FRENCH_TEXTS: TextTree = mergeTexts(frUi, frQuestionnaire, frResult, communeNames);
