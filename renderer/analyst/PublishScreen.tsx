/** Publication from the window: the same files as `reperes publish`, into a folder the analyst picks. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { K_DEFAULT, K_MAX, K_MIN } from '../../shared/analyst/disclosure';
import type { PublishOutcome } from '../../shared/analyst/types';
import { call } from './api';

export function PublishScreen() {
  const { t } = useTranslation();
  const [k, setK] = useState(K_DEFAULT);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<PublishOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const publish = async () => {
    setBusy(true);
    setError(null);
    const response = await call('analyst:publish', { k });
    setBusy(false);
    if (response.ok) setOutcome(response.value);
    else setError(response.error.code);
  };
  return (
    <section aria-labelledby="publish-title" className="analyst-screen">
      <h2 id="publish-title">{t('publish.title')}</h2>
      <p>{t('publish.intro')}</p>
      <div className="field">
        <label htmlFor="p-k">{t('publish.k')}</label>
        <input id="p-k" type="number" min={K_MIN} max={K_MAX} value={k} onChange={(e) => setK(Math.min(K_MAX, Math.max(K_MIN, Number(e.target.value) || K_DEFAULT)))} />
      </div>
      <button type="button" className="primary" disabled={busy} onClick={() => void publish()}>
        {t('publish.button')}
      </button>
      {busy ? <p role="status">{t('publish.busy')}</p> : null}
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}
      {outcome ? (
        <div role="status" data-testid="publish-outcome">
          {outcome.ok ? (
            <>
              <p>{t('publish.done', { count: outcome.files.length, folder: outcome.folder, rows: outcome.rows, k: outcome.k })}</p>
              <ul>
                {outcome.files.map((f) => (
                  <li key={f.path}>
                    <code>{f.path}</code> ({f.bytes.toLocaleString()} o)
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>
              {t(`publish.failed.${outcome.reason}`)}
              {outcome.detail ? ` (${outcome.detail})` : ''}
            </p>
          )}
        </div>
      ) : null}
    </section>
  );
}
