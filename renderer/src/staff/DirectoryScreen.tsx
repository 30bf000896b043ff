/**
 * The local help directory: add, edit, remove and order the places shown to citizens as next
 * steps. Order matters: for each need, the first place serving it is proposed.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { HELP_KINDS, HELP_NEEDS, type HelpKind, type HelpNeed, type HelpPlace } from '../../../shared/orientation/directory';
import { CheckboxGroup, Field } from './fields';
import { useStaffCall } from './staffApi';
import { useStaffData } from './useStaffData';
import { useStaffText } from './text';
import { useFocusHeading } from './useFocusHeading';

function newId(name: string, taken: readonly HelpPlace[]): string {
  const base =
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 30) || 'lieu';
  let id = base;
  for (let n = 2; taken.some((p) => p.id === id); n++) id = `${base}-${n}`;
  return id;
}

const EMPTY: Omit<HelpPlace, 'id'> = { name: '', kind: 'other', address: '', openingHours: '', phone: '', serves: ['learn'] };

export function DirectoryScreen() {
  const { t } = useStaffText();
  const heading = useFocusHeading();
  const call = useStaffCall();
  const { data, error, setData } = useStaffData('staff:get-settings');
  const [editing, setEditing] = useState<{ index: number | null; place: Omit<HelpPlace, 'id'> & { id?: string } } | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<number | null>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);

  // The form's heading takes focus when the form opens (a new place, or another one).
  const openForm = editing === null ? 'closed' : String(editing.index);
  useEffect(() => {
    if (openForm !== 'closed') formHeading.current?.focus();
  }, [openForm]);

  const places = data?.directory ?? [];

  const saveDirectory = async (directory: HelpPlace[], done: string) => {
    const response = await call('staff:update-settings', { directory });
    if (response.ok) {
      setData(response.value);
      setMessage({ text: done, ok: true });
      return true;
    }
    setMessage({ text: response.error.code === 'invalidPayload' ? t('staff.directory.invalid') : t(`errors.${response.error.code}`), ok: false });
    return false;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const { index, place } = editing;
    const others = places.filter((_, i) => i !== index);
    const complete: HelpPlace = { ...place, id: place.id ?? newId(place.name, others) };
    const next = index === null ? [...places, complete] : places.map((p, i) => (i === index ? complete : p));
    if (await saveDirectory(next, t('staff.directory.saved'))) setEditing(null);
  };

  const move = (index: number, delta: -1 | 1) => {
    const target = index + delta;
    if (target < 0 || target >= places.length) return;
    const next = [...places];
    [next[index], next[target]] = [next[target] as HelpPlace, next[index] as HelpPlace];
    void saveDirectory(next, t('staff.directory.moved'));
  };

  const remove = (index: number) => {
    setConfirmRemove(null);
    void saveDirectory(
      places.filter((_, i) => i !== index),
      t('staff.directory.removed'),
    );
  };

  const setPlace = <K extends keyof HelpPlace>(key: K, value: HelpPlace[K]) => setEditing((e) => (e ? { ...e, place: { ...e.place, [key]: value } } : e));

  return (
    <main className="staff-screen" aria-labelledby="staff-directory-title" aria-busy={data === null && error === null}>
      <h1 id="staff-directory-title" ref={heading} tabIndex={-1}>
        {t('staff.directory.title')}
      </h1>
      <p>{t('staff.directory.help')}</p>
      {error ? <p role="alert">{t(`errors.${error}`)}</p> : null}
      <p role="status" className={message && !message.ok ? 'staff-message staff-message--error' : 'staff-message'}>
        {message?.text ?? ''}
      </p>
      {editing ? (
        <form className="staff-form staff-panel" onSubmit={(e) => void submit(e)} noValidate>
          <h2 ref={formHeading} tabIndex={-1}>
            {editing.index === null ? t('staff.directory.addTitle') : t('staff.directory.editTitle', { name: places[editing.index]?.name ?? '' })}
          </h2>
          <Field label={t('staff.directory.name')}>{(p) => <input {...p} className="staff-input" value={editing.place.name} maxLength={80} onChange={(e) => setPlace('name', e.target.value)} />}</Field>
          <Field label={t('staff.directory.kind')}>
            {(p) => (
              <select {...p} className="staff-input" value={editing.place.kind} onChange={(e) => setPlace('kind', e.target.value as HelpKind)}>
                {HELP_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`result.kind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('staff.directory.address')}>{(p) => <input {...p} className="staff-input" value={editing.place.address} maxLength={160} onChange={(e) => setPlace('address', e.target.value)} />}</Field>
          <Field label={t('staff.directory.hours')}>{(p) => <input {...p} className="staff-input" value={editing.place.openingHours} maxLength={160} onChange={(e) => setPlace('openingHours', e.target.value)} />}</Field>
          <Field label={t('staff.directory.phone')} hint={t('staff.directory.phoneHint')}>
            {(p) => <input {...p} className="staff-input staff-input--short" type="tel" value={editing.place.phone} maxLength={20} onChange={(e) => setPlace('phone', e.target.value)} />}
          </Field>
          <CheckboxGroup<HelpNeed>
            legend={t('staff.directory.serves')}
            options={HELP_NEEDS.map((n) => ({ value: n, label: t(`result.need.${n}`) }))}
            selected={editing.place.serves}
            onChange={(next) => setPlace('serves', next)}
          />
          <div className="staff-actions">
            <button type="submit" className="button button--primary">
              {t('staff.directory.save')}
            </button>
            <button type="button" className="button" onClick={() => setEditing(null)}>
              {t('staff.directory.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <ol className="staff-list">
            {places.map((place, i) => (
              <li key={place.id} className="staff-list__item">
                <div>
                  <strong>{place.name}</strong> — {t(`result.kind.${place.kind}`)}
                  <br />
                  <span className="staff-note">{place.serves.map((n) => t(`result.need.${n}`)).join(' · ')}</span>
                </div>
                <div className="staff-actions">
                  <button type="button" className="button" onClick={() => setEditing({ index: i, place: { ...place } })} aria-label={t('staff.directory.editNamed', { name: place.name })}>
                    {t('staff.directory.edit')}
                  </button>
                  <button type="button" className="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('staff.directory.upNamed', { name: place.name })}>
                    ↑
                  </button>
                  <button type="button" className="button" onClick={() => move(i, 1)} disabled={i === places.length - 1} aria-label={t('staff.directory.downNamed', { name: place.name })}>
                    ↓
                  </button>
                  {confirmRemove === i ? (
                    <button type="button" className="button staff-danger" onClick={() => remove(i)}>
                      {t('staff.directory.confirmRemove', { name: place.name })}
                    </button>
                  ) : (
                    <button type="button" className="button" onClick={() => setConfirmRemove(i)} aria-label={t('staff.directory.removeNamed', { name: place.name })}>
                      {t('staff.directory.remove')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ol>
          <p>
            <button type="button" className="button button--primary" onClick={() => setEditing({ index: null, place: { ...EMPTY } })}>
              {t('staff.directory.add')}
            </button>
          </p>
        </>
      )}
    </main>
  );
}
