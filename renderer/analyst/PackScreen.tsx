/**
 * The agglomeration's configuration pack, from the analyst window (as `reperes pack`): the
 * places file in the national « lieux de médiation numérique » format, a description, an
 * optional new recovery code; the signed pack and the public key file written to a folder.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalystPackOutcome, AnalystPackStatus } from '../../shared/pack/types';
import { call } from './api';

export function PackScreen() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AnalystPackStatus | null>(null);
  const [description, setDescription] = useState('');
  const [recoveryCode, setRecoveryCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AnalystPackOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void call('analyst:pack-status', undefined).then((r) => (r.ok ? setStatus(r.value) : setError(r.error.code)));
  }, []);

  const make = async () => {
    setBusy(true);
    setError(null);
    const response = await call('analyst:pack-make', { description, recoveryCode });
    setBusy(false);
    if (!response.ok) return setError(response.error.code);
    setOutcome(response.value);
    if (response.value.ok) setStatus((s) => (s ? { ...s, fingerprint: (response.value as { fingerprint: string }).fingerprint } : s));
  };

  return (
    <section aria-labelledby="pack-title" className="analyst-screen">
      <h2 id="pack-title">{t('pack.title')}</h2>
      <p>{t('pack.intro')}</p>
      <p data-testid="pack-key">{status?.fingerprint ? t('pack.key', { fingerprint: status.fingerprint }) : t('pack.noKey')}</p>
      <div className="field">
        <label htmlFor="pack-description">{t('pack.description')}</label>
        <input id="pack-description" type="text" maxLength={300} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="field">
        <label>
          <input type="checkbox" checked={recoveryCode} onChange={(e) => setRecoveryCode(e.target.checked)} /> {t('pack.recoveryCode')}
        </label>
      </div>
      <button type="button" className="primary" disabled={busy} onClick={() => void make()}>
        {t('pack.button')}
      </button>
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}
      {outcome ? (
        <div role="status" data-testid="pack-outcome">
          {outcome.ok ? (
            <>
              <p>{t('pack.done', { file: outcome.fileName, folder: outcome.folder, places: outcome.places, rows: outcome.rows })}</p>
              <ul>
                {Object.entries(outcome.skipped).map(([reason, n]) => (
                  <li key={reason}>{t(`pack.skipped.${reason}`, { count: n })}</li>
                ))}
                {outcome.unknownColumns.length > 0 ? <li>{t('pack.unknownColumns', { list: outcome.unknownColumns.join(', ') })}</li> : null}
                {outcome.unknownValues.length > 0 ? <li>{t('pack.unknownValues', { list: outcome.unknownValues.join(', ') })}</li> : null}
                {outcome.unreadableHours.length > 0 ? <li>{t('pack.unreadableHours', { list: outcome.unreadableHours.join(', ') })}</li> : null}
                {outcome.recordings > 0 ? <li>{t('pack.audio', { count: outcome.recordings })}</li> : null}
                {outcome.missingSpeechTools.length > 0 ? <li>{t('pack.noAudio', { tools: outcome.missingSpeechTools.join(', ') })}</li> : null}
              </ul>
              <p>{t('pack.fingerprint', { fingerprint: outcome.fingerprint })}</p>
              {outcome.recoveryCode ? <p>{t('pack.recoveryCodeShown', { code: outcome.recoveryCode })}</p> : null}
            </>
          ) : (
            <p>{t(`pack.failed.${outcome.reason}`, { detail: outcome.detail })}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
