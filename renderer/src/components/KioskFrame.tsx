/**
 * The frame around every screen: the same header with "Demander de l'aide" at the same
 * place, and focus moved to the new screen's heading after each step so that screen-reader
 * and switch users never lose their place (a pain point of other kiosks: focus lost after
 * "next").
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from './Pictogram';
import { SpeechControls } from '../audio/SpeechControls';
import { DisplayControls } from '../display/DisplayControls';
import { playHelpChime } from '../audio/chime';
import { play, registerSpeech, spokenProps } from '../audio/speech';

/** Staff gesture: this many taps on the "Repères" brand within STAFF_TAPS_WINDOW_MS. */
export const STAFF_TAPS = 5;
export const STAFF_TAPS_WINDOW_MS = 3000;

export function KioskFrame({
  screenKey,
  children,
  onStaffGesture,
  helpChime = false,
}: {
  screenKey: string;
  children: ReactNode;
  onStaffGesture?: () => void;
  /** Site setting: a discreet chime tells staff that someone asked for help. */
  helpChime?: boolean;
}) {
  const { t } = useTranslation();
  const [helpShown, setHelpShown] = useState(false);
  const [toolsOpen, setToolsOpen] = useState(false);
  const mainRef = useRef<HTMLDivElement>(null);
  const taps = useRef<number[]>([]);
  // Where the focus was when help was asked (issue 17: focus returns there when the banner
  // closes, instead of falling to the page with the banner's button).
  const helpReturnTo = useRef<HTMLElement | null>(null);

  // The staff area's door (docs/guide-personnel.md), discreet on purpose: the brand is not a
  // control for citizens, and five quick taps on it are not something a visitor does by chance.
  const onBrandTap = () => {
    const now = Date.now();
    taps.current = [...taps.current.filter((at) => now - at < STAFF_TAPS_WINDOW_MS), now];
    if (taps.current.length >= STAFF_TAPS) {
      taps.current = [];
      onStaffGesture?.();
    }
  };

  useEffect(() => {
    setHelpShown(false);
    setToolsOpen(false);
    // A new screen starts at its top: its question, then its first answers.
    window.scrollTo(0, 0);
    // Focus moves once the new screen is on the glass, not before: focus() forces a style and
    // layout pass of its own, which delayed the first frame of every step by about 6 ms of the
    // 13 ms of script a step costs on a slow kiosk (bench/, CPU ×4). A frame later is still
    // long before anyone can act, and a screen reader announces the heading all the same.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => mainRef.current?.querySelector<HTMLElement>('h1')?.focus());
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [screenKey]);

  // "Someone is coming" is said as well as shown.
  useEffect(() => {
    if (!helpShown) return;
    const items = [{ key: 'help.coming' }];
    void play(items, 'help');
    // Heard again with the screen's own audio check (window.__audible) while the banner shows.
    return registerSpeech('help', items);
  }, [helpShown]);

  return (
    <div className="kiosk">
      <header className="kiosk__bar">
        <span className="kiosk__brand" aria-hidden="true" data-staff-gesture="" onPointerDown={onBrandTap}>
          {t('app.name')}
        </span>
        {/* Voice and display settings fold into one "Affichage" control, so that at 200 % the
            header stays one row and the question keeps the screen (issue 17). A speech control:
            opening it does not silence the voice. */}
        <button
          type="button"
          className={`button kiosk__tools-toggle${toolsOpen ? ' is-open' : ''}`}
          aria-expanded={toolsOpen}
          aria-controls="kiosk-tools"
          data-display-menu=""
          data-speech-control=""
          {...spokenProps({ key: 'display.label' })}
          onClick={() => setToolsOpen(!toolsOpen)}
        >
          <Pictogram id="text-size" size="small" />
          {t('display.label')}
        </button>
        <div id="kiosk-tools" className="kiosk__tools" hidden={!toolsOpen}>
          <SpeechControls />
          <DisplayControls />
        </div>
        <button
          type="button"
          className="button button--help"
          {...spokenProps({ key: 'help.button' })}
          onClick={(event) => {
            helpReturnTo.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : event.currentTarget;
            setHelpShown(true);
            if (helpChime) playHelpChime();
          }}
        >
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
          <button
            type="button"
            className="button"
            {...spokenProps({ key: 'help.close' })}
            onClick={() => {
              setHelpShown(false);
              if (helpReturnTo.current?.isConnected) helpReturnTo.current.focus();
            }}
          >
            {t('help.close')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
