/** The kiosk's settings: site, languages, delays, help request (chime and promise), small-cell threshold, opening hours, daily restart. */
import { useEffect, useState, type FormEvent } from 'react';
import { availableLanguages } from '../../../shared/i18n/resources';
import { NATIVE_NAMES, htmlLangOf, type Language } from '../../../shared/i18n/languages';
import {
  HELP_CHIME_MAX_RINGS,
  HELP_CHIME_REPEAT_MAX_S,
  HELP_CHIME_REPEAT_MIN_S,
  HELP_CHIME_VOLUME_MIN,
  HELP_PROMISES,
  SMALL_CELL_K_MAX,
  SMALL_CELL_K_MIN,
  type HelpPromise,
  type Settings,
} from '../../../shared/settings/schema';
import { CheckboxGroup, Field } from './fields';
import { useStaffCall } from './staffApi';
import { useStaffData } from './useStaffData';
import { useStaffText } from './text';
import { useFocusHeading } from './useFocusHeading';

type Form = Omit<Settings, 'directory'>;

/** The label key of the field an 'invalidPayload' detail ("idleDelayS: …") points at. */
const FIELD_LABELS: Record<string, string> = {
  siteCode: 'staff.settings.siteCode',
  siteName: 'staff.settings.siteName',
  enabledLanguages: 'staff.settings.languages',
  idleDelayS: 'staff.settings.idleDelay',
  warningDelayS: 'staff.settings.warningDelay',
  helpChimeVolume: 'staff.settings.helpChimeVolume',
  helpChimeRepeatS: 'staff.settings.helpChimeRepeat',
  helpChimeMaxRings: 'staff.settings.helpChimeMaxRings',
  helpPromise: 'staff.settings.helpPromise',
  smallCellK: 'staff.settings.smallCellK',
  openingHours: 'staff.settings.openingHours',
  dailyRestart: 'staff.settings.dailyRestart',
};

