import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseProps } from './ExerciseScreen';
import { onRovingKeyDown } from '../components/roving';
import { spokenProps } from '../audio/speech';

// The cat is last so that it is below the fold and finding it needs scrolling.
const ANIMALS = ['dog', 'cow', 'horse', 'rabbit', 'duck', 'sheep', 'camel', 'hen', 'goat', 'fish', 'bird', 'mouse', 'cat'] as const;

export function ScrollExercise({ finish }: ExerciseProps) {
  const { t } = useTranslation();
  const [misses, setMisses] = useState(0);
  const choose = (animal: (typeof ANIMALS)[number]) => {
    if (animal === 'cat') return finish('SUCCESS');
    const next = misses + 1;
    setMisses(next);
    if (next >= 3) finish('FAILURE');
  };
  return (
    // One Tab stop: the arrow keys move through the animals, and so scroll the list (the
    // keyboard's way of scrolling), instead of a Tab per animal.
    <ul className="exercise__scroll" aria-label={t('exercise.scroll.listLabel')} onKeyDown={(event) => onRovingKeyDown(event, { items: 'button', choose: false })}>
      {ANIMALS.map((animal, index) => (
        <li key={animal}>
          <button type="button" className="button button--choice" {...spokenProps({ key: `exercise.scroll.items.${animal}` })} tabIndex={index === 0 ? 0 : -1} onClick={() => choose(animal)}>
            {t(`exercise.scroll.items.${animal}`)}
          </button>
        </li>
      ))}
    </ul>
  );
}
