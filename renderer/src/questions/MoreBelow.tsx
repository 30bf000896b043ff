/**
 * "Il y a d'autres réponses plus bas": shown in the navigation while the end of the answers
 * is below the fold (large text, long lists), so nobody takes the first answers for all of
 * them (issue 17). A tap scrolls to the rest. Recomputed on scroll, resize and layout changes.
 */
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from '../components/Pictogram';
import { spokenProps } from '../audio/speech';

export function useMoreBelow(end: RefObject<HTMLElement | null>, nav: RefObject<HTMLElement | null>): boolean {
  const [below, setBelow] = useState(false);
  useEffect(() => {
    const check = () => {
      const endBox = end.current?.getBoundingClientRect();
      const navTop = nav.current?.getBoundingClientRect().top ?? window.innerHeight;
      setBelow(endBox !== undefined && endBox.top > Math.min(navTop, window.innerHeight) + 1);
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
  }, [end, nav]);
  return below;
}

export function MoreBelow({ end }: { end: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
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
