import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseProps } from './ExerciseScreen';

const ROWS = ['AZERTYUIOP', 'QSDFGHJKLM', 'WXCVBN'];

/**
 * Type a short word with a large on-screen keyboard (the kiosk has no physical one). The
 * word is in the person's language; the AZERTY layout matches French keyboards they meet.
 */
export function TypeExercise({ finish }: ExerciseProps) {
  const { t } = useTranslation();
  const word = t('exercise.type.word');
  const [typed, setTyped] = useState('');
  return (
    <div className="exercise__type">
      {/* The word so far, read out as it grows; "Votre mot" names it for screen readers. */}
      <p className="typed">
        <label htmlFor="typed-word" className="visually-hidden">
          {t('exercise.type.fieldLabel')}
        </label>
        <output id="typed-word" aria-live="polite">
          {typed || '\u00a0'}
        </output>
      </p>
      <div className="keyboard" role="group" aria-label={t('exercise.type.keyboard')}>
        {ROWS.map((row) => (
          <div key={row} className="keyboard__row">
            {[...row].map((letter) => (
              <button key={letter} type="button" className="key" onClick={() => setTyped((s) => (s.length < 20 ? s + letter : s))}>
                {letter}
              </button>
            ))}
          </div>
        ))}
        <div className="keyboard__row">
          <button type="button" className="key key--wide" onClick={() => setTyped((s) => s.slice(0, -1))}>
            ⌫ {t('exercise.type.erase')}
          </button>
          <button type="button" className="key key--wide key--validate" onClick={() => finish(typed === word ? 'SUCCESS' : 'FAILURE')}>
            {t('exercise.type.validate')}
          </button>
        </div>
      </div>
    </div>
  );
}
