/**
 * What staff can set on a kiosk, validated the same way wherever it is read or written: the
 * settings store (on the way in and out of SQLite), the IPC payload of the staff area, and the
 * staff forms. Pure, so the renderer and the main process share one definition.
 */
import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { directorySchema } from '../orientation/directory';
import { DEFAULT_DIRECTORY } from '../orientation/default-directory';
import { DEFAULT_SITE, SITE_CODE, SITE_NAME_MAX } from './site';

/** Bounds of the small-cell threshold: INSEE and the tax office use 3 to 11 (docs/privacy.md). */
export const SMALL_CELL_K_MIN = 3;
export const SMALL_CELL_K_MAX = 11;

/** The help request's bounds: loud enough to be heard, never a continuous alarm. */
export const HELP_CHIME_VOLUME_MIN = 10;
export const HELP_CHIME_REPEAT_MIN_S = 5;
export const HELP_CHIME_REPEAT_MAX_S = 600;
export const HELP_CHIME_MAX_RINGS = 60;
export const HELP_PROMISES = ['staffComing', 'showReception'] as const;
export type HelpPromise = (typeof HELP_PROMISES)[number];

export const settingsSchema = z.strictObject({
  /** Short code the analysts use for the site, e.g. "LABO" (also in every export). */
  siteCode: z.string().regex(SITE_CODE),
  siteName: z.string().trim().max(SITE_NAME_MAX),
  enabledLanguages: z.array(z.enum(LANGUAGES)).min(1),
  // Bounds from docs/accessibility.md: the warning gives at least 20 s; the idle delay is long enough
  // to read a question aloud twice and short enough that the next person finds a fresh kiosk.
  idleDelayS: z.number().int().min(30).max(600),
  warningDelayS: z.number().int().min(20).max(120),
  /** A sound when a citizen taps "Demander de l'aide", so that staff hear it across the room. */
  helpChime: z.boolean(),
  /** Loudness of that sound, in % of the loudest the kiosk plays without distortion. */
  helpChimeVolume: z.number().int().min(HELP_CHIME_VOLUME_MIN).max(100),
  /** Seconds between two rings while nobody has answered the request. */
  helpChimeRepeatS: z.number().int().min(HELP_CHIME_REPEAT_MIN_S).max(HELP_CHIME_REPEAT_MAX_S),
  /** Rings at most per request (1: once), so that a kiosk left alone does not ring all day. */
  helpChimeMaxRings: z.number().int().min(1).max(HELP_CHIME_MAX_RINGS),
  /**
   * What the help banner promises: 'staffComing' (« Une personne va venir vous aider ») where
   * staff are on site, 'showReception' (« Montrez cet écran à l'accueil ») where nobody watches
   * the kiosk. The screen must never promise more than the site gives.
   */
  helpPromise: z.enum(HELP_PROMISES),
  directory: directorySchema,
  /** Figures on screen computed on fewer than k sessions are shown as "< k". */
  smallCellK: z.number().int().min(SMALL_CELL_K_MIN).max(SMALL_CELL_K_MAX),
  /**
   * The site's opening hours in OpenStreetMap `opening_hours` syntax ("Mo-Fr 09:00-17:00"),
   * empty for "always open". Outside them the kiosk shows a calm "closed" screen. The syntax is
   * checked in the main process (electron/services/opening-hours.ts).
   */
  openingHours: z.string().trim().max(300),
  /** Local time ("04:00") at which the kiosk restarts each day to start fresh; empty for never. */
  dailyRestart: z.string().regex(/^(|([01]\d|2[0-3]):[0-5]\d)$/),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A change from the staff area: any subset of the settings, each validated. */
export const settingsPatchSchema = settingsSchema.partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export function defaultSettings(): Settings {
  return {
    ...DEFAULT_SITE,
    // Every language ships its texts (test/unit/locales.test.ts), so all of LANGUAGES; not read
    // from the texts themselves, which would load every locale wherever settings are read.
    enabledLanguages: [...LANGUAGES],
    idleDelayS: 90,
    warningDelayS: 30,
    helpChime: true,
    // Near full scale, every 20 s, for 5 minutes at most (15 rings): heard across a room,
    // and silent again if nobody is there to answer.
    helpChimeVolume: 100,
    helpChimeRepeatS: 20,
    helpChimeMaxRings: 15,
    helpPromise: 'staffComing',
    directory: DEFAULT_DIRECTORY,
    smallCellK: 5,
    openingHours: '',
    // At night, when centres sociaux are closed: memory starts clean every day.
    dailyRestart: '04:00',
  };
}
