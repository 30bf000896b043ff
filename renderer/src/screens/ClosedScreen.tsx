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
import { comeBackSentence } from '../../../shared/opening/day-hours';

export function ClosedScreen({ languages, opensAt }: { languages: Language[]; opensAt: number | null }) {
  const { t, i18n } = useTranslation();
  const comeBack = (lng: Language) => (opensAt === null ? i18n.getFixedT(lng)('closed.comeBackLater') : i18n.getFixedT(lng)('closed.comeBack', { when: whenText(opensAt, lng) }));
  const current = (languages.includes(i18n.language as Language) ? i18n.language : (languages[0] ?? 'fr')) as Language;
  const others = languages.filter((l) => l !== current);
  // Each language's line in its own voice (a passer-by may not read French, nor hear it).
  // "Revenez mardi 9 heures" depends on the site's hours: recorded with the pack that brought
  // them (day-hours.ts), said by the local voice otherwise.
  const comeBackSpeech = (lng: Language): SpeechItem =>
    opensAt === null ? { key: 'closed.comeBackLater', lng } : { text: comeBackSentence(opensAt, lng, (key, values) => i18n.getFixedT(lng)(key, values ?? {})), lang: htmlLangOf(lng) };
  const speech: SpeechItem[] = [
    { key: 'closed.title' },
    comeBackSpeech(current),
    { key: 'closed.thanks' },
    ...others.flatMap((lng): SpeechItem[] => [{ key: 'closed.title', lng }, comeBackSpeech(lng)]),
  ];
  return (
    <main className="screen screen--centered closed" data-closed-until={opensAt ?? ''}>
      <Pictogram id="clock" size="large" />
      <h1 tabIndex={-1}>{t('closed.title')}</h1>
      <p className="lead">{comeBack(current)}</p>
      <ListenButton id="closed" items={speech} screen />
      <p>{t('closed.thanks')}</p>
      <ul className="closed__languages">
        {others.map((l) => (
          <li key={l} lang={htmlLangOf(l)} dir={directionOf(l)}>
            <strong>{i18n.getFixedT(l)('closed.title')}</strong> — {comeBack(l)}
          </li>
        ))}
      </ul>
    </main>
  );
}
