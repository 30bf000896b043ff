/** The site's figures: visits per month, completion, where people stop, skills, needs. */
import type { DashboardMatrix } from '../../../shared/staff/types';
import { ChartFigure, figureText } from './ChartFigure';
import { useStaffData } from './useStaffData';
import { useStaffText } from './text';
import { useFocusHeading } from './useFocusHeading';

const LAYOUT: Record<DashboardMatrix['id'], { stacked?: boolean; horizontal?: boolean; plotShares?: boolean }> = {
  sessionsPerMonth: { stacked: true },
  completion: {},
  abandonSection: { horizontal: true },
  dsiByAge: { stacked: true, horizontal: true },
  illectronismeByAge: { plotShares: true },
  autonomyTasks: { stacked: true, horizontal: true },
  autonomyProfileByAge: { stacked: true, horizontal: true },
  needsByAge: { stacked: true, horizontal: true },
  barriersByAge: { stacked: true, horizontal: true },
};

export function DashboardScreen() {
  const { t, lng } = useStaffText();
  const heading = useFocusHeading();
  const { data, error } = useStaffData('staff:dashboard');
  return (
    <main className="staff-screen" aria-labelledby="staff-dashboard-title" aria-busy={data === null && error === null}>
      <h1 id="staff-dashboard-title" ref={heading} tabIndex={-1}>
        {t('staff.dashboard.title')}
      </h1>
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}
      {data ? (
        <>
          <p>
            {data.period
              ? t('staff.dashboard.period', { from: data.period.from, to: data.period.to, sessions: figureText(data.sessions, data.k, lng) })
              : t('staff.dashboard.empty')}
          </p>
          <p className="staff-note">{t('staff.dashboard.smallCells', { k: data.k })}</p>
          {data.matrices.map((m) => (
            <ChartFigure
              key={m.id}
              matrix={m}
              k={data.k}
              title={t(`staff.dashboard.chart.${m.id}.title`)}
              description={t(`staff.dashboard.chart.${m.id}.description`, { k: data.k })}
              {...LAYOUT[m.id]}
            />
          ))}
        </>
      ) : null}
    </main>
  );
}
