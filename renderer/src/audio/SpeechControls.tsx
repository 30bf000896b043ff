/**
 * The voice settings in the header, beside "Demander de l'aide": volume (large − and +
 * buttons, 5 levels) and automatic reading (off by default). Both go back to their defaults
 * at the end of each session. Hidden when nothing can be heard in the current language.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from '../components/Pictogram';
import { MIN_VOLUME, VOLUME_STEP, setAutoRead, setVolume } from './speech';
import { useSpeakable, useSpeechState } from './useSpeech';

const LEVELS = 5;

// memo: the header stays the same from one step to the next; it renders again only when its
// own state (voice, display, language) changes, not with every screen (bench: tap → next question).
export const SpeechControls = memo(function SpeechControls() {
  const { t } = useTranslation();
  const { volume, autoRead } = useSpeechState();
  // The "Écouter" label itself is the probe: if it can be heard, the voice works here.
  const available = useSpeakable([{ key: 'audio.listen' }, { key: 'attract.title' }]);

  if (!available) return null;
  const level = Math.round(volume * LEVELS);
  return (
    <div className="speech-controls" data-speech-control="">
      <div className="speech-volume" role="group" aria-label={t('audio.volume')}>
        <button
          type="button"
          className="button speech-volume__step"
          aria-label={t('audio.volumeDown')}
          disabled={volume <= MIN_VOLUME + 1e-6}
          onClick={() => setVolume(volume - VOLUME_STEP)}
        >
          <span aria-hidden="true">−</span>
        </button>
        <span className="speech-volume__level" role="meter" aria-label={t('audio.volume')} aria-valuemin={1} aria-valuemax={LEVELS} aria-valuenow={level}>
          <Pictogram id="volume" size="small" />
          {Array.from({ length: LEVELS }, (_, i) => (
            <span key={i} className={`speech-volume__bar${i < level ? ' is-on' : ''}`} style={{ blockSize: `${0.5 + i * 0.3}rem` }} />
          ))}
        </span>
        <button
          type="button"
          className="button speech-volume__step"
          aria-label={t('audio.volumeUp')}
          disabled={volume >= 1 - 1e-6}
          onClick={() => setVolume(volume + VOLUME_STEP)}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
      <button type="button" className="button speech-auto" aria-pressed={autoRead} onClick={() => setAutoRead(!autoRead)}>
        <Pictogram id="speech" size="small" />
        {t('audio.autoRead')}
      </button>
    </div>
  );
});
