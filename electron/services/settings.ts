/**
 * Kiosk settings stored in SQLite, each validated on the way in and on the way out: a row
 * edited by hand or damaged falls back to its default instead of breaking the kiosk.
 */
import type { Db } from './database';
import { defaultSettings, settingsSchema, type Settings } from '../../shared/settings/schema';

// The schema lives in shared/ so that the staff forms and the IPC contract use the same one.
export { defaultSettings, settingsSchema, type Settings } from '../../shared/settings/schema';

export interface SettingsStore {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

export function createSettingsStore(db: Db): SettingsStore {
  const read = db.prepare('SELECT key, value FROM settings');
  const write = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    get() {
      const defaults = defaultSettings();
      const merged: Record<string, unknown> = { ...defaults };
      for (const row of read.all() as { key: string; value: string }[]) {
        if (!(row.key in defaults)) continue;
        const field = settingsSchema.shape[row.key as keyof Settings];
        const parsed = field.safeParse(JSON.parse(row.value));
        if (parsed.success) merged[row.key] = parsed.data;
      }
      return settingsSchema.parse(merged);
    },
    update(patch) {
      // A key sent as `undefined` (structured clone keeps them) means "unchanged", not "erase".
      const keys = (Object.keys(patch) as (keyof Settings)[]).filter((key) => patch[key] !== undefined);
      const next = settingsSchema.parse({ ...this.get(), ...Object.fromEntries(keys.map((key) => [key, patch[key]])) });
      db.transaction(() => {
        for (const key of keys) write.run(key, JSON.stringify(next[key]));
      })();
      return next;
    },
  };
}
