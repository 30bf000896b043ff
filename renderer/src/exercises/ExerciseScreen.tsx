/**
 * The optional practical exercises: each observes one gesture and reports success or
 * failure with its duration. Every exercise can be skipped at any time and none is needed
 * to finish (docs/frameworks.md: an observed measure beside the declared one).
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseOutcome, ExerciseQuestion } from '../../../shared/questionnaire/schema';
import { TapExercise } from './TapExercise';
import { ScrollExercise } from './ScrollExercise';
import { TypeExercise } from './TypeExercise';
import { ChoiceExercise } from './ChoiceExercise';

export interface ExerciseProps {
  /** Reports the outcome; the screen converts it to a rounded duration. */
  finish: (outcome: Exclude<ExerciseOutcome, 'SKIPPED'>) => void;
}

export function ExerciseScreen({ question, onDone }: { question: ExerciseQuestion; onDone: (outcome: ExerciseOutcome, durationS: number) => void }) {
  const { t } = useTranslation();
  const started = useRef(performance.now());
  const end = (outcome: ExerciseOutcome) => onDone(outcome, Math.round((performance.now() - started.current) / 1000));

  const body = (() => {
    switch (question.exercise) {
      case 'tap':
        return <TapExercise finish={end} />;
      case 'scroll':
        return <ScrollExercise finish={end} />;
      case 'type':
        return <TypeExercise finish={end} />;
      case 'phishing':
        return (
          <ChoiceExercise
            finish={end}
            // The fraudulent message is the one to spot.
            correct="b"
            cards={{
              a: { title: t('exercise.phishing.from', { sender: t('exercise.phishing.senderA') }), body: t('exercise.phishing.messageA'), pictogram: 'email', unspokenKey: 'exercise.phishing.from' },
              b: { title: t('exercise.phishing.from', { sender: t('exercise.phishing.senderB') }), body: t('exercise.phishing.messageB'), pictogram: 'email', unspokenKey: 'exercise.phishing.from' },
            }}
          />
        );
      case 'secureSite':
        return (
          <ChoiceExercise
            finish={end}
            correct="a"
            cards={{
              a: { title: t('exercise.secureSite.siteA'), body: t('exercise.secureSite.secureHint'), pictogram: 'lock', url: true },
              b: { title: t('exercise.secureSite.siteB'), body: t('exercise.secureSite.insecureHint'), pictogram: 'warning', url: true },
            }}
          />
        );
    }
  })();

  return (
    <div className="exercise">
      {body}
      <button type="button" className="button button--quiet exercise__skip" onClick={() => end('SKIPPED')}>
        {t('exercise.skip')}
      </button>
    </div>
  );
}
