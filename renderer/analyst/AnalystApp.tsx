/**
 * The analyst window: import, dashboard, publication and the kiosk registry, one at a time.
 * Everything it shows comes from the main process, already checked and protected.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalystLanguage } from '../../shared/analyst/texts';
import type { AnalystOverview } from '../../shared/analyst/types';
import { call } from './api';
import { DashboardScreen } from './DashboardScreen';
import { setAnalystLanguage } from './i18n';
import { ImportScreen } from './ImportScreen';
import { KiosksScreen } from './KiosksScreen';
import { PackScreen } from './PackScreen';
import { PublishScreen } from './PublishScreen';

const TABS = ['import', 'dashboard', 'publish', 'kiosks', 'pack'] as const;
type Tab = (typeof TABS)[number];

export function AnalystApp() {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<Tab | null>(null);
  const [overview, setOverview] = useState<AnalystOverview | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const response = await call('analyst:overview', undefined);
    if (response.ok) {
      setOverview(response.value);
      setError(null);
      return response.value;
    }
    setError(response.error.code);
    return null;
  }, []);

  useEffect(() => {
    void refresh().then((o) => setTab((current) => current ?? (o && o.bundles > 0 ? 'dashboard' : 'import')));
  }, [refresh]);

  const lng = (i18n.language === 'en' ? 'en' : 'fr') as AnalystLanguage;
  return (
    <div className="analyst">
      <header className="analyst-header">
        <div>
          <h1>{t('app.title')}</h1>
          <p className="analyst-subtitle">{t('app.subtitle')}</p>
        </div>
        <div role="group" aria-label={t('app.language')} className="analyst-languages">
          {(['fr', 'en'] as const).map((code) => (
            <button key={code} type="button" aria-pressed={lng === code} lang={code} onClick={() => setAnalystLanguage(code)}>
              {code === 'fr' ? 'Français' : 'English'}
            </button>
          ))}
        </div>
      </header>
      <nav aria-label={t('app.title')} className="analyst-nav">
        {TABS.map((id) => (
          <button key={id} type="button" data-tab={id} aria-current={tab === id ? 'page' : undefined} onClick={() => setTab(id)}>
            {t(`app.nav.${id}`)}
          </button>
        ))}
      </nav>
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}
      <main className="analyst-main">
        {tab === 'import' ? <ImportScreen onImported={() => void refresh()} /> : null}
        {tab === 'dashboard' ? <DashboardScreen overview={overview} lng={lng} /> : null}
        {tab === 'publish' ? <PublishScreen /> : null}
        {tab === 'kiosks' ? <KiosksScreen overview={overview} onChanged={() => void refresh()} /> : null}
        {tab === 'pack' ? <PackScreen /> : null}
      </main>
    </div>
  );
}
