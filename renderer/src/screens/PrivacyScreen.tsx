import { useTranslation } from 'react-i18next';
import { Pictogram } from '../components/Pictogram';
import { ListenButton } from '../audio/ListenButton';
import type { SpeechItem } from '../audio/speech';
import { idleLimitText } from '../../../shared/i18n/idle-limit';
import { spokenProps } from '../audio/speech';

/** Before any question: anonymous, nothing but totals leaves, the time limit (docs/privacy.md, docs/accessibility.md). */
export function PrivacyScreen({
  idleDelayS,
  warningDelayS,
  onContinue,
  onBack,
}: {
  idleDelayS: number;
  warningDelayS: number;
  onContinue: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  // The exact delay before everything is erased, never a rounded one (idle-limit.ts).
  const limit = idleLimitText(idleDelayS, warningDelayS);
  const points: [string, string][] = [
    ['privacy', t('privacy.anonymous')],
    ['shield', t('privacy.nothingLeaves')],
    ['thanks', t('privacy.forget')],
    ['thumbs-up', t('privacy.noWrongAnswer')],
    ['clock', t('privacy.duration')],
    ['idle', t(limit.key, { count: limit.count })],
  ];
  const speech: SpeechItem[] = [
    { key: 'privacy.title' },
    ...['anonymous', 'nothingLeaves', 'forget', 'noWrongAnswer', 'duration'].map((k) => ({ key: `privacy.${k}` })),
    { key: limit.key, values: { count: limit.count } },
    { key: 'privacy.continue' },
  ];
  return (
    <main className="screen">
      <div className="screen__heading">
        <Pictogram id="privacy" size="large" />
        <h1 tabIndex={-1}>{t('privacy.title')}</h1>
        <ListenButton id="privacy" items={speech} screen />
      </div>
      <ul className="points">
        {points.map(([picto, text]) => (
          <li key={picto}>
            <Pictogram id={picto} />
            <span>{text}</span>
          </li>
        ))}
      </ul>
      <nav className="screen__nav">
        <button type="button" className="button" {...spokenProps({ key: 'nav.back' })} onClick={onBack}>
          <Pictogram id="back" size="small" />
          {t('nav.back')}
        </button>
        <button type="button" className="button button--primary button--large" onClick={onContinue}>
          {t('privacy.continue')}
          <Pictogram id="next" size="small" />
        </button>
      </nav>
    </main>
  );
}
