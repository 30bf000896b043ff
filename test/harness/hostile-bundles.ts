/**
 * Hostile bundles as an attacker holding one trusted kiosk's key would make them: a real
 * bundle exported by a simulated kiosk, changed, then signed again with that kiosk's own
 * private key (taken from its database), so that every file check passes and only the
 * import's guards stand in the way. Also the bundles a kiosk restored from a backup will send
 * once the kiosk side writes epochs (a new epoch, sequences from 1).
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle, UnsignedBundle } from '../../shared/export/bundle';
import type { Cell } from '../../shared/export/tables';
import { readBundle, resign, withoutIntegrity } from './analyst-fixtures';

/** A copy of `base` changed by `change`, with a new export id, signed by the kiosk of `kioskDb`. */
export function forge(kioskDb: string, base: Bundle | string, change: (b: UnsignedBundle) => void, o: { keepId?: boolean } = {}): string {
  const bundle = withoutIntegrity(typeof base === 'string' ? readBundle(base) : base);
  if (!o.keepId) bundle.export.id = randomUUID();
  change(bundle);
  return resign(kioskDb, bundle);
}

/** Writes `text` as `dir/name` and returns the path. */
export function put(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Every count, and the visit count, times `factor`: the tables stay consistent (every rule is linear). */
export function scale(bundle: UnsignedBundle, factor: number): void {
  bundle.export.sessions *= factor;
  for (const table of Object.values(bundle.tables)) for (const cell of table.cells) cell.count *= factor;
}

/**
 * Moves the bundle's months so that its first month is `first` (each month to its own month,
 * in order): the period and every month cell follow. The creation day is left as it was.
 */
export function moveMonths(bundle: UnsignedBundle, first: string): void {
  const months = [...new Set(Object.values(bundle.tables).flatMap((t) => t.cells.map((c) => c['month']).filter((m): m is string => typeof m === 'string')))].sort();
  const [y, m] = first.split('-').map(Number) as [number, number];
  const target = (i: number) => {
    const index = y * 12 + (m - 1) + i;
    return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  };
  const map = new Map(months.map((month, i) => [month, target(i)]));
  for (const table of Object.values(bundle.tables)) {
    for (const cell of table.cells) if (typeof cell['month'] === 'string') cell['month'] = map.get(cell['month']) as string;
  }
  bundle.export.from = target(0);
  bundle.export.to = target(Math.max(0, months.length - 1));
}

/** The first cell of a table (the tables of a simulated export are never empty). */
export function firstCell(bundle: UnsignedBundle, table: string): Cell {
  const cell = bundle.tables[table]?.cells[0];
  if (!cell) throw new Error(`no cell in ${table}`);
  return cell;
}

/** What the kiosk side will write after a restore: a new epoch, numbered from `sequence` (1 by default). */
export function inEpoch(bundle: UnsignedBundle, epoch: string, sequence = 1): void {
  bundle.export.epoch = epoch;
  bundle.export.sequence = sequence;
}

/** "YYYY-MM" of a date in local time, `offset` months later. */
export function monthOf(date: Date, offset = 0): string {
  const d = new Date(date.getFullYear(), date.getMonth() + offset, 1, 12);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
