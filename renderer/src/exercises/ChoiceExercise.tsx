import type { ExerciseProps } from './ExerciseScreen';
import { Pictogram } from '../components/Pictogram';
import { splitAddresses } from '../../../shared/i18n/bidi';

interface Card {
  title: string;
  body: string;
  pictogram: string;
  /** Shown like an address bar: left-to-right even in Arabic or Dari. */
  url?: boolean;
  /** A title made from a template that is not spoken as such (shared/i18n/spoken-keys.ts). */
  unspokenKey?: string;
}

/** Two cards, one right answer: spot the scam message, or the secure website. */
export function ChoiceExercise({ finish, cards, correct }: ExerciseProps & { cards: Record<'a' | 'b', Card>; correct: 'a' | 'b' }) {
  return (
    <ul className="exercise__cards">
      {(['a', 'b'] as const).map((key) => {
        const card = cards[key];
        return (
          <li key={key}>
            <button type="button" className="card-choice" data-card={key} onClick={() => finish(key === correct ? 'SUCCESS' : 'FAILURE')}>
              <Pictogram id={card.pictogram} />
              {/* "Message de : …" is a template (UNSPOKEN_KEYS); the sender in it is said with the screen. */}
              <span className="card-choice__title" dir={card.url ? 'ltr' : undefined} data-unspoken-key={card.unspokenKey}>
                {card.title}
              </span>
              <span className="card-choice__body">
                {/* A web address in a sentence keeps its order in Arabic and Dari. */}
                {splitAddresses(card.body).map((part, i) =>
                  part.address ? (
                    <bdi key={i} dir="ltr">
                      {part.text}
                    </bdi>
                  ) : (
                    part.text
                  ),
                )}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
