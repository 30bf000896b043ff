/**
 * One kiosk's health in the "Bornes" view (shared/export/health.ts): what its newest export
 * with a health part reported, and whether it has been silent for longer than the analyst's
 * number of days — said in words, never by colour alone.
 */
import { useTranslation } from 'react-i18next';
import type { KioskRecord } from '../../shared/analyst/types';

export function KioskHealthCell({ kiosk }: { kiosk: KioskRecord }) {
  const { t } = useTranslation();
  const h = kiosk.health;
  if (!h) return <span>{t('kiosks.health.none')}</span>;
  const alerts = h.staffAlerts.length === 0 ? t('kiosks.health.noAlert') : h.staffAlerts.map((kind) => t(`kiosks.health.alert.${kind}`, { defaultValue: kind })).join(', ');
  return (
    <ul className="plain-list">
      <li>{t('kiosks.health.versions', { app: h.appVersion, questionnaire: h.questionnaireVersion })}</li>
      <li>{t('kiosks.health.restarts', { count: h.restarts })}</li>
      <li>{t('kiosks.health.recoveries', { window: h.crashRecoveries.window, unclean: h.crashRecoveries.unclean, database: h.crashRecoveries.database })}</li>
      <li>{t('kiosks.health.alerts', { list: alerts })}</li>
      <li>{h.freeDiskMB === null ? t('kiosks.health.diskUnknown', { database: h.databaseMB }) : t('kiosks.health.disk', { free: h.freeDiskMB.toLocaleString(), database: h.databaseMB })}</li>
      <li>{h.lastBackup ? t('kiosks.health.backup', { day: h.lastBackup }) : t('kiosks.health.noBackup')}</li>
      <li className="note">{t('kiosks.health.asOf', { sequence: h.sequence, day: h.day })}</li>
    </ul>
  );
}

export function LastExportCell({ kiosk, afterDays }: { kiosk: KioskRecord; afterDays: number }) {
  const { t } = useTranslation();
  if (kiosk.lastExportDay === null) return <span>—</span>;
  return (
    <>
      {t('kiosks.lastExportDay', { day: kiosk.lastExportDay, count: kiosk.daysSinceExport ?? 0 })}
      {kiosk.exportOverdue ? (
        <strong className="overdue" data-testid="overdue-flag">
          {' '}
          {t('kiosks.overdue', { count: afterDays })}
        </strong>
      ) : null}
    </>
  );
}