export function SettingsScreen() {
  const { t } = useStaffText();
  const heading = useFocusHeading();
  const call = useStaffCall();
  const { data, error } = useStaffData('staff:get-settings');
  const [form, setForm] = useState<Form | null>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);

  useEffect(() => {
    if (data) {
      const { directory: _directory, ...rest } = data;
      setForm(rest);
    }
  }, [data]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => (f ? { ...f, [key]: value } : f));
  const number = (value: string) => (value.trim() === '' ? NaN : Number(value));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    const response = await call('staff:update-settings', form);
    if (response.ok) {
      const { directory: _directory, ...rest } = response.value;
      setForm(rest);
      setMessage({ text: t('staff.settings.saved'), ok: true });
    } else {
      const field = FIELD_LABELS[(response.error.detail ?? '').split(/[.:]/)[0] ?? ''];
      const text = response.error.code === 'invalidPayload' && field ? t('staff.settings.invalidField', { field: t(field) }) : t(`errors.${response.error.code}`);
      setMessage({ text, ok: false });
    }
  };

  return (
    <main className="staff-screen" aria-labelledby="staff-settings-title" aria-busy={form === null && error === null}>
      <h1 id="staff-settings-title" ref={heading} tabIndex={-1}>
        {t('staff.settings.title')}
      </h1>
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}
      {form ? (
        <form className="staff-form" onSubmit={(e) => void save(e)} noValidate>
          <Field label={t('staff.settings.siteCode')} hint={t('staff.settings.siteCodeHint')}>
            {(p) => (
              <input {...p} className="staff-input" value={form.siteCode} maxLength={16} autoComplete="off" onChange={(e) => set('siteCode', e.target.value.toUpperCase())} />
            )}
          </Field>
          <Field label={t('staff.settings.siteName')}>
            {(p) => <input {...p} className="staff-input" value={form.siteName} maxLength={80} autoComplete="off" onChange={(e) => set('siteName', e.target.value)} />}
          </Field>
          <CheckboxGroup<Language>
            legend={t('staff.settings.languages')}
            options={availableLanguages().map((l) => ({ value: l, label: NATIVE_NAMES[l], lang: htmlLangOf(l) }))}
            selected={form.enabledLanguages}
            onChange={(next) => set('enabledLanguages', next)}
          />
          <Field label={t('staff.settings.idleDelay')} hint={t('staff.settings.idleDelayHint')}>
            {(p) => <input {...p} className="staff-input staff-input--short" type="number" inputMode="numeric" min={30} max={600} value={Number.isNaN(form.idleDelayS) ? '' : form.idleDelayS} onChange={(e) => set('idleDelayS', number(e.target.value))} />}
          </Field>
          <Field label={t('staff.settings.warningDelay')} hint={t('staff.settings.warningDelayHint')}>
            {(p) => <input {...p} className="staff-input staff-input--short" type="number" inputMode="numeric" min={20} max={120} value={Number.isNaN(form.warningDelayS) ? '' : form.warningDelayS} onChange={(e) => set('warningDelayS', number(e.target.value))} />}
          </Field>
          <label className="staff-check">
            <input type="checkbox" checked={form.helpChime} onChange={(e) => set('helpChime', e.target.checked)} />
            <span>{t('staff.settings.helpChime')}</span>
          </label>
          <Field label={t('staff.settings.helpChimeVolume')} hint={t('staff.settings.helpChimeVolumeHint', { min: HELP_CHIME_VOLUME_MIN })}>
            {(p) => <input {...p} className="staff-input staff-input--short" type="number" inputMode="numeric" min={HELP_CHIME_VOLUME_MIN} max={100} value={Number.isNaN(form.helpChimeVolume) ? '' : form.helpChimeVolume} onChange={(e) => set('helpChimeVolume', number(e.target.value))} />}
          </Field>
          <Field label={t('staff.settings.helpChimeRepeat')} hint={t('staff.settings.helpChimeRepeatHint', { min: HELP_CHIME_REPEAT_MIN_S, max: HELP_CHIME_REPEAT_MAX_S })}>
            {(p) => <input {...p} className="staff-input staff-input--short" type="number" inputMode="numeric" min={HELP_CHIME_REPEAT_MIN_S} max={HELP_CHIME_REPEAT_MAX_S} value={Number.isNaN(form.helpChimeRepeatS) ? '' : form.helpChimeRepeatS} onChange={(e) => set('helpChimeRepeatS', number(e.target.value))} />}
          </Field>
          <Field label={t('staff.settings.helpChimeMaxRings')} hint={t('staff.settings.helpChimeMaxRingsHint', { max: HELP_CHIME_MAX_RINGS })}>
            {(p) => <input {...p} className="staff-input staff-input--short" type="number" inputMode="numeric" min={1} max={HELP_CHIME_MAX_RINGS} value={Number.isNaN(form.helpChimeMaxRings) ? '' : form.helpChimeMaxRings} onChange={(e) => set('helpChimeMaxRings', number(e.target.value))} />}
          </Field>
          <fieldset className="staff-fieldset">
            <legend className="staff-field__label">{t('staff.settings.helpPromise')}</legend>
            {HELP_PROMISES.map((promise: HelpPromise) => (
              <label key={promise} className="staff-check">
                <input type="radio" name="helpPromise" value={promise} checked={form.helpPromise === promise} onChange={() => set('helpPromise', promise)} />
                <span>{t(promise === 'staffComing' ? 'staff.settings.helpPromiseStaffComing' : 'staff.settings.helpPromiseShowReception')}</span>
              </label>
            ))}
          </fieldset>
          <Field label={t('staff.settings.smallCellK')} hint={t('staff.settings.smallCellKHint', { min: SMALL_CELL_K_MIN, max: SMALL_CELL_K_MAX })}>
            {(p) => <input {...p} className="staff-input staff-input--short" type="number" inputMode="numeric" min={SMALL_CELL_K_MIN} max={SMALL_CELL_K_MAX} value={Number.isNaN(form.smallCellK) ? '' : form.smallCellK} onChange={(e) => set('smallCellK', number(e.target.value))} />}
          </Field>
          <Field label={t('staff.settings.openingHours')} hint={t('staff.settings.openingHoursHint')}>
            {(p) => <input {...p} className="staff-input" dir="ltr" value={form.openingHours} maxLength={300} autoComplete="off" spellCheck={false} onChange={(e) => set('openingHours', e.target.value)} />}
          </Field>
          <Field label={t('staff.settings.dailyRestart')} hint={t('staff.settings.dailyRestartHint')}>
            {(p) => <input {...p} className="staff-input staff-input--short" type="time" value={form.dailyRestart} onChange={(e) => set('dailyRestart', e.target.value)} />}
          </Field>
          <div className="staff-actions">
            <button type="submit" className="button button--primary">
              {t('staff.settings.save')}
            </button>
          </div>
          <p role="status" className={message && !message.ok ? 'staff-message staff-message--error' : 'staff-message'}>
            {message?.text ?? ''}
          </p>
        </form>
      ) : null}
    </main>
  );
}
