/**
 * Which export numbers of a kiosk are missing below its latest one, described without
 * enumerating them: a signed bundle may claim a sequence in the hundreds of thousands, and a
 * list of every missing number would cost seconds and megabytes (found by the import fuzzer).
 */
export const LISTED_MISSING = 20;

export interface MissingSequences {
  count: number;
  /** The first missing numbers, at most LISTED_MISSING. */
  first: number[];
}

export function missingSequences(known: ReadonlySet<number>, below: number): MissingSequences {
  const first: number[] = [];
  for (let s = 1; s < below && first.length < LISTED_MISSING; s++) if (!known.has(s)) first.push(s);
  let present = 0;
  for (const s of known) if (s >= 1 && s < below) present++;
  return { count: Math.max(0, below - 1 - present), first };
}

/** "1, 2, 3" or "1, 2, … (1 234 missing)" for reports. */
export function describeMissing(missing: MissingSequences): string {
  const listed = missing.first.join(', ');
  return missing.count > missing.first.length ? `${listed}, … (${missing.count})` : listed;
}
