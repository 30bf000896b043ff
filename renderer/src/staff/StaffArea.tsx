/**
 * The staff area, loaded on demand (a separate chunk with the chart library and its styles,
 * never fetched while citizens use the kiosk). Reached from the kiosk header by five taps on
 * "Repères" within three seconds (docs/guide-personnel.md), then the PIN.
 *
 * The lock itself is enforced by the main process; this component follows it: a
 * 'staffLocked' answer brings the PIN screen back. The area also closes itself after
 * STAFF_IDLE_MS without a touch or key, like the main process does.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { StaffAuthStatus } from '../../../shared/staff/types';
import { call } from '../api';
import { DashboardScreen } from './DashboardScreen';
import { DirectoryScreen } from './DirectoryScreen';
import { ExportScreen } from './ExportScreen';
import { LogsScreen } from './LogsScreen';
import { PacksScreen } from './PacksScreen';
import { FirstPinScreen, UnlockScreen } from './PinScreens';
import { RecoverScreen, RecoveryCodeShown, ResetPinScreen } from './RecoveryScreens';
import { PinChangeScreen } from './PinChangeScreen';
import { SettingsScreen } from './SettingsScreen';
import { StaffCallContext, makeStaffCall } from './staffApi';
import { StatusScreen } from './StatusScreen';
import { useStaffText } from './text';
import './staff.css';

/** Same as the main process's default (electron/services/staff-auth.ts). */
export const STAFF_IDLE_MS = 5 * 60_000;
const KEEP_ALIVE_EVERY_MS = 60_000;

export const STAFF_SCREENS = ['status', 'dashboard', 'settings', 'directory', 'packs', 'export', 'logs', 'pin'] as const;
export type StaffScreen = (typeof STAFF_SCREENS)[number];

type Gate =
  | { kind: 'loading' }
  | { kind: 'firstPin' }
  | { kind: 'unlock'; retryAfterS: number }
  | { kind: 'recover'; required: boolean }
  | { kind: 'resetPin' }
  | { kind: 'showCode'; code: string }
  | { kind: 'open' };

export default function StaffArea({ onClose }: { onClose(): void }) {
  const { t, lng } = useStaffText();
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });
  const [screen, setScreen] = useState<StaffScreen>('status');
  const [quitMessage, setQuitMessage] = useState('');

  const refreshGate = useCallback(async () => {
    const response = await call('staff:status', undefined);
    if (!response.ok) return setGate({ kind: 'unlock', retryAfterS: 0 });
    const status: StaffAuthStatus = response.value;
    if (status.recoveryRequired && !status.canResetPin) setGate({ kind: 'recover', required: true });
    else if (status.canResetPin && (status.recoveryRequired || !status.pinSet)) setGate({ kind: 'resetPin' });
    else if (!status.pinSet) setGate({ kind: 'firstPin' });
    else if (status.unlocked) setGate({ kind: 'open' });
    else setGate({ kind: 'unlock', retryAfterS: status.retryAfterS });
  }, []);

  useEffect(() => {
    void refreshGate();
  }, [refreshGate]);

  const staffCall = useMemo(() => makeStaffCall(() => setGate({ kind: 'unlock', retryAfterS: 0 })), []);

  const close = useCallback(async () => {
    await call('staff:lock', undefined);
    onClose();
  }, [onClose]);

  // Inactivity: close after STAFF_IDLE_MS; while staff are active, tell the main process now and then.
  const lastKeepAlive = useRef(0);
  useEffect(() => {
    let timer = setTimeout(() => void close(), STAFF_IDLE_MS);
    const onActivity = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void close(), STAFF_IDLE_MS);
      if (gate.kind === 'open' && Date.now() - lastKeepAlive.current > KEEP_ALIVE_EVERY_MS) {
        lastKeepAlive.current = Date.now();
        void staffCall('staff:keep-alive', undefined);
      }
    };
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', onActivity, true);
      window.removeEventListener('keydown', onActivity, true);
    };
  }, [close, gate.kind, staffCall]);

  const quit = async () => {
    const response = await staffCall('staff:quit', undefined);
    setQuitMessage(response.ok && response.value.quitting ? t('staff.quit.quitting') : t('staff.quit.unavailable'));
  };

  let content;
  if (gate.kind === 'loading') content = <main className="staff-screen" aria-busy="true" />;
  else if (gate.kind === 'firstPin') content = <FirstPinScreen onDone={(code) => setGate({ kind: 'showCode', code })} onCancel={onClose} />;
  else if (gate.kind === 'unlock')
    content = <UnlockScreen retryAfterS={gate.retryAfterS} onUnlocked={() => setGate({ kind: 'open' })} onCancel={onClose} onUseRecoveryCode={() => setGate({ kind: 'recover', required: false })} />;
  else if (gate.kind === 'recover') content = <RecoverScreen required={gate.required} onRecovered={() => setGate({ kind: 'resetPin' })} onCancel={onClose} />;
  else if (gate.kind === 'resetPin') content = <ResetPinScreen onDone={() => setGate({ kind: 'open' })} />;
  else if (gate.kind === 'showCode') content = <RecoveryCodeShown code={gate.code} onDone={() => setGate({ kind: 'open' })} />;
  else {
    const screens: Record<StaffScreen, React.ReactNode> = {
      status: <StatusScreen onGoToExport={() => setScreen('export')} />,
      dashboard: <DashboardScreen />,
      settings: <SettingsScreen />,
      directory: <DirectoryScreen />,
      packs: <PacksScreen />,
      export: <ExportScreen />,
      logs: <LogsScreen />,
      pin: <PinChangeScreen />,
    };
    content = (
      <div className="staff-layout">
        <nav className="staff-nav" aria-label={t('staff.nav.label')}>
          <ul>
            {STAFF_SCREENS.map((id) => (
              <li key={id}>
                <button type="button" className="button staff-nav__item" aria-current={screen === id ? 'page' : undefined} onClick={() => setScreen(id)}>
                  {t(`staff.nav.${id}`)}
                </button>
              </li>
            ))}
          </ul>
          <div className="staff-nav__end">
            <button type="button" className="button button--primary" onClick={() => void close()}>
              {t('staff.close')}
            </button>
            <button type="button" className="button" onClick={() => void quit()}>
              {t('staff.quit.button')}
            </button>
            <p role="status" className="staff-message">
              {quitMessage}
            </p>
          </div>
        </nav>
        {/* key: each screen mounts afresh, so its heading takes focus. */}
        <div className="staff-content" key={screen}>
          {screens[screen]}
        </div>
      </div>
    );
  }

  return (
    <StaffCallContext.Provider value={staffCall}>
      <div className="staff" lang={lng} dir="ltr">
        <header className="staff-bar">
          <span className="staff-bar__brand">{t('staff.title')}</span>
        </header>
        {content}
      </div>
    </StaffCallContext.Provider>
  );
}
