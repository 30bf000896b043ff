import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from './Pictogram';

/** "Vous êtes toujours là ?": one tap continues; without it the machine resets the kiosk. */
export function StillThereDialog({ seconds, onContinue }: { seconds: number; onContinue: () => void }) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(seconds);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    buttonRef.current?.focus();
    const timer = setInterval(() => setLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="still-there-title" aria-describedby="still-there-body">
        <Pictogram id="idle" size="large" />
        <h2 id="still-there-title">{t('idle.title')}</h2>
        <p id="still-there-body">{t('idle.body', { count: left })}</p>
        <button ref={buttonRef} type="button" className="button button--primary button--large" onClick={onContinue}>
          {t('idle.continue')}
        </button>
      </div>
    </div>
  );
}
