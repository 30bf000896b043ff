/**
 * "Il y a d'autres réponses plus bas": shown in the navigation while the end of the answers
 * is below the fold (large text, long lists), so nobody takes the first answers for all of
 * them (issue 17). A tap scrolls to the rest. Recomputed on scroll, resize and layout changes.
 *
 * The answer lives in a small store rather than in the question screen's state: it changes in
 * the frame that shows a new question (the page scrolls back to the top, the answers' box
 * resizes), and only the cue and the "Écouter" button depend on it. As screen state it made
 * the whole question screen render again inside that frame (bench: tap → next question).
 */
import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from '../components/Pictogram';
import { spokenProps } from '../audio/speech';

/** Whether the end of the answers is below the fold, for the components that show or say it. */
export interface MoreBelowWatch {
  subscribe(listener: () => void): () => void;
  get(): boolean;
}

function createWatch(): MoreBelowWatch & { set(value: boolean): void } {
  let below = false;
  const listeners = new Set<() => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get: () => below,
    set(value) {
      if (value === below) return;
      below = value;
      for (const listener of listeners) listener();
    },
  };
}

export function useMoreBelowWatch(end: RefObject<HTMLElement | null>, nav: RefObject<HTMLElement | null>): MoreBelowWatch {
  const [watch] = useState(createWatch);
  useEffect(() => {
    const check = () => {
      const endBox = end.current?.getBoundingClientRect();
      const navTop = nav.current?.getBoundingClientRect().top ?? window.innerHeight;
      watch.set(endBox !== undefined && endBox.top > Math.min(navTop, window.innerHeight) + 1);
    };
    check();
    window.addEventListener('scroll', check, { passive: true });
    window.addEventListener('resize', check);
    const observer = new ResizeObserver(check);
    if (end.current?.parentElement) observer.observe(end.current.parentElement);
    return () => {
      window.removeEventListener('scroll', check);
      window.removeEventListener('resize', check);
      observer.disconnect();
    };
  }, [end, nav, watch]);
  return watch;
}

export function useMoreBelow(watch: MoreBelowWatch): boolean {
  return useSyncExternalStore(watch.subscribe, watch.get);
}

/** The cue itself, shown only while answers are below the fold. */
export function MoreBelow({ watch, end }: { watch: MoreBelowWatch; end: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  if (!useMoreBelow(watch)) return null;
  return (
    // Short on screen (it shares the navigation row), whole for screen readers and in the
    // screen's speech; the visible words are part of the name (WCAG 2.5.3).
    <button
      type="button"
      className="button button--quiet more-below"
      data-more-below=""
      {...spokenProps({ key: 'question.moreBelow' })}
      aria-label={t('question.moreBelow')}
      onClick={() => end.current?.scrollIntoView({ block: 'end', behavior: 'smooth' })}
    >
      <Pictogram id="down" size="small" />
      {t('question.moreBelowShort')}
    </button>
  );
}
