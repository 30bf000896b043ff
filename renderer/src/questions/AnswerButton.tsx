/**
 * One answer of a question screen (a radio, or a checkbox on a several-answers screen): its
 * pictogram, its text, a tick when chosen, and its own audio said on keyboard or switch focus
 * (`spokenProps`). The answers of every choice screen, "Je ne sais pas" / "Je préfère ne pas
 * répondre" and the communes share it, so that they look, sound and answer the keyboard alike.
 */
import { useTranslation } from 'react-i18next';
import { spokenProps } from '../audio/speech';
import { DONT_KNOW, REFUSED } from '../../../shared/questionnaire/codes';
import { Pictogram } from '../components/Pictogram';

interface Props {
  code: string;
  role: 'radio' | 'checkbox';
  checked: boolean;
  tabIndex: number;
  /** The text key shown. */
  label: string;
  /** The text key said on focus (the answer's recording). */
  audio: string;
  /** "Je ne sais pas" and "Je préfère ne pas répondre": set apart, quieter. */
  missing?: boolean;
  pictogram?: string;
  onChoose: () => void;
}

export function AnswerButton({ code, role, checked, tabIndex, label, audio, missing = false, pictogram, onChoose }: Props) {
  const { t } = useTranslation();
  return (
    <li role="none">
      <button
        type="button"
        role={role}
        aria-checked={checked}
        tabIndex={tabIndex}
        data-code={code}
        {...spokenProps({ key: audio })}
        className={`button ${missing ? 'button--missing' : 'button--choice'}${checked ? ' is-checked' : ''}`}
        onClick={onChoose}
      >
        {pictogram ? <Pictogram id={pictogram} /> : null}
        <span>{t(label)}</span>
        {checked ? <Pictogram id="check" size="small" /> : null}
      </button>
    </li>
  );
}

/** The text (and recording) key of "Je ne sais pas" and "Je préfère ne pas répondre". */
export const MISSING_TEXT: Record<typeof DONT_KNOW | typeof REFUSED, string> = { [DONT_KNOW]: 'question.dontKnow', [REFUSED]: 'question.refused' };
