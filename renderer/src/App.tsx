/**
 * The kiosk screen: fetches the site's setup once, then runs the citizen's visit machine and
 * shows the screen its state names. The machine saves through IPC; everything else here is
 * presentation.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskSetup } from '../../shared/ipc/contract';
import { currentQuestionnaire } from '../../shared/questionnaire/current';
import { call } from './api';
import { KioskFlow } from './KioskFlow';
import { requestSetup } from './setup-request';

const readHash = (): string => currentQuestionnaire.hash;

export function App() {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<KioskSetup | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const response = await requestSetup();
      if (cancelled) return;
      if (response.ok) setSetup(response.value);
      else {
        setFailed(true);
        // The main process may still be opening its database: try again shortly.
        setTimeout(() => void load(), 2000);
      }
    };
    void load();
    // Opening hours come as intervals for the next days: fetched again every hour, they stay
    // current even on a kiosk that never restarts (the visit in progress keeps its machine).
    const refresh = setInterval(() => {
      void call('kiosk:get-setup', undefined).then((response) => {
        if (!cancelled && response.ok) setSetup(response.value);
      });
    }, 3600_000);
    return () => {
      cancelled = true;
      clearInterval(refresh);
    };
  }, []);

  const questionnaire = useMemo(() => currentQuestionnaire, []);
  // The questionnaire's hash is stamped on every record but not needed to show the waiting
  // screen: computed once the screen is up and the page idle, so that no visit waits for it.
  useEffect(() => {
    if (!setup) return;
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200));
    idle(() => void readHash());
  }, [setup]);

  // Closing the staff area starts the kiosk afresh for the next visitor, with the settings
  // just saved: a new KioskFlow (new key, fresh visit machine) on a re-read setup. Never by
  // reloading the page: the kiosk window cancels every navigation the page starts, a reload
  // included (electron/security.ts, docs/electron-behaviours.md).
  const [round, setRound] = useState(0);
  const startAfresh = useCallback(async () => {
    const response = await call('kiosk:get-setup', undefined);
    if (response.ok) setSetup(response.value);
    setRound((n) => n + 1);
  }, []);

  if (!setup) {
    return (
      <main className="screen screen--centered" aria-busy="true">
        {failed ? <p role="status">{t('errors.setupUnavailable')}</p> : null}
      </main>
    );
  }
  return <KioskFlow key={round} setup={setup} definition={questionnaire.definition} questionnaireHash={readHash} onStaffClosed={() => void startAfresh()} />;
}
