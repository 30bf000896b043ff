/**
 * Numbers as each language writes them, for every published surface (report, charts, map
 * legend): French with a decimal comma, a narrow no-break space (U+202F) between thousands
 * and before « % » (Imprimerie nationale rules, as INSEE prints them); English with a dot and
 * "%" stuck to the number. Data files (CSV, Parquet) keep machine numbers with a dot.
 */
import type { AnalystLanguage } from './texts';

export const NARROW_NBSP = '\u202F';

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(lng: AnalystLanguage, digits: number): Intl.NumberFormat {
  const key = `${lng}:${digits}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lng === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    formatters.set(key, f);
  }
  return f;
}

/** 1234.5 → "1 234,5" (fr, narrow no-break space) or "1,234.5" (en); at most `digits` decimals. */
export function formatNumber(lng: AnalystLanguage, n: number, digits = 1): string {
  const text = formatter(lng, digits).format(n);
  // Whatever space the ICU data uses for grouping, French publications use U+202F.
  return lng === 'fr' ? text.replace(/[\u00A0\u202F ]/g, NARROW_NBSP) : text;
}

/** 16.1 → "16,1 %" (fr) or "16.1%" (en). */
export function formatPercent(lng: AnalystLanguage, n: number, digits = 1): string {
  return lng === 'fr' ? `${formatNumber(lng, n, digits)}${NARROW_NBSP}%` : `${formatNumber(lng, n, digits)}%`;
}

/** "[12,3 % ; 20,1 %]" (fr) or "[12.3%, 20.1%]" (en): a 95 % interval. */
export function formatInterval(lng: AnalystLanguage, low: number, high: number): string {
  return lng === 'fr' ? `[${formatPercent(lng, low)} ; ${formatPercent(lng, high)}]` : `[${formatPercent(lng, low)}, ${formatPercent(lng, high)}]`;
}
