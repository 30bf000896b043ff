/**
 * Importing bundles: a file picker (native dialog in the main process) or a drop on the
 * zone. Dropped files are measured before they are read (the size limit applies first) and
 * sent as base64. Kiosks seen for the first time are listed with their key fingerprint and
 * imported only once the analyst ticks them.
 */
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFileResult, ImportReport } from '../../shared/analyst/types';
import { MAX_BUNDLE_BYTES } from '../../shared/ipc/analyst-channels';
import { printable } from '../../shared/printable';
import { call } from './api';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportScreen({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const [reports, setReports] = useState<ImportReport[]>([]);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const pending = reports.at(-1)?.pendingTrust ?? null;

  async function run(task: () => ReturnType<typeof call<'analyst:import-files'>>) {
    setBusy(true);
    setError(null);
    const response = await task();
    setBusy(false);
    if (!response.ok) return setError(response.error.code);
    setReports((all) => [...all, response.value]);
    setTicked(new Set());
    onImported();
  }

  async function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length === 0) return;
    const payload = await Promise.all(
      files.map(async (file) => (file.size > MAX_BUNDLE_BYTES ? { name: file.name, size: file.size } : { name: file.name, base64: toBase64(new Uint8Array(await file.arrayBuffer())) })),
    );
    await run(() => call('analyst:import-files', { files: payload }));
  }

  return (
    <section aria-labelledby="import-title" className="analyst-screen">
      <h2 id="import-title">{t('import.title')}</h2>
      <p>{t('import.intro')}</p>
      <button type="button" className="primary" disabled={busy} onClick={() => void run(() => call('analyst:pick-and-import', undefined))}>
        {t('import.choose')}
      </button>
      <div
        className={`drop-zone${over ? ' drop-zone--over' : ''}`}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => void onDrop(e)}
      >
        {over ? t('import.dropActive') : t('import.drop')}
      </div>
      {busy ? <p role="status">{t('import.busy')}</p> : null}
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}

      {pending ? (
        <div role="dialog" aria-modal="false" aria-labelledby="trust-title" className="trust-dialog">
          <h3 id="trust-title">{t('import.trustTitle')}</h3>
          <p>{t('import.trustIntro')}</p>
          <ul>
            {pending.kiosks.map((k) => (
              <li key={k.pseudonym}>
                <label>
                  <input
                    type="checkbox"
                    checked={ticked.has(k.pseudonym)}
                    onChange={(e) =>
                      setTicked((s) => {
                        const next = new Set(s);
                        if (e.target.checked) next.add(k.pseudonym);
                        else next.delete(k.pseudonym);
                        return next;
                      })
                    }
                  />{' '}
                  <strong>{k.pseudonym}</strong> — {k.siteCode || '—'} {printable(k.siteName)} — {t('import.files', { count: k.files })}
                </label>
                <div>
                  {t('import.fingerprint')} : <code data-testid="fingerprint">{k.fingerprint}</code>
                </div>
              </li>
            ))}
          </ul>
          <button type="button" className="primary" disabled={busy} onClick={() => void run(() => call('analyst:confirm-trust', { token: pending.token, trust: [...ticked] }))}>
            {t('import.trustSelected')}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => void run(() => call('analyst:confirm-trust', { token: pending.token, trust: [] }))}>
            {t('import.trustNone')}
          </button>
        </div>
      ) : null}

      {reports.length > 0 ? <ReportTable report={reports.at(-1) as ImportReport} /> : null}
    </section>
  );
}

function ReportTable({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const details = (f: ImportFileResult): string => {
    const b = 'bundle' in f ? f.bundle : undefined;
    const line = b ? t('import.bundleLine', { pseudonym: b.pseudonym, site: b.siteCode || printable(b.siteName) || '—', sequence: b.sequence, sessions: b.sessions, from: b.from, to: b.to }) : '';
    if (f.status === 'rejected') return [t(`import.reason.${f.reason}`), line].filter(Boolean).join(' — ');
    if (f.status === 'accepted') return [line, ...f.warnings.map((w) => t(`import.warning.${w.code}`, w.detail))].join(' — ');
    return line;
  };
  return (
    <div className="import-report">
      <h3>{t('import.report')}</h3>
      <p role="status" data-testid="import-summary">
        {t('import.summary', { accepted: report.accepted, duplicates: report.duplicates, rejected: report.rejected })}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('import.file')}</th>
            <th scope="col">{t('import.status')}</th>
            <th scope="col">{t('import.details')}</th>
          </tr>
        </thead>
        <tbody>
          {report.files.map((f, i) => (
            <tr key={`${f.name}-${i}`} data-status={f.status}>
              <th scope="row">{printable(f.name)}</th>
              <td>{t(`import.statusLabel.${f.status}`)}</td>
              <td>{details(f)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
