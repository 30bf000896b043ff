/**
 * Choosing a new PIN, typed twice: at first start and after the recovery code. One screen for
 * both, so that the length rule, the mismatch message and the focus behaviour cannot drift
 * apart between the two ways in.
 */
import { useState } from 'react';
import { PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../../shared/staff/pin';
import { PinPad } from './PinPad';
import { useStaffText } from './text';
import { useFocusHeading } from './useFocusHeading';

export function NewPinScreen({ id, title, save, onCancel }: {
  /** Prefix of the element ids (labels and descriptions must stay unique on the page). */
  id: string;
  title: string;
  /** Stores the confirmed PIN; resolves to a message to show when it could not. */
  save(pin: string): Promise<string | null>;
  onCancel?(): void;
}) {
  const { t } = useStaffText();
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
    const refused = await save(pin);
    if (refused !== null) setMessage(refused);
  };

  return (
    <main className="staff-screen staff-screen--narrow" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p id={`${id}-help`}>{t('staff.pin.firstHelp', { min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH })}</p>
      <PinPad
        key={step}
        label={step === 'choose' ? t('staff.pin.newLabel') : t('staff.pin.confirmLabel')}
        value={pin}
        onChange={setPin}
        onSubmit={() => void submit()}
        submitLabel={step === 'choose' ? t('staff.pin.next') : t('staff.pin.save')}
        describedBy={`${id}-help ${id}-message`}
      />
      <p id={`${id}-message`} role="status" className="staff-message">
        {message}
      </p>
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel}>
          {t('staff.backToKiosk')}
        </button>
      ) : null}
    </main>
  );
}
