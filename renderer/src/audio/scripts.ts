/**
 * What "Écouter" says on the screens built from data: the order follows the screen, the
 * question first (so a person hears what is asked before the answers).
 */
import { communeGroups } from '../../../shared/questionnaire/commune-groups';
import type { ChoiceQuestion, Question } from '../../../shared/questionnaire/schema';
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
 * The question, what it counts, its hint, the instruction, then every answer (or every row
 * and the answers each row offers, or the exercise's cards).
 */
export function questionSpeech(question: Question): SpeechItem[] {
  const items: SpeechItem[] = [{ key: question.media.audio }];
  for (const include of question.includes ?? []) items.push({ key: include.media.audio });
  if (question.hint) items.push({ key: question.hint });
  if (question.kind === 'exercise') {
    for (const key of EXERCISE_TEXTS[question.exercise] ?? []) items.push({ key });
    items.push({ key: 'exercise.skip' });
    return items;
  }
  if (question.kind === 'items') {
    items.push({ key: 'question.chooseEachRow' });
    for (const item of question.items) items.push({ key: item.media.audio });
    for (const option of question.scale) items.push({ key: option.media.audio });
    items.push({ key: 'question.dontKnow' });
    if (question.allowMissing) items.push({ key: 'question.refused' });
    return items;
  }
  if (question.id === 'commune' && question.kind === 'single') return [...items, ...communeSpeech(question)];
  items.push({ key: question.kind === 'multiple' ? 'question.chooseMany' : 'question.chooseOne' });
  for (const option of question.options) items.push({ key: option.media.audio });
  if (question.allowMissing) items.push({ key: 'question.dontKnow' }, { key: 'question.refused' });
  return items;
}

/** The commune screen in the order it is shown: the early answers, then each group as "from … to …". */
function communeSpeech(question: ChoiceQuestion): SpeechItem[] {
  const { first, groups } = communeGroups();
  const audioOf = (code: string) => ({ key: question.options.find((o) => o.code === code)?.media.audio ?? code });
  const outside = question.options.filter((o) => !o.code.startsWith('C')).map((o) => o.code);
  const items: SpeechItem[] = [{ key: 'question.chooseOne' }, ...[...first, ...outside].map(audioOf)];
  if (question.allowMissing) items.push({ key: 'question.dontKnow' }, { key: 'question.refused' });
  items.push({ key: 'communeList.others' });
  for (const group of groups) items.push({ key: 'communeList.from' }, audioOf(group[0]!), { key: 'communeList.to' }, audioOf(group.at(-1)!));
  return items;
}

/** One opened group of communes, name by name. */
export function communeGroupSpeech(labels: string[]): SpeechItem[] {
  return labels.map((key) => ({ key }));
}
