/**
 * The analyst's setting of the "Bornes" view: after how many days without an export a kiosk
 * is flagged. Stored in the analyst database ('analyst:set-overdue-days'), so `reperes kiosks`
 * flags the same kiosks.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_OVERDUE_DAYS, MIN_OVERDUE_DAYS } from '../../shared/analyst/kiosk-health';
import { call } from './api';

export function OverdueSetting({ days, onSaved }: { days: number; onSaved: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(String(days));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const n = Number(value);
    if (!Number.isInteger(n) || n < MIN_OVERDUE_DAYS || n > MAX_OVERDUE_DAYS) {
      setMessage({ ok: false, text: t('kiosks.overdueSetting.invalid', { min: MIN_OVERDUE_DAYS, max: MAX_OVERDUE_DAYS }) });
      return;
    }
    const response = await call('analyst:set-overdue-days', { days: n });
    if (!response.ok) return setMessage({ ok: false, text: t(`errors.${response.error.code}`) });
    setMessage({ ok: true, text: t('kiosks.overdueSetting.saved', { count: response.value.overdueAfterDays }) });
    onSaved();
  }

  return (
    <form className="overdue-setting" onSubmit={(e) => void save(e)} noValidate>
      <label htmlFor="overdue-days">{t('kiosks.overdueSetting.label')}</label>{' '}
      <input id="overdue-days" type="number" inputMode="numeric" min={MIN_OVERDUE_DAYS} max={MAX_OVERDUE_DAYS} step={1} value={value} onChange={(e) => setValue(e.target.value)} aria-describedby="overdue-days-unit" />{' '}
      <span id="overdue-days-unit">{t('kiosks.overdueSetting.unit')}</span> <button type="submit">{t('kiosks.overdueSetting.save')}</button>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} data-testid="overdue-setting-message">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
