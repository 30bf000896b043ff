import { useMachine } from '@xstate/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { fromPromise } from 'xstate';
import { kioskMachine } from '../../shared/flow/kioskMachine';
import { helpMachine } from '../../shared/flow/helpMachine';
import type { KioskSetup } from '../../shared/ipc/contract';
import type { Questionnaire } from '../../shared/questionnaire/schema';
import type { SessionRecord } from '../../shared/session/record';
import { call } from './api';
import { applyLanguage } from './i18n';
import { resetSpeech } from './audio/speech';
import { playHelpChime } from './audio/chime';
import { useSpeaking } from './audio/useSpeech';
import { resetDisplay } from './display/display';
import { KioskFrame } from './components/KioskFrame';
import { StillThereDialog } from './components/StillThereDialog';
import { AttractScreen } from './screens/AttractScreen';
import { ClosedScreen } from './screens/ClosedScreen';
import { openingStatus } from '../../shared/opening/status';
import { LanguageScreen } from './screens/LanguageScreen';
import { PrivacyScreen } from './screens/PrivacyScreen';
import { QuestionScreen } from './screens/QuestionScreen';
import { ResultScreen } from './screens/ResultScreen';
import { ThanksScreen } from './screens/ThanksScreen';

// The staff area (and its chart library) is a separate chunk, fetched only after the gesture.
const StaffArea = lazy(() => import('./staff/StaffArea'));

interface Props {
  setup: KioskSetup;
  definition: Questionnaire;
  /** Read when the first record is made (computing it is not part of the start). */
  questionnaireHash(): string;
  /** The staff area closed (Close, Cancel or its inactivity timeout): App starts the kiosk afresh. */
  onStaffClosed(): void;
}

