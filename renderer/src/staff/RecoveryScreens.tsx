/**
 * The recovery code in the staff area: shown once to be printed (after the first PIN, after
 * a reset, or when staff make a new one), typed to open the area when the PIN is forgotten or
 * locked out (or when the kiosk lost its identity file), then a new PIN without the old one.
 */
import { useState, type FormEvent } from 'react';
import { NewPinScreen } from './NewPinScreen';
import { useStaffCall } from './staffApi';
import { useStaffText } from './text';
import { useFocusHeading } from './useFocusHeading';

/** The code, large and grouped, with a print button; shown once (the kiosk keeps only its hash). */
export function RecoveryCodeShown({ code, onDone }: { code: string; onDone(): void }) {
  const { t } = useStaffText();
  const heading = useFocusHeading();
  return (
    <main className="staff-screen staff-screen--narrow" aria-labelledby="staff-code-title">
      <h1 id="staff-code-title" ref={heading} tabIndex={-1}>
        {t('staff.recovery.shownTitle')}
      </h1>
      <p>{t('staff.recovery.shownHelp')}</p>
      <p className="staff-recovery-code" data-testid="recovery-code" dir="ltr" translate="no">
        {code}
      </p>
      <p>{t('staff.recovery.shownOnce')}</p>
      <div className="staff-actions">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('staff.recovery.print')}
        </button>
        <button type="button" className="button button--primary" onClick={onDone}>
          {t('staff.recovery.stored')}
        </button>
      </div>
    </main>
  );
}

/** Typing the recovery code. `required`: the kiosk lost its identity, the code is the only way in. */
export function RecoverScreen({ required, onRecovered, onCancel }: { required: boolean; onRecovered(): void; onCancel(): void }) {
  const { t } = useStaffText();
  const call = useStaffCall();
  const heading = useFocusHeading();
  const [code, setCode] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (code.trim() === '' || busy) return;
    setBusy(true);
    const response = await call('staff:recover', { code: code.slice(0, 64) });
    setBusy(false);
    if (!response.ok) return setMessage(t(`errors.${response.error.code}`));
    if (response.value.ok) return onRecovered();
    setCode('');
    setMessage(t(`staff.recovery.${response.value.reason}`));
  };

  return (
    <main className="staff-screen staff-screen--narrow" aria-labelledby="staff-recover-title">
      <h1 id="staff-recover-title" ref={heading} tabIndex={-1}>
        {required ? t('staff.recovery.requiredTitle') : t('staff.recovery.title')}
      </h1>
      <p id="staff-recover-help">{required ? t('staff.recovery.requiredHelp') : t('staff.recovery.help')}</p>
      <form onSubmit={(e) => void submit(e)} className="staff-form">
        <label htmlFor="staff-recover-code">{t('staff.recovery.label')}</label>
        <input
          id="staff-recover-code"
          type="text"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          aria-describedby="staff-recover-help staff-recover-message"
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('staff.pin.open')}
        </button>
      </form>
      <p id="staff-recover-message" role="status" className="staff-message">
        {message}
      </p>
      {required ? (
        // No code on paper: the agglomeration can send a signed pack carrying a new one.
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void (async () => {
              setBusy(true);
              const response = await call('staff:recover-with-pack', undefined);
              setBusy(false);
              if (!response.ok) return setMessage(t(`errors.${response.error.code}`));
              setMessage(response.value.ok ? t('staff.recovery.packInstalled') : t('staff.recovery.packRefused', { reason: t(`staff.packs.reason.${response.value.reason}`, { defaultValue: response.value.reason }) }));
            })()
          }
        >
          {t('staff.recovery.fromPack')}
        </button>
      ) : null}
      <button type="button" className="button" onClick={onCancel}>
        {t('staff.backToKiosk')}
      </button>
    </main>
  );
}

/** After the recovery code: a new PIN twice, then the new recovery code (the one typed is spent). */
export function ResetPinScreen({ onDone }: { onDone(): void }) {
  const { t } = useStaffText();
  const call = useStaffCall();
  const [code, setCode] = useState<string | null>(null);
  if (code !== null) return <RecoveryCodeShown code={code} onDone={onDone} />;
  const save = async (pin: string): Promise<string | null> => {
    const response = await call('staff:reset-pin', { newPin: pin });
    if (!response.ok) return t(`errors.${response.error.code}`);
    if (!response.value.ok) return t('staff.recovery.notRecovered');
    setCode(response.value.recoveryCode);
    return null;
  };
  return <NewPinScreen id="staff-reset" title={t('staff.recovery.resetTitle')} save={save} />;
}
