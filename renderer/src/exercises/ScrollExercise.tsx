import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseProps } from './ExerciseScreen';

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
    <ul className="exercise__scroll" aria-label={t('exercise.scroll.listLabel')} tabIndex={0}>
      {ANIMALS.map((animal) => (
        <li key={animal}>
          <button type="button" className="button button--choice" onClick={() => choose(animal)}>
            {t(`exercise.scroll.items.${animal}`)}
          </button>
        </li>
      ))}
    </ul>
  );
}
