/**
 * One dashboard panel: title, what it counts, how the period applies, its chart and, always,
 * its data table (the chart's text alternative). Hidden figures show "s" whatever their value.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { illectronismeComparison, type Figure } from '../../shared/analyst/comparison';
import { formatInterval, formatPercent } from '../../shared/analyst/format';
import { percent1 } from '../../shared/analyst/rates';
import { FRANCE_15_PLUS_2021, INSEE_ILLECTRONISME_2021, referenceLabel, standardLabel } from '../../shared/analyst/references';
import { codeName, dimensionName, type AnalystLanguage } from '../../shared/analyst/texts';
import type { Panel, PanelTable } from '../../shared/analyst/types';
import { CommuneMap } from './CommuneMap';
import { PanelChart, type ChartSpec } from './PanelChart';

function names(lng: AnalystLanguage, axis: PanelTable['rows']): string[] {
  return axis.codes.map((c) => (axis.dimension === 'month' ? c : codeName(lng, axis.dimension, c)));
}

function chartFor(panel: Panel, lng: AnalystLanguage, shareLabel: string, localLabel: string, referenceName: string): ChartSpec | null {
  const t = panel.table;
  if (!t) return null;
  const rows = names(lng, t.rows);
  const byColumn = () => t.columns.codes.map((c, j) => ({ label: codeName(lng, t.columns.dimension, c), values: t.cells.map((r) => r[j] ?? null) }));
  switch (panel.id) {
    case 'participation':
      return { type: 'bar', labels: rows, series: byColumn(), stacked: true };
    case 'abandonment':
      return { type: 'bar', labels: rows, series: byColumn(), horizontal: true };
    case 'dsi':
    case 'autonomy':
      return { type: 'bar', labels: rows, series: byColumn(), stacked: true, horizontal: true };
    case 'illectronisme':
      return {
        type: 'bar',
        labels: rows,
        series: [
          { label: localLabel, values: panel.rowShares ?? [] },
          { label: referenceName, values: t.rows.codes.map((c) => INSEE_ILLECTRONISME_2021.byAgeBand[c]?.percent ?? null) },
        ],
        horizontal: true,
        percent: true,
      };
    case 'illectronismeTrend':
      return { type: 'line', labels: rows, series: [{ label: shareLabel, values: panel.rowShares ?? [] }], percent: true };
    case 'needs':
    case 'barriers':
    case 'recommendations':
      return { type: 'bar', labels: rows, series: [{ label: shareLabel, values: panel.rowShares ?? [] }], horizontal: true, percent: true };
    case 'declaredObserved':
      return { type: 'bar', labels: rows, series: byColumn(), stacked: true, horizontal: true };
    case 'communes':
      return null;
  }
}

export function PanelView({ panel, k, lng }: { panel: Panel; k: number; lng: AnalystLanguage }) {
  const { t } = useTranslation();
  const id = `panel-${panel.id}`;
  const reference = t('dashboard.reference', { year: INSEE_ILLECTRONISME_2021.year });
  const spec = useMemo(() => chartFor(panel, lng, t('dashboard.share'), t('dashboard.localShare'), reference), [panel, lng, t, reference]);
  return (
    <section className="panel" aria-labelledby={id} data-panel={panel.id}>
      <h3 id={id}>{t(`dashboard.panel.${panel.id}.title`)}</h3>
      <p>{t(`dashboard.panel.${panel.id}.description`)}</p>
      {panel.status === 'unavailable' ? (
        <p className="panel-unavailable" data-testid="unavailable">
          {t('dashboard.unavailable', { filters: panel.blockedBy.map((f) => t(`dashboard.filterName.${f}`)).join(', ') })}
        </p>
      ) : (
        <>
          <p className="panel-period">{t(panel.period === 'months' ? 'dashboard.periodMonths' : 'dashboard.periodWhole')}</p>
          {panel.leftOutVersions && panel.leftOutVersions.length > 0 ? (
            <p className="panel-versions" data-testid="left-out-versions">
              {t('dashboard.leftOutVersions', { versions: panel.leftOutVersions.join(', ') })}
            </p>
          ) : null}
          {panel.id === 'illectronisme' ? <ReferenceBox panel={panel} lng={lng} /> : null}
          {panel.id === 'communes' && panel.table ? (
            <CommuneMap rates={new Map(panel.table.rows.codes.map((c, i) => [c.slice(1), panel.ratesPer1000?.[i] ?? null]))} selected={panel.table.rows.codes.length === 1 ? (panel.table.rows.codes[0] as string) : null} />
          ) : null}
          {spec ? <PanelChart spec={spec} /> : null}
          {panel.table ? <DataTable panel={panel} table={panel.table} k={k} lng={lng} /> : null}
        </>
      )}
    </section>
  );
}

function figureText(t: (key: string) => string, lng: AnalystLanguage, f: Figure): { value: string; interval: string } {
  if (f.status !== 'ok') {
    const mark = t(f.status === 'secret' ? 'dashboard.hidden' : 'dashboard.notAvailable');
    return { value: mark, interval: mark };
  }
  return { value: formatPercent(lng, f.share ?? percent1(f.interval.estimate)), interval: formatInterval(lng, percent1(f.interval.low), percent1(f.interval.high)) };
}

/** Local illectronisme, crude and age-standardised with their 95 % intervals, beside France's. */
function ReferenceBox({ panel, lng }: { panel: Panel; lng: AnalystLanguage }) {
  const { t } = useTranslation();
  const ref = INSEE_ILLECTRONISME_2021;
  const comparison = panel.table ? illectronismeComparison(panel.table) : null;
  const crude = comparison ? figureText(t, lng, comparison.crude) : null;
  const standardised = comparison ? figureText(t, lng, comparison.standardised) : null;
  const std = FRANCE_15_PLUS_2021;
  return (
    <div className="reference-box" data-testid="reference">
      <p className="reference-warning" data-testid="not-random-sample">
        <strong>{t('dashboard.notRandomSample')}</strong>
      </p>
      <p>
        <strong>{t('dashboard.localShare')}</strong> — {t('dashboard.crudeShare')} : <span data-testid="local-share">{crude?.value ?? t('dashboard.hidden')}</span> ({t('dashboard.interval')} <span data-testid="local-interval">{crude?.interval ?? ''}</span>) ; {t('dashboard.standardisedShare')} : <span data-testid="standardised-share">{standardised?.value ?? ''}</span> ({t('dashboard.interval')} <span data-testid="standardised-interval">{standardised?.interval ?? ''}</span>) —{' '}
        <strong>{t('dashboard.reference', { year: ref.year })}</strong> : <span data-testid="national-share">{ref.overall.percent === null ? t('dashboard.referenceMissing') : formatPercent(lng, ref.overall.percent)}</span>
      </p>
      <p className="reference-source">{t('dashboard.standardNote', { year: std.year, source: `${standardLabel(std)}, ${std.source.url}` })}</p>
      <p className="reference-source">{t('dashboard.referenceSource', { source: `${referenceLabel()} — « ${ref.source.title} », ${ref.source.url} (${ref.source.scope})` })}</p>
    </div>
  );
}

