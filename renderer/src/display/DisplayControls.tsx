/**
 * The display settings in the header, beside the voice settings and "Demander de l'aide":
 * one button steps the text size (100 % → 150 % → 200 % → 100 %), one toggles high contrast.
 * Always shown, at the same place on every screen; both reset at the end of each session.
 */
import { memo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from '../components/Pictogram';
import { TEXT_SCALES, getDisplayState, nextTextScale, setContrast, setTextScale, subscribe, type TextScale } from './display';

const SIZE_KEY: Record<TextScale, 'normal' | 'large' | 'larger'> = { 1: 'normal', 1.5: 'large', 2: 'larger' };

export function useDisplayState() {
  return useSyncExternalStore(subscribe, getDisplayState);
}

// memo: the header stays the same from one step to the next; it renders again only when its
// own state (voice, display, language) changes, not with every screen (bench: tap → next question).
export const DisplayControls = memo(function DisplayControls() {
  const { t } = useTranslation();
  const { textScale, contrast } = useDisplayState();
  const largest = textScale === TEXT_SCALES[TEXT_SCALES.length - 1];
  const high = contrast === 'high';
  return (
    <div className="display-controls" role="group" aria-label={t('display.label')}>
      {/* The label says what the tap does; the level marks and the description say the size now. */}
      <button
        type="button"
        className="button display-size"
        data-display-control="text-size"
        aria-describedby="display-size-now"
        onClick={() => setTextScale(nextTextScale(textScale))}
      >
        <Pictogram id="text-size" size="small" />
        <span>{largest ? t('display.textNormal') : t('display.textBigger')}</span>
        <span className="display-size__level" aria-hidden="true">
          {TEXT_SCALES.map((scale) => (
            <span key={scale} className={`display-size__mark${scale <= textScale ? ' is-on' : ''}`} />
          ))}
        </span>
      </button>
      <span id="display-size-now" className="visually-hidden">
        {t(`display.size.${SIZE_KEY[textScale]}`)}
      </span>
      <button
        type="button"
        className="button display-contrast"
        data-display-control="contrast"
        aria-pressed={high}
        onClick={() => setContrast(high ? 'normal' : 'high')}
      >
        <Pictogram id="contrast" size="small" />
        <span>{t('display.contrast')}</span>
      </button>
    </div>
  );
});
