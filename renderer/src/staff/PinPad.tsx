/**
 * A PIN field with its own number pad: kiosks often have a touch screen and no keyboard.
 * The field also takes typed digits (a plugged-in keyboard, or a switch user's).
 */
import { useId, type FormEvent } from 'react';
import { PIN_MAX_LENGTH } from '../../../shared/staff/pin';
import { useStaffText } from './text';

interface Props {
  label: string;
  value: string;
  onChange(value: string): void;
  onSubmit(): void;
  submitLabel: string;
  disabled?: boolean;
  describedBy?: string;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function PinPad({ label, value, onChange, onSubmit, submitLabel, disabled = false, describedBy }: Props) {
  const { t } = useStaffText();
  const id = useId();
  const add = (digit: string) => {
    if (!disabled && value.length < PIN_MAX_LENGTH) onChange(value + digit);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!disabled) onSubmit();
  };
  return (
    <form className="staff-pin" onSubmit={submit}>
      <label htmlFor={id} className="staff-field__label">
        {label}
      </label>
      <input
        id={id}
        className="staff-input staff-pin__input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_MAX_LENGTH}
        value={value}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, PIN_MAX_LENGTH))}
      />
      <div className="staff-pin__pad" role="group" aria-label={t('staff.pin.pad')}>
        {DIGITS.map((d) => (
          <button key={d} type="button" className="button staff-pin__key" onClick={() => add(d)} disabled={disabled}>
            {d}
          </button>
        ))}
        <button type="button" className="button staff-pin__key" onClick={() => onChange(value.slice(0, -1))} disabled={disabled} aria-label={t('staff.pin.erase')}>
          ⌫
        </button>
        <button type="button" className="button staff-pin__key" onClick={() => add('0')} disabled={disabled}>
          0
        </button>
        <button type="submit" className="button button--primary staff-pin__key" disabled={disabled}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