function DataTable({ panel, table, k, lng }: { panel: Panel; table: PanelTable; k: number; lng: AnalystLanguage }) {
  const { t } = useTranslation();
  const hidden = (key: string) => (
    <td key={key} className="hidden-cell" data-hidden="true" title={t('dashboard.hiddenLong')}>
      {t('dashboard.hidden')}
    </td>
  );
  const notAvailable = (key: string) => (
    <td key={key} className="hidden-cell" data-unavailable="true" title={t('dashboard.notAvailableLong')}>
      {t('dashboard.notAvailable')}
    </td>
  );
  const value = (v: number | null | undefined, key: string, col: string, suffix = '') =>
    v === null || v === undefined ? hidden(key) : (
      <td key={key} data-col={col}>
        {suffix.trim() === '%' ? formatPercent(lng, v) : v.toLocaleString(lng)}
      </td>
    );
  // A share or rate missing while every count it is made of is shown: not secret, unavailable
  // (no visit in the denominator, no population figure).
  const unavailableAt = (i: number) =>
    (table.cells[i] ?? []).every((c) => c !== null) && table.rowTotals[i] !== null && panel.denominators?.[i] !== null && (panel.populations === undefined || !panel.populations[i] || panel.ratesPer1000?.[i] === null);
  const extra: { header: string; values: (number | null)[]; suffix: string; col: string }[] = [];
  if (panel.rowShares) extra.push({ header: t('dashboard.share'), values: panel.rowShares, suffix: ' %', col: 'share' });
  if (panel.id === 'illectronisme') extra.push({ header: t('dashboard.reference', { year: INSEE_ILLECTRONISME_2021.year }), values: table.rows.codes.map((c) => INSEE_ILLECTRONISME_2021.byAgeBand[c]?.percent ?? null), suffix: ' %', col: 'reference' });
  if (panel.populations) extra.push({ header: t('dashboard.population'), values: panel.populations, suffix: '', col: 'population' });
  if (panel.ratesPer1000) extra.push({ header: t('dashboard.rate'), values: panel.ratesPer1000, suffix: '', col: 'rate' });
  const rows = names(lng, table.rows);
  const columns = names(lng, table.columns);
  return (
    <div className="table-wrap">
      <table data-table={panel.id}>
        <caption>
          {t('dashboard.showTable')} — {t(`dashboard.panel.${panel.id}.title`)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{dimensionName(lng, table.rows.dimension)}</th>
            {columns.map((c, j) => (
              <th scope="col" key={table.columns.codes[j]}>
                {c}
              </th>
            ))}
            <th scope="col">{t('dashboard.total')}</th>
            {extra.map((e) => (
              <th scope="col" key={e.col}>
                {e.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.codes.map((code, i) => (
            <tr key={code} data-row={code}>
              <th scope="row">{rows[i]}</th>
              {table.columns.codes.map((col, j) => value(table.cells[i]?.[j], col, col))}
              {value(table.rowTotals[i], 'total', 'total')}
              {extra.map((e) =>
                e.col === 'reference' && (e.values[i] === null || e.values[i] === undefined) ? (
                  <td key={e.col} data-col={e.col}>
                    {table.rows.codes[i] === 'NA' ? '' : t('dashboard.referenceMissing')}
                  </td>
                ) : e.col === 'population' ? (
                  <td key={e.col} data-col={e.col}>
                    {e.values[i]?.toLocaleString(lng) ?? ''}
                  </td>
                ) : (e.col === 'share' || e.col === 'rate') && (e.values[i] === null || e.values[i] === undefined) && unavailableAt(i) ? (
                  notAvailable(e.col)
                ) : (
                  value(e.values[i], e.col, e.col, e.suffix)
                ),
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-row="total">
            <th scope="row">{t('dashboard.total')}</th>
            {table.columns.codes.map((col, j) => value(table.columnTotals[j], col, col))}
            {value(table.total, 'total', 'total')}
            {extra.map((e) => (e.col === 'share' && panel.overallShare !== undefined ? value(panel.overallShare, e.col, e.col, e.suffix) : <td key={e.col} />))}
          </tr>
        </tfoot>
      </table>
      <p className="table-note">{t('dashboard.suppressedNote', { k })}</p>
    </div>
  );
}
