import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from './Pictogram';
import { ListenButton } from '../audio/ListenButton';
import { getSpeechState, play, stop, type SpeechItem } from '../audio/speech';
import { useModalDialog } from './useModalDialog';

/**
 * "Vous êtes toujours là ?": one tap continues; without it the machine resets the kiosk.
 * The question is said aloud as soon as it appears (docs/accessibility.md), whatever the settings.
 */
export function StillThereDialog({ seconds, onContinue }: { seconds: number; onContinue: () => void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(seconds);
  // Modal: the rest of the kiosk is inert, so Tab stays on the dialog's buttons; focus goes back where it was.
  const { dialogRef, firstRef: buttonRef } = useModalDialog<HTMLButtonElement>();
  const [speech] = useState<SpeechItem[]>(() => [{ key: 'idle.title' }, { key: 'idle.body', values: { count: seconds } }, { key: 'idle.continue' }]);

  useEffect(() => {
    void play(speech, 'idle');
    return () => {
      if (getSpeechState().playingId === 'idle') stop();
    };
  }, [speech]);

  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(timer);
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="still-there-title"
      aria-describedby="still-there-body"
      // Escape is a sign of presence too: it continues rather than closing the dialog alone.
      onCancel={(event) => {
        event.preventDefault();
        onContinue();
      }}
    >
      <Pictogram id="idle" size="large" />
      <h2 id="still-there-title">{t('idle.title')}</h2>
      <p id="still-there-body">{t('idle.body', { count: left })}</p>
      <ListenButton id="idle" items={speech} />
      <button ref={buttonRef} type="button" className="button button--primary button--large" onClick={onContinue}>
        {t('idle.continue')}
      </button>
    </dialog>
  );
}
