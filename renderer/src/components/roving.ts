/**
 * The WAI-ARIA keyboard patterns for groups (issue 17: arrows did nothing, and every answer
 * was its own Tab stop): one Tab stop per group, arrows move within it (right/left follow the
 * reading direction), Home and End go to the ends. In a radio group the arrow also chooses,
 * as the pattern says; in a list of actions (the languages) it only moves, Enter or Space acts.
 */
import type { KeyboardEvent } from 'react';

const KEYS = new Set(['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft', 'Home', 'End']);

export function onRovingKeyDown(
  event: KeyboardEvent<HTMLElement>,
  { items = '[role="radio"]', choose = true, grid = false }: { items?: string; choose?: boolean; grid?: boolean } = {},
): void {
  if (!KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
  const list = [...event.currentTarget.querySelectorAll<HTMLElement>(items)];
  const index = list.indexOf(document.activeElement as HTMLElement);
  if (index < 0 || list.length === 0) return;
  const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
  let next: number;
  if (grid && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    // A grid (the on-screen keyboard): up and down go to the nearest key of the row above or below.
    event.preventDefault();
    const from = list[index]!.getBoundingClientRect();
    const centre = (box: DOMRect) => box.left + box.width / 2;
    const down = event.key === 'ArrowDown';
    const rows = list.map((el) => el.getBoundingClientRect()).filter((box) => (down ? box.top > from.bottom - 1 : box.bottom < from.top + 1));
    if (rows.length === 0) return;
    const rowTop = down ? Math.min(...rows.map((b) => b.top)) : Math.max(...rows.map((b) => b.top));
    const candidates = list.filter((el) => Math.abs(el.getBoundingClientRect().top - rowTop) < 1);
    const target = candidates.reduce((best, el) => (Math.abs(centre(el.getBoundingClientRect()) - centre(from)) < Math.abs(centre(best.getBoundingClientRect()) - centre(from)) ? el : best));
    target.focus();
    return;
  }
  if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = list.length - 1;
  else {
    const forward = event.key === 'ArrowDown' || event.key === (rtl ? 'ArrowLeft' : 'ArrowRight');
    next = (index + (forward ? 1 : -1) + list.length) % list.length;
  }
  event.preventDefault();
  const target = list[next]!;
  target.focus();
  if (choose) target.click();
}

/** The group's one Tab stop: the chosen item, or the first when none is chosen. */
export function rovingTabIndex(isChosen: boolean, index: number, anyChosen: boolean): 0 | -1 {
  return isChosen || (!anyChosen && index === 0) ? 0 : -1;
}
