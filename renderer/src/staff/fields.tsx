/** Labelled form fields for the staff screens: every input has a real <label>, hints are linked. */
import { useId, type ReactNode } from 'react';

interface FieldProps {
  label: string;
  hint?: string;
  children: (props: { id: string; 'aria-describedby'?: string }) => ReactNode;
}

export function Field({ label, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="staff-field">
      <label htmlFor={id} className="staff-field__label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="staff-field__hint">
          {hint}
        </p>
      ) : null}
      {children(hint ? { id, 'aria-describedby': hintId } : { id })}
    </div>
  );
}

export function CheckboxGroup<T extends string>({
  legend,
  options,
  selected,
  onChange,
}: {
  legend: string;
  options: { value: T; label: string; lang?: string }[];
  selected: readonly T[];
  onChange(next: T[]): void;
}) {
  return (
    <fieldset className="staff-fieldset">
      <legend className="staff-field__label">{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="staff-check">
          <input
            type="checkbox"
            checked={selected.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
          />
          <span lang={o.lang}>{o.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
