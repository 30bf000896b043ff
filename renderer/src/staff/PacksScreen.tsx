/**
 * Configuration packs from the agglomeration: the key this kiosk trusts (read once from the
 * installation stick, its fingerprint compared with the printed one), the pack applied now,
 * reading a pack from a USB stick with what it would change, applying it, and rolling back.
 */
import { useState } from 'react';
import type { SettingChange } from '../../../shared/pack/changes';
import type { PackReadOutcome, TrustReadOutcome } from '../../../shared/pack/types';
import { useStaffCall } from './staffApi';
import { useStaffData } from './useStaffData';
import { formatDay, useStaffText } from './text';
import { useFocusHeading } from './useFocusHeading';

export function PacksScreen() {
  const { t, lng } = useStaffText();
  const heading = useFocusHeading();
  const call = useStaffCall();
  const { data: status, error, reload } = useStaffData('staff:packs');
  const [read, setRead] = useState<PackReadOutcome | null>(null);
  const [trust, setTrust] = useState<TrustReadOutcome | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  /** Replacing a trusted key asks for the staff PIN again. */
  const [pin, setPin] = useState('');

  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    setMessage('');
    try {
      await task();
    } finally {
      setBusy(false);
    }
  };

  const change = (c: SettingChange) =>
    c.key === 'directory'
      ? t('staff.packs.directoryChange', { before: c.before, after: c.after, added: c.added.length, removed: c.removed.length, changed: c.changed.length })
      : t('staff.packs.settingChange', { setting: t(`staff.packs.setting.${c.key}`, { defaultValue: c.key }), before: c.before || '—', after: c.after || '—' });

  return (
    <main className="staff-screen" aria-labelledby="staff-packs-title" aria-busy={status === null && error === null}>
      <h1 id="staff-packs-title" ref={heading} tabIndex={-1}>
        {t('staff.packs.title')}
      </h1>
      <p>{t('staff.packs.intro')}</p>
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}
      {status ? (
        <dl className="staff-facts">
          <div>
            <dt>{t('staff.packs.trustedKey')}</dt>
            <dd data-testid="trusted-key">{status.trustedKeyFingerprint ?? t('staff.packs.noKey')}</dd>
          </div>
          <div>
            <dt>{t('staff.packs.current')}</dt>
            <dd data-testid="current-pack">{status.current ? t('staff.packs.packValue', { sequence: status.current.sequence, date: formatDay(status.current.appliedDay, lng), description: status.current.description }) : t('staff.packs.none')}</dd>
          </div>
        </dl>
      ) : null}

      <section aria-labelledby="staff-trust-title">
        <h2 id="staff-trust-title">{t('staff.packs.trustTitle')}</h2>
        <p>{t('staff.packs.trustHelp')}</p>
        <button type="button" className="button" disabled={busy} onClick={() => void run(async () => {
          const response = await call('staff:pack-trust-read', undefined);
          if (!response.ok) return setMessage(t(`errors.${response.error.code}`));
          setTrust(response.value);
          if (!response.value.ok) setMessage(t(`staff.packs.trustReason.${response.value.reason}`));
        })}>
          {t('staff.packs.readKey')}
        </button>
        {trust?.ok ? (
          <div className="staff-panel">
            <p>{t('staff.packs.fingerprint', { issuer: trust.issuer })}</p>
            <p className="staff-recovery-code" dir="ltr">{trust.fingerprint}</p>
            {trust.replaces ? (
              <>
                <p className="staff-warning">{t('staff.packs.replaces', { old: trust.replaces })}</p>
                <label htmlFor="staff-trust-pin">{t('staff.pin.currentLabel')}</label>
                <input id="staff-trust-pin" className="staff-input staff-input--short" type="password" inputMode="numeric" autoComplete="off" value={pin} maxLength={12} onChange={(e) => setPin(e.target.value)} />
              </>
            ) : null}
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(async () => {
              const response = await call('staff:pack-trust', { publicKey: trust.publicKey, ...(trust.replaces ? { currentPin: pin || '0' } : {}) });
              setPin('');
              if (!response.ok) return setMessage(t(`errors.${response.error.code}`));
              setMessage(response.value.ok ? t('staff.packs.trusted') : t(`staff.packs.trustReason.${response.value.reason}`));
              setTrust(null);
              void reload();
            })}>
              {t('staff.packs.trust')}
            </button>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="staff-read-title">
        <h2 id="staff-read-title">{t('staff.packs.readTitle')}</h2>
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(async () => {
          const response = await call('staff:pack-read', undefined);
          if (!response.ok) return setMessage(t(`errors.${response.error.code}`));
          setRead(response.value);
          if (!response.value.ok) setMessage(t('staff.packs.refused', { reason: t(`staff.packs.reason.${response.value.reason}`) }));
        })}>
          {t('staff.packs.read')}
        </button>
        {read && read.files.length > 0 ? (
          <ul className="staff-list" data-testid="pack-files">
            {read.files.map((f) => (
              <li key={f.fileName}>
                <code>{f.fileName}</code> — {f.refusal === null ? t('staff.packs.fileOk') : t(`staff.packs.reason.${f.refusal}`)}
              </li>
            ))}
          </ul>
        ) : null}
        {read?.ok ? (
          <div className="staff-panel" data-testid="pack-changes">
            <h3>{t('staff.packs.willChange', { sequence: read.pack.sequence, issuer: read.pack.issuer })}</h3>
            {read.pack.description ? <p>{read.pack.description}</p> : null}
            {read.changes.length === 0 ? <p>{t('staff.packs.noChange')}</p> : (
              <ul>
                {read.changes.map((c) => (
                  <li key={c.key}>{change(c)}</li>
                ))}
              </ul>
            )}
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(async () => {
              const response = await call('staff:pack-apply', { token: read.token });
              if (!response.ok) return setMessage(t(`errors.${response.error.code}`));
              setMessage(response.value.ok ? t('staff.packs.applied', { sequence: response.value.sequence }) : t(`staff.packs.applyReason.${response.value.reason}`));
              setRead(null);
              void reload();
            })}>
              {t('staff.packs.apply')}
            </button>
          </div>
        ) : null}
      </section>

      {status?.canRollBack ? (
        <section aria-labelledby="staff-rollback-title">
          <h2 id="staff-rollback-title">{t('staff.packs.rollbackTitle')}</h2>
          <p>{status.previous ? t('staff.packs.rollbackTo', { sequence: status.previous.sequence }) : t('staff.packs.rollbackToNone')}</p>
          <button type="button" className="button" disabled={busy} onClick={() => void run(async () => {
            const response = await call('staff:pack-rollback', undefined);
            if (!response.ok) return setMessage(t(`errors.${response.error.code}`));
            setMessage(response.value.ok ? t('staff.packs.rolledBack') : t(`staff.packs.applyReason.${response.value.reason}`));
            void reload();
          })}>
            {t('staff.packs.rollback')}
          </button>
        </section>
      ) : null}
      <p role="status" className="staff-message" data-testid="packs-message">
        {message}
      </p>
    </main>
  );
}
