import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseProps } from './ExerciseScreen';

/** Tap the blue circle. Three taps beside it end the exercise kindly as not yet mastered. */
export function TapExercise({ finish }: ExerciseProps) {
  const { t } = useTranslation();
  const [misses, setMisses] = useState(0);
  const miss = () => {
    const next = misses + 1;
    setMisses(next);
    if (next >= 3) finish('FAILURE');
  };
  return (
    <div className="exercise__area exercise__area--tap" onClick={miss} data-testid="tap-area">
      <button
        type="button"
        className="tap-target"
        aria-label={t('exercise.tap.target')}
        onClick={(e) => {
          e.stopPropagation();
          finish('SUCCESS');
        }}
      />
    </div>
  );
}
