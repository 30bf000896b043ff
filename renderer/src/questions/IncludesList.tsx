/**
 * What a question counts, under the question with a pictogram each (e.g. for internet use: a
 * phone or a computer, apps such as WhatsApp or Facebook, at home or anywhere): part of the
 * question itself, not a hint, because a "Non" from someone who uses WhatsApp every day
 * decides their illectronisme.
 */
import { useTranslation } from 'react-i18next';
import type { Question } from '../../../shared/questionnaire/schema';
import { Pictogram } from '../components/Pictogram';

export function IncludesList({ question }: { question: Question }) {
  const { t } = useTranslation();
  if (!question.includes) return null;
  return (
    <ul className="question__includes" aria-label={t('question.includesLabel')}>
      {question.includes.map((include) => (
        <li key={include.label}>
          <Pictogram id={include.media.pictogram} />
          <span>{t(include.label)}</span>
        </li>
      ))}
    </ul>
  );
}
