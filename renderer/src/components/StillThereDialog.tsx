import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpeechItem } from '../audio/speech';
import { SpokenAlertDialog } from './SpokenAlertDialog';
import { useModalDialog } from './useModalDialog';

/**
 * "Vous êtes toujours là ?": one tap continues; without it the machine resets the kiosk.
 * Escape is a sign of presence too: it continues rather than closing the dialog alone.
 */
export function StillThereDialog({ seconds, onContinue }: { seconds: number; onContinue: () => void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(seconds);
  // Modal: the rest of the kiosk is inert, so Tab stays on the dialog's buttons; focus goes back where it was.
  const { dialogRef, firstRef: buttonRef } = useModalDialog<HTMLButtonElement>();
  const [speech] = useState<SpeechItem[]>(() => [{ key: 'idle.title' }, { key: 'idle.body', values: { count: seconds } }, { key: 'idle.continue' }]);

  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(timer);
  }, []);

  return (
    <SpokenAlertDialog id="idle" dialogRef={dialogRef} pictogram="idle" title={t('idle.title')} body={t('idle.body', { count: left })} speech={speech} onEscape={onContinue}>
      <button ref={buttonRef} type="button" className="button button--primary button--large" onClick={onContinue}>
        {t('idle.continue')}
      </button>
    </SpokenAlertDialog>
  );
}
