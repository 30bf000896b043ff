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
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { answerForKey, answerKeys } from '../../../shared/i18n/answer-keys';
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
  /** Every row answered by keyboard: go on, as "Suivant" does. */
  onDone: () => void;
}

function recordOf(value: Props['value']): ItemAnswers {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ItemAnswers) : {};
}

/**
 * The rows' keyboard shortcuts, a kiosk shortcut beyond the radio group pattern (where arrows
 * choose and never leave the group): Enter on an answer, or the answer's key (its first letter,
 * shown on the answer while a row has the keyboard focus and announced as `aria-keyshortcuts`),
 * chooses it and moves the focus to the next row still unanswered; when every row is answered it
 * goes on, as "Suivant" does. A keyboard or switch user answers a row with one press, and a
 * screen reader user hears the next row's legend, as after "Tab".
 */
function onRowsKeyDown(event: KeyboardEvent<HTMLElement>, locale: string, onDone: () => void): void {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const row = (event.target as HTMLElement).closest('fieldset[data-item]');
  if (!row) return;
  const answers = [...row.querySelectorAll<HTMLElement>('[role="radio"]')];
  let chosen: HTMLElement | undefined;
  if (event.key === 'Enter') chosen = answers.find((el) => el === event.target);
  else chosen = answers[answerForKey(answers.map((el) => el.getAttribute('aria-keyshortcuts') ?? ''), event.key, locale)];
  if (!chosen) return;
  // Handled here: the screen's own Enter (choose and go on) is for single groups.
  event.preventDefault();
  event.stopPropagation();
  if (chosen.getAttribute('aria-checked') !== 'true') chosen.click();
  const rows = [...event.currentTarget.querySelectorAll('fieldset[data-item]')];
  const at = rows.indexOf(row);
  // The next unanswered row, wrapping to one left above: the answer just chosen is not drawn yet.
  const next = [...rows.slice(at + 1), ...rows.slice(0, at)].find((r) => !r.querySelector('[aria-checked="true"]'));
  if (next) next.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  else onDone();
}

export function ItemRows({ question, value, onAnswerRow, onRefuse, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const answers = recordOf(value);
  const refused = value === REFUSED;
  const labels = [...question.scale.map((o) => ({ code: o.code, label: t(o.label), pictogram: o.media.pictogram as string | null })), { code: DONT_KNOW, label: t('question.dontKnow'), pictogram: null }];
  const keys = answerKeys(
    labels.map((o) => o.label),
    i18n.language,
  );
  const scale = labels.map((o, index) => ({ ...o, key: keys[index]! }));
  return (
    <div className="items-block">
      <p className="question__instruction">{t('question.chooseEachRow')}</p>
      <div className="item-rows" onKeyDown={(event) => onRowsKeyDown(event, i18n.language, onDone)}>
        {question.items.map((item, index) => (
          <ItemRow
            // By place, as the choices of QuestionScreen: the next screen's rows take over these
            // elements (new legend, same answers) instead of being built anew.
            key={index}
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
  scale: { code: string; label: string; pictogram: string | null; key: string }[];
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
        {scale.map(({ code, label, pictogram, key }, index) => {
          const checked = selected === code;
          return (
            <button
              key={code}
              type="button"
              role="radio"
              aria-checked={checked}
              tabIndex={rovingTabIndex(checked, index, scale.some((o) => o.code === selected))}
              aria-keyshortcuts={key}
              data-code={code}
              className={`button button--item${code === DONT_KNOW ? ' button--item-dk' : ''}${checked ? ' is-checked' : ''}`}
              onClick={() => onChoose(code)}
            >
              {pictogram ? <Pictogram id={pictogram} size="small" /> : null}
              <span>{label}</span>
              {/* The key is in aria-keyshortcuts already: drawn for sighted keyboard users only. */}
              <kbd className="answer-key" aria-hidden="true">
                {key}
              </kbd>
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
