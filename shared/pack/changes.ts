/**
 * What a pack changes on a kiosk, computed before anything is written, so that staff see it
 * and decide (and the same function gives what a rollback changes back). Pure.
 */
import type { HelpPlace } from '../orientation/directory';
import type { Settings } from '../settings/schema';
import type { Pack } from './format';

/** The kiosk's settings once `pack` is applied: its settings, its directory, then its own site's entry. */
export function settingsWithPack(current: Settings, pack: Pack): Settings {
  const next: Settings = { ...current, ...stripUndefined(pack.settings) };
  if (pack.directory) next.directory = pack.directory;
  const site = current.siteCode && pack.sites && Object.hasOwn(pack.sites, current.siteCode) ? pack.sites[current.siteCode] : undefined;
  if (site) Object.assign(next, stripUndefined(site));
  return next;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type SettingChange =
  | { key: Exclude<keyof Settings, 'directory'>; before: string; after: string }
  | { key: 'directory'; added: string[]; removed: string[]; changed: string[]; before: number; after: number };

const show = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value));

/** The settings that differ, in the schema's order; places named by their names. */
export function settingsChanges(before: Settings, after: Settings): SettingChange[] {
  const out: SettingChange[] = [];
  for (const key of Object.keys(after) as (keyof Settings)[]) {
    if (key === 'directory') {
      const byId = (list: HelpPlace[]) => new Map(list.map((p) => [p.id, p]));
      const old = byId(before.directory);
      const now = byId(after.directory);
      const added = after.directory.filter((p) => !old.has(p.id)).map((p) => p.name);
      const removed = before.directory.filter((p) => !now.has(p.id)).map((p) => p.name);
      const changed = after.directory.filter((p) => old.has(p.id) && JSON.stringify(old.get(p.id)) !== JSON.stringify(p)).map((p) => p.name);
      if (added.length + removed.length + changed.length > 0) out.push({ key, added, removed, changed, before: before.directory.length, after: after.directory.length });
      continue;
    }
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out.push({ key, before: show(before[key]), after: show(after[key]) });
  }
  return out;
}
