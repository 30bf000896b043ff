// Types of scripts/audit.mjs, for test/unit/audit-gate.test.ts.
export interface Advisory {
  package: string;
  severity: string;
  title: string;
  url: string;
  range: string;
  fixAvailable: unknown;
}
export type AuditOutcome = { kind: 'report'; report: { vulnerabilities: Record<string, unknown>; metadata?: unknown } } | { kind: 'unreachable'; reason: string } | { kind: 'error'; reason: string };
export declare const GATING: string[];
export declare const SHIPPED_DEV_PACKAGES: string[];
export declare function classifyAuditOutput(stdout: string): AuditOutcome;
export declare function advisories(report: { vulnerabilities?: Record<string, unknown> }): Advisory[];
export declare function isGating(advisory: Advisory): boolean;
