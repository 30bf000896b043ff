/** The kiosks registered by their key, their exports and any missing sequence; questionnaire versions seen. */
import { useTranslation } from 'react-i18next';
import type { AnalystOverview } from '../../shared/analyst/types';

export function KiosksScreen({ overview }: { overview: AnalystOverview | null }) {
  const { t } = useTranslation();
  if (!overview) return null;
  return (
    <section aria-labelledby="kiosks-title" className="analyst-screen">
      <h2 id="kiosks-title">{t('kiosks.title')}</h2>
      {overview.kiosks.length === 0 ? <p>{t('kiosks.empty')}</p> : null}
      {overview.kiosks.length > 0 ? (
        <div className="table-wrap">
          <table data-table="kiosks">
            <thead>
              <tr>
                {(['pseudonym', 'site', 'fingerprint', 'bundles', 'sessions', 'period', 'missing'] as const).map((c) => (
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
                  <td>
                    {k.siteCode} {k.siteName}
                  </td>
                  <td>
                    <code>{k.fingerprint}</code>
                  </td>
                  <td>{k.bundles}</td>
                  <td>{k.sessions.toLocaleString()}</td>
                  <td>
                    {k.from} – {k.to}
                  </td>
                  <td data-col="missing">{k.epochs.some((e) => e.missingCount > 0) ? k.epochs.flatMap((e) => e.missingSequences).join(', ') : t('kiosks.none')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h3>{t('kiosks.questionnaires')}</h3>
      <ul>
        {overview.questionnaires.map((q) => (
          <li key={`${q.id}-${q.version}-${q.hash}`}>
            {q.id} {q.version} — {t('kiosks.firstSeen')} {q.firstImportDay} — {t('kiosks.bundles')} : {q.bundles}
          </li>
        ))}
      </ul>
    </section>
  );
}
