/** Changing the staff PIN (the current one, then the new one twice), or making a new recovery code. */
import { useState } from 'react';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../../shared/staff/pin';
import { PinPad } from './PinPad';
import { RecoveryCodeShown } from './RecoveryScreens';
import { useStaffCall } from './staffApi';
import { useStaffText } from './text';
import { useFocusHeading } from './useFocusHeading';

type Step = 'current' | 'new' | 'confirm' | 'recovery';

export function PinChangeScreen() {
  const { t } = useStaffText();
  const heading = useFocusHeading();
  const call = useStaffCall();
  const [step, setStep] = useState<Step>('current');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState('');
  const [code, setCode] = useState<string | null>(null);

  const restart = (text: string) => {
    setStep('current');
    setCurrent('');
    setNext('');
    setPin('');
    setMessage(text);
  };

  const submit = async () => {
    if (step === 'recovery') {
      const response = await call('staff:new-recovery-code', { currentPin: pin });
      if (!response.ok) return restart(t(`errors.${response.error.code}`));
      const result = response.value;
      if (result.ok) return setCode(result.recoveryCode);
      if (result.reason === 'wrongPin' && result.retryAfterS === 0) return restart(t('staff.pin.wrong', { count: result.attemptsLeft }));
      return restart(t('staff.pin.lockedOut'));
    }
    if (step === 'current') {
      setCurrent(pin);
      setPin('');
      setMessage('');
      return setStep('new');
    }
    if (step === 'new') {
      if (pin.length < PIN_MIN_LENGTH) return setMessage(t('staff.pin.tooShort', { min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH }));
      setNext(pin);
      setPin('');
      setMessage('');
      return setStep('confirm');
    }
    if (pin !== next) return restart(t('staff.pin.mismatch'));
    const response = await call('staff:change-pin', { currentPin: current, newPin: next });
    if (!response.ok) return restart(t(`errors.${response.error.code}`));
    const result = response.value;
    if (result.ok) return restart(t('staff.pin.changed'));
    if (result.reason === 'wrongPin' && result.retryAfterS === 0) return restart(t('staff.pin.wrong', { count: result.attemptsLeft }));
    restart(t('staff.pin.lockedOut'));
  };

  if (code !== null) {
    return (
      <RecoveryCodeShown
        code={code}
        onDone={() => {
          setCode(null);
          restart(t('staff.recovery.renewed'));
        }}
      />
    );
  }

  const labels: Record<Step, string> = { current: t('staff.pin.currentLabel'), new: t('staff.pin.newLabel'), confirm: t('staff.pin.confirmLabel'), recovery: t('staff.pin.currentLabel') };
  return (
    <main className="staff-screen staff-screen--narrow" aria-labelledby="staff-pin-title">
      <h1 id="staff-pin-title" ref={heading} tabIndex={-1}>
        {step === 'recovery' ? t('staff.recovery.renewTitle') : t('staff.pin.changeTitle')}
      </h1>
      <p id="staff-pin-help">{t('staff.pin.firstHelp', { min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH })}</p>
      <PinPad key={step} label={labels[step]} value={pin} onChange={setPin} onSubmit={() => void submit()} submitLabel={step === 'confirm' || step === 'recovery' ? t('staff.pin.save') : t('staff.pin.next')} describedBy="staff-pin-help staff-pin-message" />
      <p id="staff-pin-message" role="status" className="staff-message">
        {message}
      </p>
      {step === 'recovery' ? (
        <button type="button" className="button" onClick={() => restart('')}>
          {t('staff.pin.changeTitle')}
        </button>
      ) : (
        <section aria-labelledby="staff-renew-title">
          <h2 id="staff-renew-title">{t('staff.recovery.renewTitle')}</h2>
          <p>{t('staff.recovery.renewHelp')}</p>
          <button
            type="button"
            className="button"
            onClick={() => {
              restart('');
              setStep('recovery');
            }}
          >
            {t('staff.recovery.renew')}
          </button>
        </section>
      )}
    </main>
  );
}
