/**
 * The kiosks registered by their key, with what an analyst needs to trust or repair the
 * database: site, key fingerprint, exports and sessions, months, epochs and missing sequences,
 * last import; and the undo of an import: "Retirer" a kiosk (its registration and every
 * export) or one export, confirmed in a modal dialog, in one transaction in the main process.
 * Importing the same files again brings it back.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalystOverview, KioskRecord, RemovalOutcome } from '../../shared/analyst/types';
import { printable } from '../../shared/printable';
import { call } from './api';
import { KioskHealthCell, LastExportCell } from './KioskHealth';
import { OverdueSetting } from './OverdueSetting';

type Target = { kind: 'kiosk'; kiosk: KioskRecord } | { kind: 'export'; kiosk: KioskRecord; exportId: string; sequence: number; epoch: string };

const epochName = (epoch: string, legacy: string) => (epoch === '' ? legacy : epoch.slice(0, 8));
const site = (k: KioskRecord) => [k.siteCode, k.siteName].filter(Boolean).map(printable).join(' ');

export function KiosksScreen({ overview, onChanged }: { overview: AnalystOverview | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<Target | null>(null);
  const [done, setDone] = useState<{ outcome: RemovalOutcome | null; what: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    if (target) dialog.current?.showModal();
    else dialog.current?.close();
  }, [target]);

  if (!overview) return null;

  const describe = (x: Target) =>
    x.kind === 'kiosk'
      ? t('kiosks.confirmKiosk', { pseudonym: x.kiosk.pseudonym, site: site(x.kiosk) || '—', fingerprint: x.kiosk.fingerprint, count: x.kiosk.bundles, sessions: x.kiosk.sessions })
      : t('kiosks.confirmExport', { pseudonym: x.kiosk.pseudonym, sequence: x.sequence, epoch: epochName(x.epoch, t('kiosks.legacy')) });

  async function remove(x: Target) {
    setBusy(true);
    setError(null);
    const response = await call('analyst:remove', x.kind === 'kiosk' ? { kiosk: x.kiosk.pseudonym } : { bundle: x.exportId });
    setBusy(false);
    setTarget(null);
    if (!response.ok) return setError(response.error.code);
    setDone({ outcome: response.value.removed, what: x.kind === 'kiosk' ? x.kiosk.pseudonym : `${x.kiosk.pseudonym} n° ${x.sequence}` });
    onChanged();
  }

  const others = overview.questionnaires.filter((q) => q.id !== overview.questionnaireId && q.bundles > 0);
  const overdue = overview.kiosks.filter((k) => k.exportOverdue);
  return (
    <section aria-labelledby="kiosks-title" className="analyst-screen">
      <h2 id="kiosks-title">{t('kiosks.title')}</h2>
      <p>{t('kiosks.intro')}</p>
      {done ? (
        <p role="status" data-testid="removal-outcome">
          {done.outcome
            ? t('kiosks.removed', { what: done.what, count: done.outcome.bundles, sessions: done.outcome.sessions })
            : t('kiosks.alreadyRemoved', { what: done.what })}
        </p>
      ) : null}
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}
      {overview.kiosks.length === 0 ? <p>{t('kiosks.empty')}</p> : null}
      <OverdueSetting days={overview.overdueAfterDays} onSaved={onChanged} />
      {overdue.length > 0 ? (
        <p className="panel-unavailable" data-testid="overdue-summary">
          {t('kiosks.overdueSummary', { count: overdue.length, days: overview.overdueAfterDays, list: overdue.map((k) => [k.pseudonym, site(k)].filter(Boolean).join(' ')).join(', ') })}
        </p>
      ) : null}
      {overview.kiosks.length > 0 ? (
        <div className="table-wrap">
          <table data-table="kiosks">
            <thead>
              <tr>
                {(['pseudonym', 'site', 'fingerprint', 'bundles', 'sessions', 'period', 'epochs', 'lastImport', 'lastExport', 'healthColumn', 'actions'] as const).map((c) => (
                  <th scope="col" key={c}>
                    {t(`kiosks.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {overview.kiosks.map((k) => (
                <tr key={k.pseudonym} data-row={k.pseudonym}>
                  <th scope="row">{k.pseudonym}</th>
                  <td>{site(k)}</td>
                  <td>
                    <code data-testid="kiosk-fingerprint">{k.fingerprint}</code>
                  </td>
                  <td>{k.bundles}</td>
                  <td>{k.sessions.toLocaleString()}</td>
                  <td>
                    {k.from} – {k.to}
                  </td>
                  <td data-col="missing">
                    <ul className="plain-list">
                      {k.epochs.map((e) => (
                        <li key={e.epoch}>
                          {t('kiosks.epochLine', { epoch: epochName(e.epoch, t('kiosks.legacy')), count: e.bundles, last: e.lastSequence })}{' '}
                          {e.missingCount === 0 ? t('kiosks.none') : t('kiosks.missingList', { list: e.missingSequences.join(', '), count: e.missingCount })}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{k.lastImportDay ?? '—'}</td>
                  <td data-col="lastExport">
                    <LastExportCell kiosk={k} afterDays={overview.overdueAfterDays} />
                  </td>
                  <td data-col="health">
                    <KioskHealthCell kiosk={k} />
                  </td>
                  <td>
                    <button type="button" disabled={busy} onClick={() => setTarget({ kind: 'kiosk', kiosk: k })} aria-label={t('kiosks.removeKioskLabel', { pseudonym: k.pseudonym })}>
                      {t('kiosks.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {overview.kiosks.map((k) => (
        <details key={k.pseudonym} className="kiosk-exports" data-kiosk={k.pseudonym}>
          <summary>{t('kiosks.exportsOf', { pseudonym: k.pseudonym, count: k.bundles })}</summary>
          <div className="table-wrap">
            <table data-table="exports">
              <thead>
                <tr>
                  {(['sequence', 'epoch', 'period', 'sessions', 'questionnaire', 'imported', 'actions'] as const).map((c) => (
                    <th scope="col" key={c}>
                      {t(`kiosks.export.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {k.exports.map((e) => (
                  <tr key={e.exportId} data-export={e.exportId}>
                    <th scope="row">{e.sequence}</th>
                    <td>{epochName(e.epoch, t('kiosks.legacy'))}</td>
                    <td>
                      {e.from} – {e.to}
                    </td>
                    <td>{e.sessions.toLocaleString()}</td>
                    <td>{e.questionnaire}</td>
                    <td>{e.importedDay}</td>
                    <td>
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={t('kiosks.removeExportLabel', { pseudonym: k.pseudonym, sequence: e.sequence })}
                        onClick={() => setTarget({ kind: 'export', kiosk: k, exportId: e.exportId, sequence: e.sequence, epoch: e.epoch })}
                      >
                        {t('kiosks.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}

      {others.length > 0 ? (
        <p className="panel-unavailable" data-testid="other-questionnaires">
          {t('kiosks.notCounted', { list: others.map((q) => `${q.id} ${q.version}`).join(', '), counted: overview.questionnaireId ?? '—' })}
        </p>
      ) : null}

      <h3>{t('kiosks.questionnaires')}</h3>
      <ul>
        {overview.questionnaires.map((q) => (
          <li key={`${q.id}-${q.version}-${q.hash}`}>
            {q.id} {q.version} — {t('kiosks.firstSeen')} {q.firstImportDay} — {t('kiosks.bundles')} : {q.bundles}
          </li>
        ))}
      </ul>

      <dialog ref={dialog} aria-labelledby="remove-title" aria-describedby="remove-what" className="confirm-dialog" onCancel={() => setTarget(null)}>
        {target ? (
          <>
            <h3 id="remove-title">{t(target.kind === 'kiosk' ? 'kiosks.confirmKioskTitle' : 'kiosks.confirmExportTitle')}</h3>
            <p id="remove-what">{describe(target)}</p>
            <p>{t('kiosks.confirmUndo')}</p>
            <div className="dialog-buttons">
              <button type="button" className="danger" disabled={busy} onClick={() => void remove(target)}>
                {t('kiosks.confirmRemove')}
              </button>
              <button type="button" autoFocus disabled={busy} onClick={() => setTarget(null)}>
                {t('kiosks.cancel')}
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </section>
  );
}
