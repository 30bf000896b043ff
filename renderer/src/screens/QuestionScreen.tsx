/**
 * One question of the definition, whatever it asks: choices, multiple choices, item-by-item
 * rows or a practical exercise. Everything it shows comes from the definition and the locale
 * texts.
 */
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskContext, KioskEvent } from '../../../shared/flow/kioskMachine';
import { isComplete, questionById, visibleQuestions } from '../../../shared/questionnaire/engine';
import { progress } from '../../../shared/questionnaire/paths';
import { DONT_KNOW, REFUSED } from '../../../shared/questionnaire/codes';
import type { ChoiceQuestion, Question, Questionnaire } from '../../../shared/questionnaire/schema';
import { Pictogram } from '../components/Pictogram';
import { onRovingKeyDown, rovingTabIndex } from '../components/roving';
import { QuitDialog } from '../components/QuitDialog';
import { MoreBelow, useMoreBelow, useMoreBelowWatch, type MoreBelowWatch } from '../questions/MoreBelow';
import { play, spokenProps } from '../audio/speech';
import { ExerciseScreen } from '../exercises/ExerciseScreen';
import { IncludesList } from '../questions/IncludesList';
import { ItemRows } from '../questions/ItemRows';
import { CommuneList } from '../questions/CommuneList';
import { AnswerButton, MISSING_TEXT } from '../questions/AnswerButton';
import { ListenButton } from '../audio/ListenButton';
import { questionScreenSpeech } from '../audio/scripts';

interface Props {
  context: KioskContext;
  send: (event: KioskEvent) => void;
}

export function QuestionScreen({ context, send }: Props) {
  const { t } = useTranslation();
  const def = context.input.definition;
  const question = questionById(def, context.currentQuestion ?? '');
  const section = def.sections.find((s) => s.id === question.section);
  const { position, total } = progress(def, context.answers, question.id);
  const progressText = t('question.progress', { position, total });
  const value = context.answers[question.id];
  const complete = isComplete(question, value);
  const [quitAsked, setQuitAsked] = useState(false);
  // "Suivant" tapped with no answer: say and show what to do (issue 17: the tap did nothing visible).
  const [nudged, setNudged] = useState<string | null>(null);
  const answersEnd = useRef<HTMLDivElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const moreBelow = useMoreBelowWatch(answersEnd, navRef);
  // The screen before on the person's path: what it said is not said again (scripts.ts).
  const previous = useMemo(() => {
    const shown = visibleQuestions(def, context.answers);
    return shown[shown.findIndex((q) => q.id === question.id) - 1];
  }, [def, context.answers, question.id]);
  const answerFirstKey = question.kind === 'items' ? 'question.answerEachRow' : 'question.answerFirst';

  return (
    // Enter on an answer chooses it and goes on, as Enter submits a form from a radio button
    // (keyboard and switch users: one press instead of a trip to "Suivant").
    <main
      className="screen screen--question"
      data-question={question.id}
      onKeyDown={(event) => {
        const target = event.target as HTMLElement;
        const role = target.getAttribute('role');
        if (event.key !== 'Enter' || (role !== 'radio' && role !== 'checkbox')) return;
        event.preventDefault();
        // A radio is chosen by Enter too; a checkbox is only ticked by Space (Enter submits).
        // (The item-by-item rows handle their own Enter: it moves to the next row first.)
        if (role === 'radio' && target.getAttribute('aria-checked') !== 'true') target.click();
        send({ type: 'NEXT' });
      }}
    >
      <div className="question__top">
        <div className="question__bar">
          {section ? (
            <p className="question__section" data-said-once="">
              <Pictogram id={section.media.pictogram} size="small" />
              {t(section.title)}
            </p>
          ) : null}
          <p className="progress__text" aria-hidden="true">
            {progressText}
          </p>
          {/* Far from "Suivant", and it asks first: a mis-tap never ends the visit (issue 17). */}
          <button type="button" className="button button--quiet question__quit" {...spokenProps({ key: 'nav.quit' })} onClick={() => setQuitAsked(true)}>
            <Pictogram id="hand-stop" size="small" />
            {t('nav.quit')}
          </button>
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-label={progressText}
          aria-valuemin={1}
          aria-valuemax={total}
          aria-valuenow={position}
          aria-valuetext={progressText}
        >
          <div className="progress__fill" style={{ inlineSize: `${(position / total) * 100}%` }} />
        </div>
      </div>
      <div className="screen__heading">
        {/* "Écouter" comes before the title in the focus order (Shift+Tab from the title, which
            has the focus after each step), drawn after it: Tab from the title goes straight to
            the answers, one press less on every screen for keyboard and switch users. */}
        <QuestionListen def={def} question={question} previous={previous} moreBelow={moreBelow} />
        <Pictogram id={question.media.pictogram} size="large" />
        <h1 id="question-title" tabIndex={-1}>
          {t(question.label)}
        </h1>
      </div>
      <IncludesList question={question} />
      {question.hint ? <p className="question__hint">{t(question.hint)}</p> : null}

      {question.kind === 'exercise' ? (
        <ExerciseScreen
          key={question.id}
          question={question}
          onDone={(outcome, durationS) => send({ type: 'EXERCISE_DONE', outcome, durationS })}
        />
      ) : question.kind === 'items' ? (
        <ItemRows
          question={question}
          value={value}
          onAnswerRow={(item, code) => send({ type: 'ANSWER_ITEM', item, code })}
          onRefuse={() => send({ type: 'ANSWER', value: REFUSED })}
          onDone={() => send({ type: 'NEXT' })}
        />
      ) : question.id === 'commune' && question.kind === 'single' ? (
        <CommuneList question={question} value={typeof value === 'string' ? value : undefined} onAnswer={(answer) => send({ type: 'ANSWER', value: answer })} />
      ) : (
        <ChoiceList
          question={question}
          value={typeof value === 'string' || Array.isArray(value) ? value : undefined}
          onAnswer={(answer) => send({ type: 'ANSWER', value: answer })}
          onClear={() => send({ type: 'CLEAR_ANSWER' })}
        />
      )}

      <div ref={answersEnd} className="answers-end" aria-hidden="true" />
      <nav ref={navRef} className="screen__nav">
        {nudged === question.id && !complete ? (
          <p className="nudge" role="status">
            {t(answerFirstKey)}
          </p>
        ) : null}
        <button type="button" className="button" {...spokenProps({ key: 'nav.back' })} onClick={() => send({ type: 'BACK' })}>
          <Pictogram id="back" size="small" />
          {t('nav.back')}
        </button>
        <MoreBelow watch={moreBelow} end={answersEnd} />
        {question.kind !== 'exercise' ? (
          <button
            type="button"
            className="button button--primary button--large"
            aria-disabled={!complete}
            {...spokenProps({ key: 'nav.next' })}
            aria-describedby={!complete ? 'answer-first' : undefined}
            onClick={() => {
              if (!complete) {
                setNudged(question.id);
                void play([{ key: answerFirstKey }], 'nudge');
              }
              send({ type: 'NEXT' });
            }}
          >
            {t('nav.next')}
            <Pictogram id="next" size="small" />
          </button>
        ) : null}
      </nav>
      {question.kind !== 'exercise' && !complete ? (
        <p id="answer-first" className="visually-hidden">
          {t(answerFirstKey)}
        </p>
      ) : null}
      {quitAsked ? <QuitDialog onConfirm={() => send({ type: 'QUIT' })} onCancel={() => setQuitAsked(false)} /> : null}
    </main>
  );
}

