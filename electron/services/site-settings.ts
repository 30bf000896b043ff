/**
 * The site's code and name as the settings store would give them (settings.ts), read without
 * the schema library: `reperes export` needs only these two settings, and loading zod to read
 * them took a fifth of the time the export may take (issue 13). test/unit/site-settings.test.ts
 * proves that both readers agree on any stored value, damaged ones included.
 */
import type { Db } from './database';
import { DEFAULT_SITE, siteCodeOf, siteNameOf, type Site } from '../../shared/settings/site';

export function readSite(db: Db): Site {
  const site: Site = { ...DEFAULT_SITE };
  const rows = db.prepare("SELECT key, value FROM settings WHERE key IN ('siteCode', 'siteName')").all() as { key: string; value: string }[];
  for (const row of rows) {
    // The table's CHECK (json_valid) keeps every value JSON.
    const value: unknown = JSON.parse(row.value);
    if (row.key === 'siteCode') site.siteCode = siteCodeOf(value) ?? site.siteCode;
    else site.siteName = siteNameOf(value) ?? site.siteName;
  }
  return site;
}
