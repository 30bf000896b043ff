/**
 * One dashboard figure: a bar chart (Chart.js on a canvas, no eval and no injected scripts, so
 * it runs under the kiosk's strict CSP) and, always, the same figures as a table for screen
 * readers and for anyone who prefers numbers. Figures below k arrive from the main process
 * without their value: no bar is drawn and the table says "< k".
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useId, useRef } from 'react';
import type { DashboardMatrix, Figure } from '../../../shared/staff/types';
import { staffCodeLabel, staffDimensionLabel, useStaffText } from './text';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = 'Luciole, "Noto Sans", system-ui, sans-serif';
Chart.defaults.font.size = 14;
Chart.defaults.color = '#1a1a1a';

/** Okabe–Ito colours: told apart by most people with a colour vision deficiency. */
const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999'];

export function figureText(f: Figure, k: number, lng: string): string {
  return 'n' in f ? f.n.toLocaleString(lng) : `< ${k}`;
}

interface Props {
  matrix: DashboardMatrix;
  k: number;
  title: string;
  description?: string;
  stacked?: boolean;
  horizontal?: boolean;
  /** Plot the shares (percent) instead of the counts. */
  plotShares?: boolean;
}

export function ChartFigure({ matrix, k, title, description, stacked = false, horizontal = false, plotShares = false }: Props) {
  const { t, lng } = useStaffText();
  const canvas = useRef<HTMLCanvasElement>(null);
  const captionId = useId();
  const rowLabels = matrix.rows.codes.map((c) => staffCodeLabel(t, lng, matrix.rows.dimension, c));
  const seriesLabels = matrix.series.codes.map((c) => staffCodeLabel(t, lng, matrix.series.dimension, c));

  useEffect(() => {
    if (!canvas.current) return;
    const datasets = plotShares
      ? [{ label: t('staff.dashboard.share'), data: (matrix.shares ?? []).map((s) => s), backgroundColor: COLOURS[0] }]
      : matrix.series.codes.map((_, j) => ({
          label: seriesLabels[j] ?? '',
          data: matrix.values.map((row) => {
            const f = row[j];
            return f && 'n' in f ? f.n : null;
          }),
          backgroundColor: COLOURS[j % COLOURS.length],
        }));
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: rowLabels, datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: horizontal ? 'y' : 'x',
        scales: {
          x: { stacked, ...(plotShares && horizontal ? { max: 100 } : {}) },
          y: { stacked, beginAtZero: true, ...(plotShares && !horizontal ? { max: 100 } : {}) },
        },
        plugins: {
          legend: { display: !plotShares && matrix.series.codes.length > 1, position: 'bottom' },
          tooltip: { enabled: true },
        },
      },
    });
    return () => chart.destroy();
    // The labels derive from `matrix` and the language (`t`), both dependencies already.
  }, [matrix, horizontal, stacked, plotShares, t]);

  const height = horizontal ? Math.max(240, matrix.rows.codes.length * 34 + 80) : 300;
  return (
    <section className="staff-figure" aria-labelledby={captionId}>
      <h2 id={captionId}>{title}</h2>
      {description ? <p className="staff-figure__description">{description}</p> : null}
      <div className="staff-figure__chart" style={{ blockSize: `${height}px` }}>
        {/* The table below carries the same figures for assistive technologies. */}
        <canvas ref={canvas} aria-hidden="true" />
      </div>
      <div className="staff-table-wrap">
        <table className="staff-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{staffDimensionLabel(t, matrix.rows.dimension)}</th>
              {matrix.series.dimension === 'total' ? (
                <th scope="col">{t('staff.dashboard.sessions')}</th>
              ) : (
                seriesLabels.map((label, j) => (
                  <th scope="col" key={matrix.series.codes[j]}>
                    {label}
                  </th>
                ))
              )}
              {matrix.shares ? <th scope="col">{t('staff.dashboard.share')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {matrix.rows.codes.map((code, i) => (
              <tr key={code}>
                <th scope="row">{rowLabels[i]}</th>
                {(matrix.values[i] ?? []).map((f, j) => (
                  <td key={matrix.series.codes[j]} data-below-k={'belowK' in f ? 'true' : undefined}>
                    {figureText(f, k, lng)}
                  </td>
                ))}
                {matrix.shares ? <td>{matrix.shares[i] === null || matrix.shares[i] === undefined ? `< ${k}` : `${matrix.shares[i]} %`}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
