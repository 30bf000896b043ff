/** The staff area's first screen: is an export due, and is there room on the kiosk. */
import type { StaffAlert } from '../../../shared/staff/types';
import { useStaffData } from './useStaffData';
import { formatBytes, formatDay, useStaffText } from './text';
import { useFocusHeading } from './useFocusHeading';

/** Below this, staff are asked to call for help (the counts hardly grow; logs and backups do). */
const LOW_DISK_BYTES = 500e6;

export function StatusScreen({ onGoToExport }: { onGoToExport(): void }) {
  const { t, lng } = useStaffText();
  const heading = useFocusHeading();
  const { data, error } = useStaffData('staff:overview');
  const alertText = (alert: StaffAlert): string => {
    switch (alert.kind) {
      case 'databaseRecovered':
        return t('staff.status.alert.databaseRecovered', { date: formatDay(alert.day, lng), path: alert.movedTo });
      case 'backupFailed':
      case 'identityRestored':
      case 'identityLost':
        return t(`staff.status.alert.${alert.kind}`, { date: formatDay(alert.day, lng) });
      case 'noRecoveryCode':
        return t('staff.status.alert.noRecoveryCode');
      case 'storageFull':
      case 'storageReadOnly':
        return t(`staff.status.alert.${alert.kind}`, { count: alert.waitingSessions });
    }
  };
  return (
    <main className="staff-screen" aria-labelledby="staff-status-title" aria-busy={data === null && error === null}>
      <h1 id="staff-status-title" ref={heading} tabIndex={-1}>
        {t('staff.status.title')}
      </h1>
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}
      {data ? (
        <>
          {data.alerts.length > 0 ? (
            <section className="staff-alerts" role="alert" aria-labelledby="staff-alerts-title">
              <h2 id="staff-alerts-title">{t('staff.status.alert.alertsTitle')}</h2>
              <ul>
                {data.alerts.map((alert, i) => (
                  <li key={i} className="staff-warning" data-alert={alert.kind}>
                    {alertText(alert)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <dl className="staff-facts">
            <div>
              <dt>{t('staff.status.site')}</dt>
              <dd>{data.siteName || data.siteCode ? `${data.siteName}${data.siteCode ? ` (${data.siteCode})` : ''}` : t('staff.status.siteUnset')}</dd>
            </div>
            <div>
              <dt>{t('staff.status.kiosk')}</dt>
              <dd>{data.kioskPseudonym}</dd>
            </div>
            <div>
              <dt id="staff-key-fingerprint">{t('staff.status.keyFingerprint')}</dt>
              <dd>
                <code data-testid="key-fingerprint" aria-describedby="staff-key-fingerprint-hint">
                  {data.keyFingerprint}
                </code>
                <p id="staff-key-fingerprint-hint" className="staff-hint">
                  {t('staff.status.keyFingerprintHint')}
                </p>
              </dd>
            </div>
            <div>
              <dt>{t('staff.status.sinceExport')}</dt>
              <dd data-testid="sessions-since-export">{data.sessionsSinceExport}</dd>
            </div>
            <div>
              <dt>{t('staff.status.lastExport')}</dt>
              <dd>{data.lastExport ? t('staff.status.lastExportValue', { sequence: data.lastExport.sequence, date: formatDay(data.lastExport.day, lng), count: data.lastExport.sessions }) : t('staff.status.never')}</dd>
            </div>
            <div>
              <dt>{t('staff.status.freeDisk')}</dt>
              <dd>{data.freeDiskBytes === null ? t('staff.status.unknown') : formatBytes(data.freeDiskBytes, lng)}</dd>
            </div>
            <div>
              <dt>{t('staff.status.database')}</dt>
              <dd>{formatBytes(data.databaseBytes, lng)}</dd>
            </div>
          </dl>
          {data.pendingExport !== null ? <p className="staff-warning">{t('staff.status.pending', { sequence: data.pendingExport })}</p> : null}
          {data.freeDiskBytes !== null && data.freeDiskBytes < LOW_DISK_BYTES ? <p className="staff-warning">{t('staff.status.lowDisk')}</p> : null}
          {data.sessionsSinceExport > 0 ? (
            <p>
              <button type="button" className="button button--primary" onClick={onGoToExport}>
                {t('staff.status.goToExport')}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
    </main>
  );
}
