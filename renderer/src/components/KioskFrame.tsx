/**
 * The frame around every screen: the same header with "Demander de l'aide" at the same
 * place, the help request's banner and border kept over every screen while it is open, and
 * focus moved to the new screen's heading after each step so that screen-reader
 * and switch users never lose their place (a pain point of other kiosks: focus lost after
 * "next").
 */
import { memo, useCallback, useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Pictogram } from './Pictogram';
import { SpeechControls } from '../audio/SpeechControls';
import { DisplayControls } from '../display/DisplayControls';
import type { HelpPromise } from '../../../shared/settings/schema';
import { play, registerSpeech, spokenProps } from '../audio/speech';

/** Staff gesture: this many taps on the "Repères" brand within STAFF_TAPS_WINDOW_MS. */
export const STAFF_TAPS = 5;
export const STAFF_TAPS_WINDOW_MS = 3000;

export function KioskFrame({
  screenKey,
  children,
  onStaffGesture,
  help,
}: {
  screenKey: string;
  children: ReactNode;
  onStaffGesture?: () => void;
  /** The help request (helpMachine, run by KioskFlow): open or not, and what the site promises. */
  help: { requested: boolean; promise: HelpPromise; onRequest(): void; onCancel(): void };
}) {
  const { t } = useTranslation();
  const [toolsOpen, setToolsOpen] = useState(false);
  const mainRef = useRef<HTMLDivElement>(null);
  const helpButton = useRef<HTMLButtonElement>(null);
  const taps = useRef<number[]>([]);

  // The staff area's door (docs/guide-personnel.md), discreet on purpose: the brand is not a
  // control for citizens, and five quick taps on it are not something a visitor does by chance.
  const onBrandTap = useCallback(() => {
    const now = Date.now();
    taps.current = [...taps.current.filter((at) => now - at < STAFF_TAPS_WINDOW_MS), now];
    if (taps.current.length >= STAFF_TAPS) {
      taps.current = [];
      onStaffGesture?.();
    }
  }, [onStaffGesture]);
  const toggleTools = useCallback(() => setToolsOpen((open) => !open), []);

  useEffect(() => {
    // The help banner is not closed here: a request stays on every screen until answered.
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

  // The site's promise ("Someone is coming" or "Show this screen at the reception desk") is
  // said as well as shown.
  const promiseKey = help.promise === 'showReception' ? 'help.showReception' : 'help.coming';
  useEffect(() => {
    if (!help.requested) return;
    const items = [{ key: 'help.requested' }, { key: promiseKey }];
    void play(items, 'help');
    // Heard again with the screen's own audio check (window.__audible) while the banner shows.
    return registerSpeech('help', items);
  }, [help.requested, promiseKey]);

  return (
    <div className={help.requested ? 'kiosk kiosk--help-requested' : 'kiosk'}>
      <KioskHeader toolsOpen={toolsOpen} onToggleTools={toggleTools} onBrandTap={onBrandTap} onHelpRequest={help.onRequest} helpButton={helpButton} />
      {/* Right after the header in the page's order too: one Tab from "Demander de l'aide".
          The live region is always there and only its content comes and goes, so that screen
          readers announce the request (a region inserted already filled is often not read);
          it is a `status` only while it holds the request. */}
      <div className="help-status" aria-live="polite" role={help.requested ? 'status' : undefined}>
        {help.requested ? (
          <div className="help-banner" data-help-promise={help.promise}>
            <Pictogram id="help" size="large" />
            <div className="help-banner__text">
              <p className="help-banner__title">{t('help.requested')}</p>
              <p>{t(promiseKey)}</p>
            </div>
            <button
              type="button"
              className="button"
              {...spokenProps({ key: 'help.cancel' })}
              onClick={() => {
                help.onCancel();
                // The banner goes away with the focused button: the focus goes back where it came from.
                helpButton.current?.focus();
              }}
            >
              {t('help.cancel')}
            </button>
          </div>
        ) : null}
      </div>
      {/* Seen from across the room: a thick border round the whole screen, in the help colour
          of the theme, with the icon and the words in the banner (not colour alone). */}
      {help.requested ? <div className="help-frame" aria-hidden="true" data-help-frame="" /> : null}
      <div ref={mainRef} className="kiosk__body">
        {children}
      </div>
    </div>
  );
}

/**
 * The header: the same on every screen, so it renders again only when its own props change
 * (the tools opened or closed, the language), not with each step: with the screen below it,
 * it was re-rendered and its elements compared at every tap on "Suivant" (bench/, CPU ×4).
 * KioskFlow passes stable callbacks for that reason.
 */
const KioskHeader = memo(function KioskHeader({
  toolsOpen,
  onToggleTools,
  onBrandTap,
  onHelpRequest,
  helpButton,
}: {
  toolsOpen: boolean;
  onToggleTools(): void;
  onBrandTap(): void;
  onHelpRequest(): void;
  helpButton: RefObject<HTMLButtonElement | null>;
}) {
  const { t } = useTranslation();
  return (
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
        onClick={onToggleTools}
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
        ref={helpButton}
        className="button button--help"
        {...spokenProps({ key: 'help.button' })}
        onClick={onHelpRequest}
      >
        <Pictogram id="help" />
        {t('help.button')}
      </button>
    </header>
  );
});
