/**
 * An item-by-item question (Eurostat asks each activity as its own yes/no item): one row per
 * activity, each a radio group with a visible legend and the answers of the question's scale
 * plus "Je ne sais pas"; one "Je préfère ne pas répondre" covers the whole screen.
 *
 * Each row is its own `fieldset` (legend = the activity) with `role="radiogroup"`, so a screen
 * reader announces "Lire des actualités…, groupe de boutons radio, Oui, non coché, 1 sur 3".
 * The rows are plain data-driven blocks, so that the keyboard arrow pattern and the 200 %
 * layout (issue 17) can change inside `ItemRow` without touching the screen.
 */
import { useTranslation } from 'react-i18next';
import { DONT_KNOW, REFUSED } from '../../../shared/questionnaire/codes';
import type { ItemAnswers, ItemsQuestion, QuestionItem } from '../../../shared/questionnaire/schema';
import { onRovingKeyDown, rovingTabIndex } from '../components/roving';
import { Pictogram } from '../components/Pictogram';

interface Props {
  question: ItemsQuestion;
  value: string | readonly string[] | ItemAnswers | undefined;
  /** One row answered: the machine merges it into the screen's answer (never a stale copy of the rows). */
  onAnswerRow: (item: string, code: string) => void;
  /** "Je préfère ne pas répondre" for the whole screen. */
  onRefuse: () => void;
}

function recordOf(value: Props['value']): ItemAnswers {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ItemAnswers) : {};
}

export function ItemRows({ question, value, onAnswerRow, onRefuse }: Props) {
  const { t } = useTranslation();
  const answers = recordOf(value);
  const refused = value === REFUSED;
  const scale = [...question.scale.map((o) => ({ code: o.code, label: t(o.label), pictogram: o.media.pictogram as string | null })), { code: DONT_KNOW, label: t('question.dontKnow'), pictogram: null }];
  return (
    <div className="items-block">
      <p className="question__instruction">{t('question.chooseEachRow')}</p>
      <div className="item-rows">
        {question.items.map((item) => (
          <ItemRow
            key={item.code}
            questionId={question.id}
            item={item}
            scale={scale}
            selected={refused ? undefined : answers[item.code]}
            // A row answered after "Je préfère ne pas répondre" starts the screen's answers anew (the machine does it).
            onChoose={(code) => onAnswerRow(item.code, code)}
          />
        ))}
      </div>
      {question.allowMissing ? (
        <div className="choices choices--missing">
          <button
            type="button"
            aria-pressed={refused}
            data-code={REFUSED}
            className={`button button--missing${refused ? ' is-checked' : ''}`}
            onClick={onRefuse}
          >
            {t('question.refused')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function ItemRow({
  questionId,
  item,
  scale,
  selected,
  onChoose,
}: {
  questionId: string;
  item: QuestionItem;
  scale: { code: string; label: string; pictogram: string | null }[];
  selected: string | undefined;
  onChoose: (code: string) => void;
}) {
  const legendId = `item-${questionId}-${item.code}`;
  const { t } = useTranslation();
  return (
    <fieldset className="item-row" data-item={item.code} role="radiogroup" aria-labelledby={legendId} onKeyDown={(event) => onRovingKeyDown(event)}>
      <legend id={legendId} className="item-row__legend">
        <Pictogram id={item.media.pictogram} size="small" />
        <span>{t(item.label)}</span>
      </legend>
      <div className="item-row__answers">
        {scale.map(({ code, label, pictogram }, index) => {
          const checked = selected === code;
          return (
            <button
              key={code}
              type="button"
              role="radio"
              aria-checked={checked}
              tabIndex={rovingTabIndex(checked, index, scale.some((o) => o.code === selected))}
              data-code={code}
              className={`button button--item${code === DONT_KNOW ? ' button--item-dk' : ''}${checked ? ' is-checked' : ''}`}
              onClick={() => onChoose(code)}
            >
              {pictogram ? <Pictogram id={pictogram} size="small" /> : null}
              <span>{label}</span>
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
