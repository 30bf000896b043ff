/**
 * Confidence intervals and age standardisation for the analysts' shares. Pure arithmetic,
 * shown on the dashboard and written in every publication file.
 *
 * - Crude share x / n: Wilson score interval at 95 % (Wilson 1927; Newcombe 1998, method 3).
 *   It stays inside [0, 1] and behaves at 0 and n, where the usual p ± 1.96·√(p(1−p)/n) fails.
 * - Directly standardised share: Σ wᵢ·xᵢ/nᵢ over the age bands, the weights wᵢ being the
 *   share of each band in the standard population (France, 15 or over: references.ts). Its
 *   95 % interval is the MOVER interval built from each band's Wilson limits (Zou & Donner
 *   2008, « Construction of confidence limits about effect measures: a general approach »,
 *   Statistics in Medicine 27:1693–1702): L = S − √Σ(wᵢ(pᵢ − lᵢ))², U = S + √Σ(wᵢ(uᵢ − pᵢ))².
 *   Unlike the normal approximation Σwᵢ²pᵢ(1−pᵢ)/nᵢ it does not collapse to zero width when
 *   a band has 0 % or 100 %, which small kiosk samples often do.
 * A standardised share needs every band: one band with no visit, or hidden by the disclosure
 * control, and it is not computed (the caller says why).
 */

/** 97.5th percentile of the standard normal distribution: 95 % two-sided intervals. */
export const Z95 = 1.959963984540054;

export interface Interval {
  /** Point estimate, as a proportion (0–1). */
  estimate: number;
  low: number;
  high: number;
}

/** Wilson score interval of x successes out of n (n > 0). */
export function wilson(x: number, n: number, z = Z95): Interval {
  if (!(n > 0) || x < 0 || x > n) throw new Error(`wilson: need 0 ≤ x ≤ n and n > 0 (x = ${x}, n = ${n})`);
  const p = x / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At x = 0 or x = n the limit is exactly 0 or 1; rounding must not move it.
  return { estimate: p, low: x === 0 ? 0 : Math.max(0, centre - half), high: x === n ? 1 : Math.min(1, centre + half) };
}

export interface Stratum {
  /** Successes (for example visits in illectronisme) in the band. */
  x: number;
  /** Visits of the band whose situation is known. */
  n: number;
  /** The band's weight in the standard population (any scale: normalised here). */
  weight: number;
}

/** Directly standardised proportion with its MOVER-Wilson 95 % interval; null when a band has no visit. */
export function standardised(strata: readonly Stratum[], z = Z95): Interval | null {
  if (strata.length === 0 || strata.some((s) => !(s.n > 0))) return null;
  const total = strata.reduce((sum, s) => sum + s.weight, 0);
  if (!(total > 0)) throw new Error('standardised: the weights must add up to more than 0');
  let estimate = 0;
  let below = 0;
  let above = 0;
  for (const s of strata) {
    const w = s.weight / total;
    const ci = wilson(s.x, s.n, z);
    estimate += w * ci.estimate;
    below += (w * (ci.estimate - ci.low)) ** 2;
    above += (w * (ci.high - ci.estimate)) ** 2;
  }
  return { estimate, low: Math.max(0, estimate - Math.sqrt(below)), high: Math.min(1, estimate + Math.sqrt(above)) };
}

/** A proportion as a percentage with one decimal, as the publication writes shares. */
export const percent1 = (proportion: number): number => Math.round(proportion * 1000) / 10;
