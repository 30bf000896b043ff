import { useTranslation } from 'react-i18next';
import { htmlLangOf, directionOf, type Language } from '../../../shared/i18n/languages';
import { Pictogram } from '../components/Pictogram';
import { ListenButton } from '../audio/ListenButton';
import type { SpeechItem } from '../audio/speech';

/** The waiting screen: one big button, with "Commencer" written in every enabled language. */
export function AttractScreen({ languages, onStart }: { languages: Language[]; onStart: () => void }) {
  const { t, i18n } = useTranslation();
  const others = languages.filter((l) => l !== i18n.language);
  // The screen, then "Commencer" in each other language, each in its own voice.
  const speech: SpeechItem[] = [{ key: 'attract.title' }, { key: 'attract.subtitle' }, { key: 'attract.start' }, ...others.map((lng) => ({ key: 'attract.start', lng }))];
  return (
    <main className="screen screen--centered attract">
      <Pictogram id="attract" size="large" />
      <h1 tabIndex={-1}>{t('attract.title')}</h1>
      <p className="lead">{t('attract.subtitle')}</p>
      <ListenButton id="attract" items={speech} screen />
      <button type="button" className="button button--primary button--huge" onClick={onStart}>
        {t('attract.start')}
      </button>
      <ul className="attract__languages" aria-hidden="true">
        {languages
          .filter((l) => l !== i18n.language)
          .map((l) => (
            <li key={l} lang={htmlLangOf(l)} dir={directionOf(l)}>
              {i18n.getFixedT(l)('attract.start')}
            </li>
          ))}
      </ul>
    </main>
  );
}
