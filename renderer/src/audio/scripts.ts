/**
 * What "Écouter" says on the screens built from data: the order follows the screen, the
 * question first (so a person hears what is asked before the answers).
 */
import { communeGroups } from '../../../shared/questionnaire/commune-groups';
import type { ChoiceQuestion, Question, Questionnaire } from '../../../shared/questionnaire/schema';
import type { SpeechItem } from './speech';

/** The texts of each exercise's cards, in the order they are shown. */
const EXERCISE_TEXTS: Record<string, string[]> = {
  tap: [],
  scroll: [],
  type: [],
  phishing: ['senderA', 'messageA', 'senderB', 'messageB'].map((k) => `exercise.phishing.${k}`),
  secureSite: ['siteA', 'secureHint', 'siteB', 'insecureHint'].map((k) => `exercise.secureSite.${k}`),
};

/**
 * Whether a screen offers the same answers as the one before it (the autonomy tasks, the
 * yes/no questions on equipment): the same option codes in the same order and the same
 * "Je ne sais pas" / "Je préfère ne pas répondre". test/unit/visit-length.test.ts checks that
 * such screens also show the same answer texts in every language.
 */
export function sameAnswersAs(question: Question, previous: Question | undefined): boolean {
  if (question.kind !== 'single' || previous?.kind !== 'single' || question.id === 'commune' || previous.id === 'commune') return false;
  const codes = (q: ChoiceQuestion) => q.options.map((o) => o.code).join(' ');
  return question.allowMissing === previous.allowMissing && codes(question) === codes(previous);
}

/**
 * The question, what it counts, its hint, the instruction, then every answer (or, on
 * item-by-item screens, the instruction that names the answers of a row, then the rows; or
 * the exercise's cards).
 *
 * What is said once need not be said again on the next screen (issue 17: a visit in ten
 * minutes of listening). With `previous`, the screen the person comes from: the instruction
 * ("Touchez une réponse.") is not repeated when that screen was answered the same way, and a
 * screen with the same answers as that one says its question alone. Every word stays audible:
 * the first screen of such a run says the answers (and "Retour" then "Écouter" says them
 * again).
 */
export function questionSpeech(question: Question, previous?: Question): SpeechItem[] {
  const items: SpeechItem[] = [{ key: question.media.audio }];
  for (const include of question.includes ?? []) items.push({ key: include.media.audio });
  if (question.hint) items.push({ key: question.hint });
  if (question.kind === 'exercise') {
    for (const key of EXERCISE_TEXTS[question.exercise] ?? []) items.push({ key });
    items.push({ key: 'exercise.skip' });
    return items;
  }
  if (question.kind === 'items') {
    // The instruction names the answers every row offers ("Oui, Non ou Je ne sais pas", checked
    // in every language by test/unit/visit-length.test.ts), so they are said once, before the
    // rows, and not again after them: six screens of the longest path, 3 s each in French.
    items.push({ key: 'question.chooseEachRow' });
    for (const item of question.items) items.push({ key: item.media.audio });
    if (question.allowMissing) items.push({ key: 'question.refused' });
    return items;
  }
  if (sameAnswersAs(question, previous)) return items;
  const instruction = question.kind === 'multiple' ? 'question.chooseMany' : 'question.chooseOne';
  const sameWay = previous?.kind === question.kind;
  if (question.id === 'commune' && question.kind === 'single') return [...items, ...communeSpeech(question, !sameWay)];
  if (!sameWay) items.push({ key: instruction });
  for (const option of question.options) items.push({ key: option.media.audio });
  if (question.allowMissing && !offeredMissingBefore(question, previous)) items.push({ key: 'question.dontKnow' }, { key: 'question.refused' });
  return items;
}

/**
 * A question screen as "Écouter" reads it: the section's title on the first screen of a
 * section on the person's path (a new part of the visit, not every screen of it), then the
 * question as `questionSpeech` says it. The screen and the visit-length count both use it.
 */
export function questionScreenSpeech(def: Pick<Questionnaire, 'sections'>, question: Question, previous?: Question): SpeechItem[] {
  const section = def.sections.find((s) => s.id === question.section);
  const opensSection = section !== undefined && previous?.section !== section.id;
  return [...(opensSection ? [{ key: section.title }] : []), ...questionSpeech(question, previous)];
}

/**
 * "Je ne sais pas" and "Je préfère ne pas répondre" stand on most screens: they are said on the
 * first screen of a run of screens answered the same way that offer them, not on every one
 * (the same rule as the instruction; they remain on screen, and say themselves on focus).
 */
function offeredMissingBefore(question: Question, previous: Question | undefined): boolean {
  return previous !== undefined && previous.kind === question.kind && previous.allowMissing === true;
}

/** The commune screen in the order it is shown: the early answers, then each group as "from … to …". */
function communeSpeech(question: ChoiceQuestion, instruction: boolean): SpeechItem[] {
  const { first, groups } = communeGroups();
  const audioOf = (code: string) => ({ key: question.options.find((o) => o.code === code)?.media.audio ?? code });
  const outside = question.options.filter((o) => !o.code.startsWith('C')).map((o) => o.code);
  const items: SpeechItem[] = [...(instruction ? [{ key: 'question.chooseOne' }] : []), ...[...first, ...outside].map(audioOf)];
  // Said early on this long screen whatever the screen before: a listener reaches them before the groups.
  if (question.allowMissing) items.push({ key: 'question.dontKnow' }, { key: 'question.refused' });
  items.push({ key: 'communeList.others' });
  for (const group of groups) items.push({ key: 'communeList.from' }, audioOf(group[0]!), { key: 'communeList.to' }, audioOf(group.at(-1)!));
  return items;
}

/** One opened group of communes, name by name. */
export function communeGroupSpeech(labels: string[]): SpeechItem[] {
  return labels.map((key) => ({ key }));
}
