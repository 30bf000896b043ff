/**
 * The kiosk's journal (its log, newest first) and the support bundle: a folder staff write to
 * a USB stick for the technician. The log holds event codes, counts and file names only,
 * never a person's data (electron/services/log.ts; docs/guide-personnel.md).
 */
import { useState } from 'react';
import type { TFunction } from 'i18next';
import type { LogEntry, SupportBundleOutcome } from '../../../shared/staff/types';
import { useStaffCall } from './staffApi';
import { useStaffData } from './useStaffData';
import { useStaffText, type StaffLanguage } from './text';
import { useFocusHeading } from './useFocusHeading';

/** Failures after which nothing changed and staff can simply try again. */
const RETRYABLE = ['noSpace', 'readOnly', 'mediaRemoved', 'noPermission', 'verifyFailed', 'writeFailed'];

/** '2026-11-20T11:34Z' (UTC) in the staff's language and the kiosk's time zone. */
export function formatLogTime(time: string, lng: StaffLanguage): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return time;
  return date.toLocaleString(lng === 'en' ? 'en-GB' : 'fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function formatDetails(t: TFunction, entry: LogEntry): string {
  return Object.entries(entry.details)
    .map(([key, value]) => `${t(`staff.logs.detail.${key}`, { defaultValue: key })} : ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join(' · ');
}

export function LogsScreen() {
  const { t, lng } = useStaffText();
  const heading = useFocusHeading();
  const call = useStaffCall();
  const logs = useStaffData('staff:logs');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ text: string; ok: boolean } | null>(null);

  const describe = (outcome: SupportBundleOutcome): { text: string; ok: boolean } => {
    if (outcome.ok) return { text: `${t('staff.logs.support.written', { folder: outcome.folderName, count: outcome.files.length })} ${t('staff.export.removeStick')}`, ok: true };
    const why = t(`staff.logs.support.failure.${outcome.reason}`);
    return { text: RETRYABLE.includes(outcome.reason) ? `${why} ${t('staff.logs.support.retry')}` : why, ok: false };
  };

  const writeBundle = async () => {
    setBusy(true);
    setResult(null);
    const response = await call('staff:support-bundle', undefined);
    setBusy(false);
    setResult(response.ok ? describe(response.value) : { text: t(`errors.${response.error.code}`), ok: false });
    void logs.reload();
  };

  const entries = logs.data ?? [];
  return (
    <main className="staff-screen" aria-labelledby="staff-logs-title" aria-busy={logs.data === null && logs.error === null}>
      <h1 id="staff-logs-title" ref={heading} tabIndex={-1}>
        {t('staff.logs.title')}
      </h1>
      <p>{t('staff.logs.help')}</p>

      <section aria-labelledby="staff-support-title">
        <h2 id="staff-support-title">{t('staff.logs.support.title')}</h2>
        <p>{t('staff.logs.support.help')}</p>
        <p>
          <button type="button" className="button button--primary button--large" onClick={() => void writeBundle()} disabled={busy} aria-describedby="staff-support-result">
            {busy ? t('staff.logs.support.running') : t('staff.logs.support.button')}
          </button>
        </p>
        <div id="staff-support-result" role="status" aria-live="polite" className={result && !result.ok ? 'staff-result staff-result--error' : 'staff-result'}>
          {result ? <p>{result.text}</p> : null}
        </div>
      </section>

      <section aria-labelledby="staff-journal-title">
        <h2 id="staff-journal-title">{t('staff.logs.journalTitle')}</h2>
        <p>
          <button type="button" className="button" onClick={() => void logs.reload()}>
            {t('staff.logs.refresh')}
          </button>
        </p>
        {logs.error ? <p role="alert">{t(`errors.${logs.error}`)}</p> : null}
        {entries.length > 0 ? (
          // Focusable so that keyboard users can scroll a long journal.
          <div className="staff-table-wrap staff-log" tabIndex={0} role="region" aria-labelledby="staff-journal-title">
            <table className="staff-table staff-log__table">
              <caption className="visually-hidden">{t('staff.logs.caption', { count: entries.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staff.logs.time')}</th>
                  <th scope="col">{t('staff.logs.level')}</th>
                  <th scope="col">{t('staff.logs.event')}</th>
                  <th scope="col">{t('staff.logs.details')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry, i) => (
                  <tr key={i} data-level={entry.level} data-event={entry.event}>
                    <th scope="row">{formatLogTime(entry.time, lng)}</th>
                    <td>
                      <span className={`staff-log__level staff-log__level--${entry.level}`}>{t(`staff.logs.levels.${entry.level}`)}</span>
                    </td>
                    <td>{t(`staff.logs.events.${entry.event}`, { defaultValue: entry.event })}</td>
                    <td>{formatDetails(t, entry)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : logs.data ? (
          <p>{t('staff.logs.empty')}</p>
        ) : null}
      </section>
    </main>
  );
}
