import { useTranslation } from 'react-i18next';
import { NATIVE_NAMES, directionOf, htmlLangOf, type Language } from '../../../shared/i18n/languages';
import { Pictogram } from '../components/Pictogram';
import { onRovingKeyDown, rovingTabIndex } from '../components/roving';
import { ListenButton } from '../audio/ListenButton';
import { NATIVE_NAME_KEY } from '../../../shared/i18n/spoken-keys';
import { spokenProps } from '../audio/speech';

export function LanguageScreen({ languages, onChoose, onBack }: { languages: Language[]; onChoose: (l: Language) => void; onBack: () => void }) {
  const { t } = useTranslation();
  // The title, then each language's name said in that language.
  const speech = [{ key: 'language.title' }, ...languages.map((lng) => ({ key: NATIVE_NAME_KEY, lng }))];
  return (
    <main className="screen">
      <div className="screen__heading">
        <Pictogram id="language" size="large" />
        <h1 tabIndex={-1}>{t('language.title')}</h1>
        <ListenButton id="language" items={speech} screen />
      </div>
      {/* One Tab stop; arrows move between the languages, Enter or Space chooses. */}
      <ul className="choices choices--languages" onKeyDown={(event) => onRovingKeyDown(event, { items: 'button', choose: false })}>
        {languages.map((l, index) => (
          <li key={l}>
            {/* Each name is written, and announced, in its own language. */}
            <button
              type="button"
              className="button button--choice"
              lang={htmlLangOf(l)}
              dir={directionOf(l)}
              tabIndex={rovingTabIndex(false, index, false)}
              onClick={() => onChoose(l)}
            >
              {NATIVE_NAMES[l]}
            </button>
          </li>
        ))}
      </ul>
      <nav className="screen__nav" aria-label={t('nav.back')}>
        <button type="button" className="button" {...spokenProps({ key: 'nav.back' })} onClick={onBack}>
          <Pictogram id="back" size="small" />
          {t('nav.back')}
        </button>
      </nav>
    </main>
  );
}