/** "Écouter" for the question: says the whole screen, and that more answers are below when they are. */
function QuestionListen({ def, question, previous, moreBelow }: { def: Pick<Questionnaire, 'sections'>; question: Question; previous: Question | undefined; moreBelow: MoreBelowWatch }) {
  const below = useMoreBelow(moreBelow);
  const speech = useMemo(() => [...questionScreenSpeech(def, question, previous), ...(below ? [{ key: 'question.moreBelow' }] : [])], [def, question, previous, below]);
  return <ListenButton id={`q.${question.id}`} items={speech} screen className="screen__heading-listen" />;
}

function ChoiceList({
  question,
  value,
  onAnswer,
  onClear,
}: {
  question: ChoiceQuestion;
  value: string | readonly string[] | undefined;
  onAnswer: (value: string | string[]) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const multiple = question.kind === 'multiple';
  const selected = value === undefined ? [] : typeof value === 'string' ? [value] : value;

  const choose = (code: string, exclusive: boolean) => {
    if (!multiple) return onAnswer(code);
    const current = selected.filter((c) => c !== DONT_KNOW && c !== REFUSED);
    if (exclusive) return onAnswer([code]);
    const exclusiveCodes = question.options.filter((o) => o.exclusive).map((o) => o.code);
    const next = current.includes(code) ? current.filter((c) => c !== code) : [...current.filter((c) => !exclusiveCodes.includes(c)), code];
    // Un-ticking the last box leaves the question unanswered, as before the first tap.
    return next.length === 0 ? onClear() : onAnswer(next);
  };

  const many = question.options.length > 12;
  return (
    <div className="choices-block">
      {/* Said when the way to answer changes, not on each screen of a run (scripts.ts). */}
      <p className="question__instruction" data-said-once="">
        {t(multiple ? 'question.chooseMany' : 'question.chooseOne')}
      </p>
      <ul
        className={`choices${many ? ' choices--many' : ''}`}
        role={multiple ? 'group' : 'radiogroup'}
        aria-labelledby="question-title"
        onKeyDown={(event) => onRovingKeyDown(event, multiple ? { items: '[role="checkbox"]', choose: false } : {})}
      >
        {question.options.map((o, index) => (
          // Each answer says itself on keyboard or switch focus: on a screen with the same
          // answers as the one before, "Écouter" says the question alone (scripts.ts).
          // Keyed by place, not by code: the next question's answers take over these elements
          // (new texts and attributes) instead of removing them all and building new ones, which
          // cost about a third of the script and style work between "Suivant" and the next
          // question (bench/, CPU ×4). Within one question the options never move.
          <AnswerButton
            key={index}
            code={o.code}
            role={multiple ? 'checkbox' : 'radio'}
            checked={selected.includes(o.code)}
            tabIndex={multiple ? (index === 0 ? 0 : -1) : rovingTabIndex(selected.includes(o.code), index, question.options.some((x) => selected.includes(x.code)))}
            label={o.label}
            audio={o.media.audio}
            {...(many ? {} : { pictogram: o.media.pictogram })}
            onChoose={() => choose(o.code, o.exclusive === true)}
          />
        ))}
      </ul>
      {question.allowMissing ? (
        <ul className="choices choices--missing" role="radiogroup" aria-label={t('question.dontKnow')} onKeyDown={(event) => onRovingKeyDown(event)}>
          {([DONT_KNOW, REFUSED] as const).map((code, index) => (
            <AnswerButton
              key={code}
              code={code}
              role="radio"
              checked={value === code}
              tabIndex={rovingTabIndex(value === code, index, value === DONT_KNOW || value === REFUSED)}
              label={MISSING_TEXT[code]}
              audio={MISSING_TEXT[code]}
              missing
              onChoose={() => onAnswer(code)}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
