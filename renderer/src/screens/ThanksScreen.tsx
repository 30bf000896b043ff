import { useTranslation } from 'react-i18next';
import { Pictogram } from '../components/Pictogram';
import { ListenButton } from '../audio/ListenButton';

export function ThanksScreen({ onAgain }: { onAgain: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="screen screen--centered">
      <Pictogram id="thanks" size="large" />
      <h1 tabIndex={-1}>{t('thanks.title')}</h1>
      <p className="lead">{t('thanks.erased')}</p>
      <ListenButton id="thanks" items={[{ key: 'thanks.title' }, { key: 'thanks.erased' }, { key: 'thanks.again' }]} screen />
      <button type="button" className="button button--large" onClick={onAgain}>
        {t('thanks.again')}
      </button>
    </main>
  );
}
