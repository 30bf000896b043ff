import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseProps } from './ExerciseScreen';
import { onRovingKeyDown } from '../components/roving';
import { spokenProps } from '../audio/speech';
import { letterKey } from '../../../shared/i18n/spoken-keys';

const ROWS = ['AZERTYUIOP', 'QSDFGHJKLM', 'WXCVBN'];

/**
 * Type a short word with a large on-screen keyboard (the kiosk has no physical one). The
 * word is in the person's language; the AZERTY layout matches French keyboards they meet.
 */
export function TypeExercise({ finish }: ExerciseProps) {
  const { t } = useTranslation();
  const word = t('exercise.type.word');
  const [typed, setTyped] = useState('');
  // One Tab stop for the whole keyboard, arrows between keys (issue 17: 113 key presses for one word).
  const [current, setCurrent] = useState('A');
  const stop = (id: string) => ({ tabIndex: current === id ? 0 : -1, onFocus: () => setCurrent(id) });
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
      <div className="keyboard" role="group" aria-label={t('exercise.type.keyboard')} onKeyDown={(event) => {
          // Someone with a physical keyboard types on it: the letter goes in, the focus follows.
          const letter = event.key.length === 1 ? event.key.toUpperCase() : '';
          if (letter && ROWS.some((row) => row.includes(letter)) && !event.ctrlKey && !event.altKey && !event.metaKey) {
            event.preventDefault();
            event.currentTarget.querySelector<HTMLElement>(`[data-key="${letter}"]`)?.click();
            event.currentTarget.querySelector<HTMLElement>(`[data-key="${letter}"]`)?.focus();
            return;
          }
          if (event.key === 'Backspace') {
            event.preventDefault();
            setTyped((s) => s.slice(0, -1));
            return;
          }
          onRovingKeyDown(event, { items: 'button.key', choose: false, grid: true });
        }}
      >
        {ROWS.map((row) => (
          <div key={row} className="keyboard__row">
            {[...row].map((letter) => (
              <button key={letter} type="button" className="key" data-key={letter} {...spokenProps({ key: letterKey(letter) })} {...stop(letter)} onClick={() => setTyped((s) => (s.length < 20 ? s + letter : s))}>
                {letter}
              </button>
            ))}
          </div>
        ))}
        <div className="keyboard__row">
          <button type="button" className="key key--wide" {...spokenProps({ key: 'exercise.type.erase' })} {...stop('erase')} onClick={() => setTyped((s) => s.slice(0, -1))}>
            ⌫ {t('exercise.type.erase')}
          </button>
          <button type="button" className="key key--wide key--validate" {...spokenProps({ key: 'exercise.type.validate' })} {...stop('validate')} onClick={() => finish(typed === word ? 'SUCCESS' : 'FAILURE')}>
            {t('exercise.type.validate')}
          </button>
        </div>
      </div>
    </div>
  );
}
