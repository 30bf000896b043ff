/**
 * Texts looked up once per language: the kiosk asks i18next for the same few hundred texts at
 * every screen, and each lookup walks the options, the fallbacks and the interpolation of
 * i18next again (about a fifth of the rendering script between "Suivant" and the next
 * question at CPU ×4, bench/). Kept: a key alone, or a key with options made only of numbers,
 * strings and booleans (values, a count), which give the same text every time; anything else
 * goes to i18next as before. Forgotten when texts are added or removed.
 */
import type { i18n as I18n, TFunction } from 'i18next';

/** A bound on what is kept (counts and countdowns make new texts); far above one day's use. */
const MAX_TEXTS = 5000;

/**
 * The options of a lookup as a key, when they are only numbers, strings and booleans (the
 * progress "3 sur 20", a count): the same options give the same text. Null otherwise.
 */
function plainValues(options: unknown): string | null {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return null;
  for (const value of Object.values(options)) if (!['string', 'number', 'boolean'].includes(typeof value)) return null;
  return JSON.stringify(options);
}

export function cachePlainTexts(i18n: I18n): void {
  const cache = new Map<string, string>();
  const forget = () => cache.clear();
  i18n.store.on('added', forget);
  i18n.store.on('removed', forget);
  const original = i18n.getFixedT.bind(i18n);
  // i18next's own signature, overloads included: useTranslation (react-i18next) gets its t here.
  i18n.getFixedT = ((...args: Parameters<I18n['getFixedT']>) => {
    const made = original(...args);
    // Called below with whatever its callers pass; its own overloads are i18next's business.
    const fixed = made as unknown as ((...a: unknown[]) => unknown) & { lng?: string; lngs?: unknown; ns?: unknown; keyPrefix?: unknown };
    const scope = `${String(args[1] ?? '')}\u0000${String(args[2] ?? '')}\u0000`;
    const cached = (key: unknown, ...rest: unknown[]) => {
      const values = rest.length === 0 ? '' : rest.length === 1 ? plainValues(rest[0]) : null;
      if (typeof key !== 'string' || values === null) return fixed(key, ...rest);
      // The language of this lookup: the one the t was made for, else the current one.
      const id = `${fixed.lng ?? i18n.language}\u0000${scope}${key}\u0000${values}`;
      if (cache.size >= MAX_TEXTS) cache.clear();
      let text = cache.get(id);
      if (text === undefined) {
        const value = fixed(key, ...rest);
        if (typeof value !== 'string') return value;
        text = value;
        cache.set(id, text);
      }
      return text;
    };
    // react-i18next and callers read these back from the t they got.
    return Object.assign(cached, { lng: fixed.lng, lngs: fixed.lngs, ns: fixed.ns, keyPrefix: fixed.keyPrefix }) as unknown as TFunction;
  }) as I18n['getFixedT'];
}
