/**
 * The gate of `npm run security:audit` (scripts/audit.mjs): how npm audit's JSON is read,
 * which advisories fail the build, and the one case where the audit may not run (the
 * advisory endpoint out of reach) told apart from every other npm error.
 */
import { describe, expect, it } from 'vitest';
import { advisories, classifyAuditOutput, isGating } from '../../scripts/audit.mjs';

/** npm audit --json (report version 2), trimmed to what the gate reads. */
const REPORT = {
  auditReportVersion: 2,
  vulnerabilities: {
    qrcode: { name: 'qrcode', severity: 'high', isDirect: true, via: ['dijkstrajs'], effects: [], range: '<=1.5.4', fixAvailable: true },
    dijkstrajs: {
      name: 'dijkstrajs',
      severity: 'high',
      isDirect: false,
      via: [{ source: 1, name: 'dijkstrajs', title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-xxxx', severity: 'high', range: '<1.0.3' }],
      effects: ['qrcode'],
      range: '<1.0.3',
      fixAvailable: true,
    },
    zod: { name: 'zod', severity: 'moderate', isDirect: true, via: [{ source: 2, name: 'zod', title: 'ReDoS', url: 'https://github.com/advisories/GHSA-yyyy', severity: 'moderate', range: '<3.22.3' }], effects: [], range: '<3.22.3', fixAvailable: false },
  },
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 2, critical: 0, total: 3 } },
};

describe('classifyAuditOutput', () => {
  it('reads a report', () => {
    expect(classifyAuditOutput(JSON.stringify(REPORT))).toMatchObject({ kind: 'report' });
    expect(classifyAuditOutput(JSON.stringify({ auditReportVersion: 2, vulnerabilities: {}, metadata: {} }))).toMatchObject({ kind: 'report' });
  });

  it('recognises the advisory endpoint out of reach: a mirror refusing it, or no network', () => {
    const refused = { message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', method: 'POST', uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } };
    const offline = { message: 'request to http://127.0.0.1:9/-/npm/v1/security/advisories/bulk failed, reason: connect ECONNREFUSED 127.0.0.1:9', error: { summary: '', detail: '' } };
    expect(classifyAuditOutput(JSON.stringify(refused))).toEqual({ kind: 'unreachable', reason: refused.message });
    expect(classifyAuditOutput(JSON.stringify(offline))).toMatchObject({ kind: 'unreachable' });
  });

  it('treats every other failure as an error that fails the gate', () => {
    const noLockfile = { error: { code: 'ENOLOCK', summary: 'This command requires an existing lockfile.', detail: 'Try creating one first with: npm i --package-lock-only' } };
    expect(classifyAuditOutput(JSON.stringify(noLockfile))).toMatchObject({ kind: 'error', reason: 'This command requires an existing lockfile.' });
    expect(classifyAuditOutput('npm ERR! something')).toMatchObject({ kind: 'error' });
    // A network error about another URL is not the advisory endpoint being out of reach.
    expect(classifyAuditOutput(JSON.stringify({ message: 'request to https://example.org/x failed, reason: ENOTFOUND' }))).toMatchObject({ kind: 'error' });
  });
});

describe('advisories', () => {
  it('lists each advisory with its package, and packages vulnerable through another', () => {
    const list = advisories(REPORT);
    expect(list).toContainEqual({ package: 'dijkstrajs', severity: 'high', title: 'Prototype pollution', url: 'https://github.com/advisories/GHSA-xxxx', range: '<1.0.3', fixAvailable: true });
    expect(list).toContainEqual(expect.objectContaining({ package: 'qrcode', severity: 'high', title: 'through dijkstrajs' }));
    expect(list).toContainEqual(expect.objectContaining({ package: 'zod', severity: 'moderate', fixAvailable: false }));
  });

  it('gates on high and critical only', () => {
    const gating = advisories(REPORT).filter(isGating).map((a) => a.package);
    expect(gating.sort()).toEqual(['dijkstrajs', 'qrcode']);
    expect(isGating({ package: 'x', severity: 'critical', title: '', url: '', range: '', fixAvailable: true })).toBe(true);
    expect(isGating({ package: 'x', severity: 'low', title: '', url: '', range: '', fixAvailable: true })).toBe(false);
  });
});
