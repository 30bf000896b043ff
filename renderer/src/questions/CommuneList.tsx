/**
 * The commune screen, made for listening (issue 17): where most visitors live first, then
 * "J'habite ailleurs", "Je ne sais pas" and "Je préfère ne pas répondre", then the other
 * communes in groups of whole first letters. Only the group a person opens is shown and read
 * name by name, so nobody has to hear 55 names to reach the answer they need.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { communeGroups } from '../../../shared/questionnaire/commune-groups';
import { DONT_KNOW, REFUSED } from '../../../shared/questionnaire/codes';
import type { ChoiceQuestion } from '../../../shared/questionnaire/schema';
import { onRovingKeyDown, rovingTabIndex } from '../components/roving';
import { ListenButton } from '../audio/ListenButton';
import { communeGroupSpeech } from '../audio/scripts';
import { AnswerButton, MISSING_TEXT } from './AnswerButton';

const GROUPS = communeGroups();

interface Props {
  question: ChoiceQuestion;
  value: string | undefined;
  onAnswer: (value: string) => void;
}

export function CommuneList({ question, value, onAnswer }: Props) {
  const { t } = useTranslation();
  // Coming Back to the screen opens the group of the commune already chosen.
  const [open, setOpen] = useState<number | null>(() => {
    const index = GROUPS.groups.findIndex((g) => value !== undefined && g.includes(value));
    return index < 0 ? null : index;
  });
  const labelOf = (code: string) => question.options.find((o) => o.code === code)?.label ?? code;
  const outside = question.options.filter((o) => !o.code.startsWith('C')).map((o) => o.code);
  const early = [...GROUPS.first, ...outside, ...(question.allowMissing ? [DONT_KNOW, REFUSED] : [])];

  // The same answer buttons as every other question (AnswerButton): each says its own name on focus.
  const choice = (code: string, index: number, group: readonly string[]) => {
    const missing = code === DONT_KNOW || code === REFUSED;
    const option = question.options.find((o) => o.code === code);
    return (
      <AnswerButton
        key={code}
        code={code}
        role="radio"
        checked={value === code}
        tabIndex={rovingTabIndex(value === code, index, value !== undefined && group.includes(value))}
        label={missing ? MISSING_TEXT[code] : (option?.label ?? code)}
        audio={missing ? MISSING_TEXT[code] : (option?.media.audio ?? code)}
        missing={missing}
        onChoose={() => onAnswer(code)}
      />
    );
  };

  const opened = open === null ? null : GROUPS.groups[open];
  return (
    <div className="choices-block">
      {/* Said when the way to answer changes, not after another one-answer screen (scripts.ts). */}
      <p className="question__instruction" data-said-once="">
        {t('question.chooseOne')}
      </p>
      <ul className="choices choices--many" role="radiogroup" aria-labelledby="question-title" onKeyDown={(event) => onRovingKeyDown(event)}>
        {early.map(choice)}
      </ul>
      <h2 className="commune-groups__title" id="commune-groups-title">
        {t('communeList.others')}
      </h2>
      <ul
        className="choices choices--many commune-groups"
        aria-labelledby="commune-groups-title"
        onKeyDown={(event) => onRovingKeyDown(event, { items: '[data-commune-group]', choose: false })}
      >
        {GROUPS.groups.map((group, index) => {
          const first = t(labelOf(group[0]!));
          const last = t(labelOf(group.at(-1)!));
          return (
            <li key={group[0]}>
              <button
                type="button"
                className={`button button--choice commune-group${open === index ? ' is-open' : ''}`}
                aria-expanded={open === index}
                tabIndex={rovingTabIndex(open === index, index, open !== null)}
                aria-controls="commune-group-list"
                data-commune-group={group.join(' ')}
                onClick={() => setOpen(open === index ? null : index)}
              >
                <span>
                  {first} … {last}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {opened ? (
        <div className="commune-group-list" id="commune-group-list">
          <ListenButton id={`communes.${open}`} items={communeGroupSpeech(opened.map(labelOf))} />
          <ul className="choices choices--many" role="radiogroup" onKeyDown={(event) => onRovingKeyDown(event)} aria-label={`${t(labelOf(opened[0]!))} … ${t(labelOf(opened.at(-1)!))}`}>
            {opened.map(choice)}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
