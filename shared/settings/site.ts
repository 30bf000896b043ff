/**
 * The two settings that travel in every export bundle: the site's code and name. Their rules
 * live here, without the schema library, because `reperes export` reads them and must start
 * within 3× `reperes --help` (issue 13); the settings schema (schema.ts) and the bundle schema
 * (export/bundle-schema.ts) are built on the same rules.
 */

/** Short code the analysts use for the site, e.g. "LABO". */
export const SITE_CODE = /^[A-Z0-9-]{0,16}$/;
/** The site's name, after trimming. */
export const SITE_NAME_MAX = 80;

export interface Site {
  siteCode: string;
  siteName: string;
}

/** Until staff name the site: no code, no name. */
export const DEFAULT_SITE: Readonly<Site> = { siteCode: '', siteName: '' };

/** The site's code if `value` (read back from storage) is one, else null. */
export function siteCodeOf(value: unknown): string | null {
  return typeof value === 'string' && SITE_CODE.test(value) ? value : null;
}

/** The site's name, trimmed, if `value` (read back from storage) is one, else null. */
export function siteNameOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim();
  return name.length <= SITE_NAME_MAX ? name : null;
}
