/**
 * Export to a USB stick: one button, a folder dialog, then a clear message. A failed export
 * changes nothing and can be retried; past exports can be written again identically.
 */
import { useState } from 'react';
import type { IpcResponse } from '../../../shared/ipc/contract';
import type { ExportOutcome } from '../../../shared/staff/types';
import { useStaffCall } from './staffApi';
import { useStaffData } from './useStaffData';
import { formatDay, useStaffText } from './text';
import { useFocusHeading } from './useFocusHeading';

export function ExportScreen() {
  const { t, lng } = useStaffText();
  const heading = useFocusHeading();
  const call = useStaffCall();
  const overview = useStaffData('staff:overview');
  const log = useStaffData('staff:export-log');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ text: string; ok: boolean } | null>(null);

  const describe = (outcome: ExportOutcome): { text: string; ok: boolean } => {
    const done = outcome.bundles.map((b) => t('staff.export.written', { sequence: b.sequence, count: b.sessions, file: b.fileName })).join(' ');
    if (outcome.ok) return { text: `${done} ${t('staff.export.removeStick')}`, ok: true };
    const why = t(`staff.export.failure.${outcome.reason}`);
    const retry = ['noSpace', 'readOnly', 'mediaRemoved', 'noPermission', 'verifyFailed', 'writeFailed'].includes(outcome.reason) ? ` ${t('staff.export.nothingLost')}` : '';
    return { text: `${done ? `${done} ` : ''}${why}${retry}`, ok: false };
  };

  const run = async (action: () => Promise<IpcResponse<ExportOutcome>>) => {
    setBusy(true);
    setResult(null);
    const response = await action();
    setBusy(false);
    setResult(response.ok ? describe(response.value) : { text: t(`errors.${response.error.code}`), ok: false });
    void overview.reload();
    void log.reload();
  };

  const since = overview.data?.sessionsSinceExport;
  return (
    <main className="staff-screen" aria-labelledby="staff-export-title">
      <h1 id="staff-export-title" ref={heading} tabIndex={-1}>
        {t('staff.export.title')}
      </h1>
      <p>{t('staff.export.help')}</p>
      {since !== undefined ? <p>{t('staff.export.since', { count: since })}</p> : null}
      <p>
        <button type="button" className="button button--primary button--large" onClick={() => void run(() => call('staff:export', undefined))} disabled={busy} aria-describedby="staff-export-result">
          {busy ? t('staff.export.running') : t('staff.export.button')}
        </button>
      </p>
      <div id="staff-export-result" role="status" aria-live="polite" className={result && !result.ok ? 'staff-result staff-result--error' : 'staff-result'}>
        {result ? <p>{result.text}</p> : null}
      </div>

      <h2>{t('staff.export.historyTitle')}</h2>
      {log.data && log.data.length > 0 ? (
        <div className="staff-table-wrap">
          <table className="staff-table">
            <caption className="visually-hidden">{t('staff.export.historyTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.export.sequence')}</th>
                <th scope="col">{t('staff.export.date')}</th>
                <th scope="col">{t('staff.export.sessions')}</th>
                <th scope="col">{t('staff.export.period')}</th>
                <th scope="col">{t('staff.export.state')}</th>
                <th scope="col">{t('staff.export.action')}</th>
              </tr>
            </thead>
            <tbody>
              {[...log.data].reverse().map((item) => (
                <tr key={item.sequence}>
                  <th scope="row">{item.sequence}</th>
                  <td>{formatDay(item.createdDay, lng)}</td>
                  <td>{item.sessions}</td>
                  <td>{item.from === item.to ? item.from : `${item.from} → ${item.to}`}</td>
                  <td>{t(`staff.export.status.${item.status}`)}</td>
                  <td>
                    {item.status === 'verified' ? (
                      <button type="button" className="button" disabled={busy} onClick={() => void run(() => call('staff:reissue', { sequence: item.sequence }))} aria-label={t('staff.export.reissueNamed', { sequence: item.sequence })}>
                        {t('staff.export.reissue')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('staff.export.noHistory')}</p>
      )}
    </main>
  );
}