/** Test builds may shorten the delays through the URL (?idle=…&warning=…&thanks=…&helpRepeat=… in ms). */
const overrides = new URLSearchParams(window.location.search);
function delayOverride(name: string): number | undefined {
  const value = overrides.get(name);
  const ms = value === null ? NaN : Number(value);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

export function KioskFlow({ setup, definition, questionnaireHash, onStaffClosed }: Props) {
  const machine = useMemo(
    () =>
      kioskMachine.provide({
        actors: {
          saveSession: fromPromise<unknown, SessionRecord>(async ({ input }) => {
            const response = await call('session:save', input);
            if (!response.ok) throw new Error(response.error.code);
            return response.value;
          }),
        },
      }),
    [],
  );
  const [state, send] = useMachine(machine, {
    input: {
      definition,
      questionnaireHash,
      enabledLanguages: setup.enabledLanguages,
      idleDelayMs: delayOverride('idle') ?? setup.idleDelayS * 1000,
      warningDelayMs: delayOverride('warning') ?? setup.warningDelayS * 1000,
      thanksDelayMs: delayOverride('thanks') ?? 15_000,
    },
  });
  const { context } = state;
  // The help request lives beside the visit, so that the visit's privacy reset never drops it
  // (shared/flow/helpMachine.ts): it ends when the visitor cancels it or staff answer it.
  const ringingHelp = useMemo(() => helpMachine.provide({ actions: { ring: () => playHelpChime(setup.help.volume) } }), [setup.help.volume]);
  const [help, sendHelp] = useMachine(ringingHelp, {
    input: {
      chime: setup.help.chime,
      repeatMs: delayOverride('helpRepeat') ?? setup.help.repeatS * 1000,
      maxRings: setup.help.maxRings,
    },
  });
  const helpRequested = help.matches('requested');
  const [staffOpen, setStaffOpen] = useState(false);
  // Stable from one step to the next, so that the header (KioskFrame) does not render again.
  const requestHelp = useCallback(() => sendHelp({ type: 'HELP_REQUEST' }), [sendHelp]);
  const cancelHelp = useCallback(() => sendHelp({ type: 'HELP_CANCEL' }), [sendHelp]);
  const onStaffGesture = useCallback(() => {
    // While help is asked for, the staff gesture answers it (the member of staff is at the
    // kiosk): banner and chime stop, the visit goes on. The same gesture again opens the area.
    if (helpRequested) {
      sendHelp({ type: 'HELP_ACKNOWLEDGE' });
      return;
    }
    // The staff area starts from the standard display, not the last visitor's settings.
    resetDisplay();
    setStaffOpen(true);
  }, [helpRequested, sendHelp]);
  // The kiosk's clock, read again every minute: opening hours change what the waiting screen shows.
  const [clock, setClock] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setClock(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const site = openingStatus(setup.hours.site, clock);
  // Outside the site's hours (never during a visit: the machine is then past the waiting screen).
  const closed = site.kind === 'closed';
  useEffect(() => {
    document.documentElement.classList.toggle('kiosk-closed', closed);
  }, [closed]);

  useEffect(() => applyLanguage(context.language), [context.language]);

  // The end of a visit (waiting screen, whatever led there) resets the voice and display settings.
  const atAttract = state.matches('attract');
  useEffect(() => {
    if (atAttract) {
      resetSpeech();
      resetDisplay();
    }
    // The main process waits for the end of a visit before its daily restart.
    void call('kiosk:visit', { inVisit: !atAttract });
  }, [atAttract]);

  // Any touch, key or pointer move counts as presence and restarts the idle timer (moves at
  // most once a second: a mouse resting on the screen would otherwise flood the machine).
  useEffect(() => {
    const onActivity = () => send({ type: 'ACTIVITY' });
    let lastMove = 0;
    const onMove = () => {
      const now = performance.now();
      if (now - lastMove < 1000) return;
      lastMove = now;
      onActivity();
    };
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    window.addEventListener('pointermove', onMove, true);
    return () => {
      window.removeEventListener('pointerdown', onActivity, true);
      window.removeEventListener('keydown', onActivity, true);
      window.removeEventListener('pointermove', onMove, true);
    };
  }, [send]);

  // Listening is presence: the machine holds its idle clock while the voice speaks.
  const speaking = useSpeaking();
  useEffect(() => send({ type: 'SPEECH', playing: speaking }), [speaking, send]);

  const screen = (() => {
    if (state.matches('attract') && site.kind === 'closed') return <ClosedScreen languages={setup.enabledLanguages} opensAt={site.opensAt} />;
    if (state.matches('attract')) return <AttractScreen languages={setup.enabledLanguages} onStart={() => send({ type: 'START' })} />;
    if (state.matches('language'))
      return (
        <LanguageScreen
          languages={setup.enabledLanguages}
          onChoose={(language) => send({ type: 'CHOOSE_LANGUAGE', language })}
          onBack={() => send({ type: 'BACK' })}
        />
      );
    if (state.matches({ session: { flow: 'privacy' } }))
      return <PrivacyScreen idleDelayS={setup.idleDelayS} warningDelayS={setup.warningDelayS} onContinue={() => send({ type: 'CONTINUE' })} onBack={() => send({ type: 'BACK' })} />;
    if (state.matches({ session: { flow: 'question' } }) && context.currentQuestion)
      return <QuestionScreen context={context} send={send} />;
    if (state.matches({ session: { flow: 'result' } }))
      return <ResultScreen context={context} directory={setup.directory} hours={setup.hours.places} onFinish={() => send({ type: 'FINISH' })} />;
    if (state.matches('thanks'))
      return (
        <ThanksScreen
          onAgain={() => {
            // "Recommencer" skips the waiting screen: a new person gets the default voice and display too.
            resetSpeech();
            resetDisplay();
            send({ type: 'START' });
          }}
        />
      );
    // saving / abandoning / timedOut are instants between screens.
    return <main className="screen" aria-busy="true" />;
  })();

  if (staffOpen) {
    return (
      <Suspense fallback={<main className="screen" aria-busy="true" />}>
        {/* Closing starts the kiosk afresh for the next visitor, with the new settings (App). */}
        <StaffArea onClose={onStaffClosed} />
      </Suspense>
    );
  }

  const warning = state.matches({ session: { idle: 'warning' } }) || state.matches({ language: 'warning' });
  // Which screen is shown (not the idle timer's state): a new key moves the focus to its heading.
  const screenKey = state.matches({ session: { flow: 'question' } })
    ? `question:${context.currentQuestion ?? ''}`
    : ((['attract', 'language', 'thanks'] as const).find((name) => state.matches(name)) ??
      (['privacy', 'saving', 'result'] as const).find((name) => state.matches({ session: { flow: name } })) ??
      JSON.stringify(state.value));
  return (
    <KioskFrame
      screenKey={screenKey}
      onStaffGesture={onStaffGesture}
      help={{ requested: helpRequested, promise: setup.help.promise, onRequest: requestHelp, onCancel: cancelHelp }}
    >
      {screen}
      {warning ? <StillThereDialog seconds={Math.round((delayOverride('warning') ?? setup.warningDelayS * 1000) / 1000)} onContinue={() => send({ type: 'STILL_HERE' })} /> : null}
    </KioskFrame>
  );
}
