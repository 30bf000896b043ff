// Types of scripts/electronegativity.mjs, for test/unit/electronegativity-gate.test.ts.
export interface Finding {
  check: string;
  level: string;
  /** Repository-relative path, or null for a finding about the whole app. */
  file: string | null;
  line: number;
  message: string;
}
export declare const SCANNED: string[];
export declare function findingsFromSarif(sarif: unknown): Finding[];
export declare function commentTextAbove(lines: string[], index: number): string;
export declare function justificationFor(finding: Finding, source: string): string | null;
export declare function engDisableLines(source: string): { line: number; text: string }[];
