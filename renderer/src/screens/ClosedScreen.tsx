/**
 * Outside the site's opening hours: a calm, dimmed screen that says the kiosk is closed and
 * when to come back, in every enabled language (a passer-by may not read French). Nothing to
 * tap but the header (help, listening, and the staff gesture, which still works).
 */
import { useTranslation } from 'react-i18next';
import { directionOf, htmlLangOf, type Language } from '../../../shared/i18n/languages';
import { ListenButton } from '../audio/ListenButton';
import type { SpeechItem } from '../audio/speech';
import { Pictogram } from '../components/Pictogram';
import { whenText } from '../opening-text';

export function ClosedScreen({ languages, opensAt }: { languages: Language[]; opensAt: number | null }) {
  const { t, i18n } = useTranslation();
  const comeBack = (lng: Language) => (opensAt === null ? i18n.getFixedT(lng)('closed.comeBackLater') : i18n.getFixedT(lng)('closed.comeBack', { when: whenText(opensAt, lng) }));
  const current = (languages.includes(i18n.language as Language) ? i18n.language : (languages[0] ?? 'fr')) as Language;
  // The time cannot be recorded in advance: the title, "come back when the centre is open" and thanks are.
  const speech: SpeechItem[] = [{ key: 'closed.title' }, ...(opensAt === null ? [{ key: 'closed.comeBackLater' }] : []), { key: 'closed.thanks' }];
  return (
    <main className="screen screen--centered closed" data-closed-until={opensAt ?? ''}>
      <Pictogram id="clock" size="large" />
      <h1 tabIndex={-1}>{t('closed.title')}</h1>
      <p className="lead">{comeBack(current)}</p>
      <ListenButton id="closed" items={speech} screen />
      <p>{t('closed.thanks')}</p>
      <ul className="closed__languages">
        {languages
          .filter((l) => l !== current)
          .map((l) => (
            <li key={l} lang={htmlLangOf(l)} dir={directionOf(l)}>
              <strong>{i18n.getFixedT(l)('closed.title')}</strong> — {comeBack(l)}
            </li>
          ))}
      </ul>
    </main>
  );
}
