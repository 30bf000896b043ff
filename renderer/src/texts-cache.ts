/**
 * Texts looked up once per language: the kiosk asks i18next for the same few hundred texts at
 * every screen, and each plain lookup walks the options, the fallbacks and the interpolation
 * of i18next again (about a fifth of the rendering script between "Suivant" and the next
 * question at CPU ×4, bench/). Only plain lookups are kept (a key, no options: no count,
 * no values, no context); anything else goes to i18next as before. Forgotten when texts are
 * added or removed.
 */
import type { i18n as I18n, TFunction } from 'i18next';

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
      if (typeof key !== 'string' || rest.length > 0) return fixed(key, ...rest);
      // The language of this lookup: the one the t was made for, else the current one.
      const id = `${fixed.lng ?? i18n.language}\u0000${scope}${key}`;
      let text = cache.get(id);
      if (text === undefined) {
        const value = fixed(key);
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
