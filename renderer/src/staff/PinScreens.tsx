/** Entering the staff area: set the PIN at first start, or type it (with lockout messages). */
import { useEffect, useState } from 'react';
import { NewPinScreen } from './NewPinScreen';
import { PinPad } from './PinPad';
import { useStaffCall } from './staffApi';
import { useStaffText } from './text';
import { useFocusHeading } from './useFocusHeading';

function useCountdown(seconds: number): number {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    setLeft(seconds);
    if (seconds <= 0) return;
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(remaining);
      if (remaining === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [seconds]);
  return left;
}

export function UnlockScreen({ retryAfterS, onUnlocked, onCancel, onUseRecoveryCode }: { retryAfterS: number; onUnlocked(): void; onCancel(): void; onUseRecoveryCode(): void }) {
  const { t } = useStaffText();
  const call = useStaffCall();
  const heading = useFocusHeading();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [lockS, setLockS] = useState(retryAfterS);
  const left = useCountdown(lockS);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (pin.length === 0) return;
    setBusy(true);
    const response = await call('staff:unlock', { pin });
    setBusy(false);
    setPin('');
    if (!response.ok) return setMessage(t(`errors.${response.error.code}`));
    const result = response.value;
    if (result.ok) return onUnlocked();
    if (result.reason === 'noPin') return onCancel();
    if (result.reason === 'wrongPin' && result.retryAfterS === 0) return setMessage(t('staff.pin.wrong', { count: result.attemptsLeft }));
    setLockS(result.retryAfterS);
    setMessage(t('staff.pin.lockedOut'));
  };

  return (
    <main className="staff-screen staff-screen--narrow" aria-labelledby="staff-unlock-title">
      <h1 id="staff-unlock-title" ref={heading} tabIndex={-1}>
        {t('staff.pin.unlockTitle')}
      </h1>
      <PinPad label={t('staff.pin.label')} value={pin} onChange={setPin} onSubmit={() => void submit()} submitLabel={t('staff.pin.open')} disabled={busy || left > 0} describedBy="staff-unlock-message" />
      <p id="staff-unlock-message" role="status" className="staff-message">
        {left > 0 ? t('staff.pin.waitSeconds', { count: left }) : (message ?? '')}
      </p>
      {/* The recovery code opens the area whatever the lockout. */}
      <button type="button" className="button" onClick={onUseRecoveryCode}>
        {t('staff.recovery.useCode')}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t('staff.backToKiosk')}
      </button>
    </main>
  );
}

export function FirstPinScreen({ onDone, onCancel }: { onDone(recoveryCode: string): void; onCancel(): void }) {
  const { t } = useStaffText();
  const call = useStaffCall();
  const save = async (pin: string): Promise<string | null> => {
    const response = await call('staff:set-first-pin', { pin });
    if (!response.ok) return t(`errors.${response.error.code}`);
    if (!response.value.ok) return t(response.value.reason === 'recoveryRequired' ? 'staff.recovery.requiredHelp' : 'staff.pin.alreadySet');
    onDone(response.value.recoveryCode);
    return null;
  };
  return <NewPinScreen id="staff-first" title={t('staff.pin.firstTitle')} save={save} onCancel={onCancel} />;
}
