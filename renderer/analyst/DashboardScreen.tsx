/**
 * The territory dashboard: filters (site, commune, age band, period, threshold k), what the
 * selection covers, then every panel. Figures arrive protected from the main process.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_ROWS, COMMUNE_ROWS } from '../../shared/analyst/dashboard';
import { K_DEFAULT, K_MAX, K_MIN } from '../../shared/analyst/disclosure';
import { codeName, type AnalystLanguage } from '../../shared/analyst/texts';
import { COMPLETION_CHOICES, DEFAULT_COMPLETION, NO_FILTERS, type AnalystDashboard, type AnalystOverview, type CompletionChoice, type DashboardFilters } from '../../shared/analyst/types';
import { call } from './api';
import { PanelView } from './PanelView';

export function DashboardScreen({ overview, lng }: { overview: AnalystOverview | null; lng: AnalystLanguage }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<DashboardFilters>(NO_FILTERS);
  const [k, setK] = useState(K_DEFAULT);
  const [data, setData] = useState<AnalystDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (f: DashboardFilters, threshold: number) => {
    const response = await call('analyst:dashboard', { filters: f, k: threshold });
    if (response.ok) {
      setData(response.value);
      setError(null);
    } else setError(response.error.code);
  }, []);

  useEffect(() => {
    void load(NO_FILTERS, K_DEFAULT);
  }, [load]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(filters, k);
  };
  const set = (key: keyof DashboardFilters) => (value: string) => setFilters((f) => ({ ...f, [key]: value === '' ? null : value }));
  const communes = [...COMMUNE_ROWS.filter((c) => c.startsWith('C'))].sort((a, b) => codeName(lng, 'commune', a).localeCompare(codeName(lng, 'commune', b), lng));
  const months = overview?.months ?? [];

  return (
    <section aria-labelledby="dashboard-title" className="analyst-screen">
      <h2 id="dashboard-title">{t('dashboard.title')}</h2>
      <form className="filters" onSubmit={submit} aria-label={t('dashboard.filters')}>
        <Select id="f-site" label={t('dashboard.site')} value={filters.site} onChange={set('site')} options={(overview?.sites ?? []).map((s) => [s.code, `${s.code}${s.name ? ` — ${s.name}` : ''}`])} all={t('dashboard.all')} />
        <Select id="f-commune" label={t('dashboard.commune')} value={filters.commune} onChange={set('commune')} options={[...communes, 'OUTSIDE'].map((c) => [c, codeName(lng, 'commune', c)])} all={t('dashboard.all')} />
        <Select id="f-age" label={t('dashboard.ageBand')} value={filters.ageBand} onChange={set('ageBand')} options={AGE_ROWS.map((c) => [c, codeName(lng, 'ageBand', c)])} all={t('dashboard.all')} />
        <Select id="f-from" label={t('dashboard.from')} value={filters.from} onChange={set('from')} options={months.map((m) => [m, m])} all={t('dashboard.all')} />
        <Select id="f-to" label={t('dashboard.to')} value={filters.to} onChange={set('to')} options={months.map((m) => [m, m])} all={t('dashboard.all')} />
        <div className="field">
          <label htmlFor="f-completion">{t('dashboard.completion')}</label>
          <select
            id="f-completion"
            value={filters.completion ?? DEFAULT_COMPLETION}
            onChange={(e) => setFilters((f) => ({ ...f, completion: e.target.value as CompletionChoice }))}
          >
            {COMPLETION_CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(`dashboard.completionChoice.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-k">{t('dashboard.k')}</label>
          <input id="f-k" type="number" min={K_MIN} max={K_MAX} value={k} onChange={(e) => setK(Math.min(K_MAX, Math.max(K_MIN, Number(e.target.value) || K_DEFAULT)))} />
        </div>
        <div className="field field--buttons">
          <button type="submit" className="primary">
            {t('dashboard.apply')}
          </button>
          <button
            type="button"
            onClick={() => {
              setFilters(NO_FILTERS);
              void load(NO_FILTERS, k);
            }}
          >
            {t('dashboard.reset')}
          </button>
        </div>
      </form>
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}
      {data && data.coverage.bundles === 0 ? <p>{t('dashboard.empty')}</p> : null}
      {data && data.coverage.bundles > 0 ? (
        <div aria-live="polite">
          <p data-testid="coverage">
            {t('dashboard.coverage', {
              bundles: data.coverage.bundles,
              kiosks: data.coverage.kiosks,
              sessions: data.coverage.sessions === null ? t('dashboard.hidden') : data.coverage.sessions.toLocaleString(lng),
              from: data.coverage.from ?? '—',
              to: data.coverage.to ?? '—',
            })}
          </p>
          {data.coverage.straddling > 0 ? <p>{t('dashboard.straddling', { count: data.coverage.straddling })}</p> : null}
          <p className="note" data-testid="completion-note">
            {t(`dashboard.completionNote.${data.completion}`)}
          </p>
          <p className="note">{t('dashboard.unknownNote')}</p>
          <p className="note">{t('dashboard.suppressedNote', { k: data.k })}</p>
          {data.panels.map((panel) => (
            <PanelView key={panel.id} panel={panel} k={data.k} lng={lng} />
          ))}
        </div>
      ) : null}
    </section>
  );
}

function Select({ id, label, value, onChange, options, all }: { id: string; label: string; value: string | null; onChange: (v: string) => void; options: [string, string][]; all: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
