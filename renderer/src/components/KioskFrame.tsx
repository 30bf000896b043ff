/**
 * The frame around every screen: the same header with "Demander de l'aide" at the same
 * place, and focus moved to the new screen's heading after each step so that screen-reader
 * and switch users never lose their place (a pain point of other kiosks: focus lost after
 * "next").
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from './Pictogram';

export function KioskFrame({ screenKey, children }: { screenKey: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [helpShown, setHelpShown] = useState(false);
  const mainRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    heading?.focus();
    setHelpShown(false);
  }, [screenKey]);

  return (
    <div className="kiosk">
      <header className="kiosk__bar">
        <span className="kiosk__brand" aria-hidden="true">
          {t('app.name')}
        </span>
        <button type="button" className="button button--help" onClick={() => setHelpShown(true)}>
          <Pictogram id="help" />
          {t('help.button')}
        </button>
      </header>
      <div ref={mainRef} className="kiosk__body">
        {children}
      </div>
      {helpShown ? (
        <div className="help-banner" role="status">
          <p>{t('help.coming')}</p>
          <button type="button" className="button" onClick={() => setHelpShown(false)}>
            {t('help.close')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
