/** Entering the staff area: set the PIN at first start, or type it (with lockout messages). */
import { useEffect, useState } from 'react';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../../shared/staff/pin';
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
  const heading = useFocusHeading();
  const [step, setStep] = useState<'choose' | 'confirm'>('choose');
  const [first, setFirst] = useState('');
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');

  const submit = async () => {
    if (step === 'choose') {
      if (pin.length < PIN_MIN_LENGTH) return setMessage(t('staff.pin.tooShort', { min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH }));
      setFirst(pin);
      setPin('');
      setMessage('');
      return setStep('confirm');
    }
    if (pin !== first) {
      setPin('');
      setFirst('');
      setStep('choose');
      return setMessage(t('staff.pin.mismatch'));
    }
    const response = await call('staff:set-first-pin', { pin });
    if (!response.ok) return setMessage(t(`errors.${response.error.code}`));
    if (!response.value.ok) return setMessage(t(response.value.reason === 'recoveryRequired' ? 'staff.recovery.requiredHelp' : 'staff.pin.alreadySet'));
    onDone(response.value.recoveryCode);
  };

  return (
    <main className="staff-screen staff-screen--narrow" aria-labelledby="staff-first-title">
      <h1 id="staff-first-title" ref={heading} tabIndex={-1}>
        {t('staff.pin.firstTitle')}
      </h1>
      <p id="staff-first-help">{t('staff.pin.firstHelp', { min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH })}</p>
      <PinPad
        key={step}
        label={step === 'choose' ? t('staff.pin.newLabel') : t('staff.pin.confirmLabel')}
        value={pin}
        onChange={setPin}
        onSubmit={() => void submit()}
        submitLabel={step === 'choose' ? t('staff.pin.next') : t('staff.pin.save')}
        describedBy="staff-first-help staff-first-message"
      />
      <p id="staff-first-message" role="status" className="staff-message">
        {message}
      </p>
      <button type="button" className="button" onClick={onCancel}>
        {t('staff.backToKiosk')}
      </button>
    </main>
  );
}
