import { useTranslation } from 'react-i18next';
import { NATIVE_NAMES, directionOf, htmlLangOf, type Language } from '../../../shared/i18n/languages';
import { Pictogram } from '../components/Pictogram';
import { onRovingKeyDown, rovingTabIndex } from '../components/roving';
import { useTypeAhead } from '../components/useTypeAhead';
import { ListenButton } from '../audio/ListenButton';
import { NATIVE_NAME_KEY } from '../../../shared/i18n/spoken-keys';
import { spokenProps } from '../audio/speech';

export function LanguageScreen({ languages, onChoose, onBack }: { languages: Language[]; onChoose: (l: Language) => void; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const typeAhead = useTypeAhead('[role="option"]');
  // The title, then each language's name said in that language.
  const speech = [{ key: 'language.title' }, ...languages.map((lng) => ({ key: NATIVE_NAME_KEY, lng }))];
  const current = languages.includes(i18n.language as Language) ? i18n.language : undefined;
  return (
    <main className="screen">
      <div className="screen__heading">
        <Pictogram id="language" size="large" />
        <h1 id="language-title" tabIndex={-1}>
          {t('language.title')}
        </h1>
        <ListenButton id="language" items={speech} screen />
      </div>
      {/* A listbox (WAI-ARIA), not a radio group: in a radio group the arrow keys choose, and
          choosing a language leaves the screen, so a person looking through the list would be
          carried off by the first arrow. In a listbox the arrows, Home, End and the first
          letters only move; Enter or Space (or a tap) chooses. One Tab stop, on the language
          in use. */}
      <ul
        className="choices choices--languages"
        role="listbox"
        aria-labelledby="language-title"
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') return;
          onRovingKeyDown(event, { items: '[role="option"]', choose: false });
          if (!event.defaultPrevented) typeAhead(event);
        }}
      >
        {languages.map((l, index) => (
          <li key={l} role="none">
            {/* Each name is written, and announced, in its own language. A button, so Enter,
                Space and a tap choose it with the platform's own behaviour. */}
            <button
              type="button"
              role="option"
              aria-selected={l === current}
              className="button button--choice"
              lang={htmlLangOf(l)}
              dir={directionOf(l)}
              tabIndex={rovingTabIndex(l === current, index, current !== undefined)}
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
