/**
 * Kiosk settings stored in SQLite, each validated on the way in and on the way out: a row
 * edited by hand or damaged falls back to its default instead of breaking the kiosk.
 */
import { z } from 'zod';
import type { Db } from './database';
import { LANGUAGES } from '../../shared/i18n/languages';
import { availableLanguages } from '../../shared/i18n/resources';
import { directorySchema } from '../../shared/orientation/directory';
import { DEFAULT_DIRECTORY } from '../../shared/orientation/default-directory';

export const settingsSchema = z.strictObject({
  siteCode: z.string().regex(/^[A-Z0-9-]{0,16}$/),
  siteName: z.string().trim().max(80),
  enabledLanguages: z.array(z.enum(LANGUAGES)).min(1),
  // Bounds from DOMAIN.md §6: the warning gives at least 20 s; the idle delay is long enough
  // to read a question aloud twice and short enough that the next person finds a fresh kiosk.
  idleDelayS: z.number().int().min(30).max(600),
  warningDelayS: z.number().int().min(20).max(120),
  directory: directorySchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export function defaultSettings(): Settings {
  return {
    siteCode: '',
    siteName: '',
    enabledLanguages: availableLanguages(),
    idleDelayS: 90,
    warningDelayS: 30,
    directory: DEFAULT_DIRECTORY,
  };
}

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
      const next = settingsSchema.parse({ ...this.get(), ...patch });
      db.transaction(() => {
        for (const key of Object.keys(patch) as (keyof Settings)[]) write.run(key, JSON.stringify(next[key]));
      })();
      return next;
    },
  };
}
