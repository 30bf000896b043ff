/**
 * A panel's chart on a canvas (Chart.js, as in the staff dashboard: no eval, fits the strict
 * CSP). Hidden figures draw no bar; the data table beside every chart names them.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

/** Okabe–Ito colours, as in the staff dashboard and the published charts. */
export const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#999999'];

export interface ChartSpec {
  type: 'bar' | 'line';
  labels: string[];
  series: { label: string; values: (number | null)[] }[];
  stacked?: boolean;
  horizontal?: boolean;
  percent?: boolean;
}

export function PanelChart({ spec }: { spec: ChartSpec }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: spec.type,
      data: {
        labels: spec.labels,
        datasets: spec.series.map((s, j) => ({ label: s.label, data: s.values, backgroundColor: COLOURS[j % COLOURS.length], borderColor: COLOURS[j % COLOURS.length], spanGaps: false })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: spec.horizontal ? 'y' : 'x',
        scales: {
          x: { stacked: spec.stacked ?? false, ...(spec.percent && spec.horizontal ? { max: 100, min: 0 } : {}) },
          y: { stacked: spec.stacked ?? false, beginAtZero: true, ...(spec.percent && !spec.horizontal ? { max: 100 } : {}) },
        },
        plugins: { legend: { display: spec.series.length > 1, position: 'bottom' } },
        font: { family: 'Luciole, "Noto Sans", system-ui, sans-serif', size: 13 },
      },
    });
    return () => chart.destroy();
  }, [spec]);
  const height = spec.horizontal ? Math.max(220, spec.labels.length * (spec.stacked ? 28 : 16 * spec.series.length + 12) + 80) : 300;
  return (
    <div className="panel-chart" style={{ blockSize: `${height}px` }}>
      <canvas ref={canvas} aria-hidden="true" />
    </div>
  );
}
