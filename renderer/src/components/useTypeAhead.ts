import { useRef, type KeyboardEvent } from 'react';
import { TYPE_AHEAD_MS, typeAheadIndex } from '../../../shared/i18n/type-ahead';

/**
 * Type-ahead for a list with roving focus (the languages): a printable key moves the focus to
 * the next item whose name starts with the letters typed in the last moments. Only moves; the
 * list's own Enter or Space chooses.
 */
export function useTypeAhead(items: string) {
  const typed = useRef({ text: '', at: 0 });
  return (event: KeyboardEvent<HTMLElement>) => {
    if ([...event.key].length !== 1 || event.key === ' ' || event.altKey || event.ctrlKey || event.metaKey) return;
    const now = event.timeStamp;
    const burst = now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text + event.key : event.key;
    typed.current = { text: burst, at: now };
    const list = [...event.currentTarget.querySelectorAll<HTMLElement>(items)];
    const labels = list.map((el) => el.textContent ?? '');
    const index = typeAheadIndex(labels, list.indexOf(document.activeElement as HTMLElement), burst, document.documentElement.lang || 'fr');
    if (index < 0) return;
    event.preventDefault();
    list[index]!.focus();
  };
}
