/**
 * The gate of `npm run security:electronegativity` (scripts/electronegativity.mjs): which
 * findings of an Electronegativity SARIF report count as justified. The tool itself runs
 * in CI (.ci/run); this checks the rules without it.
 */
import { describe, expect, it } from 'vitest';
import { engDisableLines, findingsFromSarif, justificationFor, type Finding } from '../../scripts/electronegativity.mjs';

const finding = (check: string, file: string | null, line: number): Finding => ({ check, level: 'warning', file, line, message: '' });

describe('findingsFromSarif', () => {
  it('reads check, file and line, and marks whole-app findings with no file', () => {
    const sarif = {
      runs: [
        {
          results: [
            { ruleId: 'AUXCLICK_JS_CHECK', level: 'warning', message: { text: 'Middle-click…' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'electron/window.ts' }, region: { startLine: 21 } } }] },
            { ruleId: 'CSP_GLOBAL_CHECK', level: 'note', message: { text: 'No CSP' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'file:///' }, region: { startLine: 1 } } }] },
          ],
        },
      ],
    };
    expect(findingsFromSarif(sarif)).toEqual([
      { check: 'AUXCLICK_JS_CHECK', level: 'warning', file: 'electron/window.ts', line: 21, message: 'Middle-click…' },
      { check: 'CSP_GLOBAL_CHECK', level: 'note', file: null, line: 1, message: 'No CSP' },
    ]);
  });
});

describe('justificationFor', () => {
  const source = [
    'const a = 1;',
    '  // Built by electron-vite.',
    '  // electronegativity-justified: PRELOAD_JS_CHECK — the preload exposes one frozen',
    '  // function over the contract channels.',
    "  preload: join(__dirname, 'preload.js'),",
    '  other: 1, // electronegativity-justified: SANDBOX_JS_CHECK — a reason long enough',
    '  unrelated: 2,',
    '  /* electronegativity-justified: WEB_SECURITY_JS_CHECK — short */',
    '  webSecurity: true,',
  ].join('\n');

  it('accepts a justification in the comment block above, with its whole reason', () => {
    expect(justificationFor(finding('PRELOAD_JS_CHECK', 'f.ts', 5), source)).toBe('the preload exposes one frozen function over the contract channels.');
  });

  it('accepts a trailing comment on the reported line', () => {
    expect(justificationFor(finding('SANDBOX_JS_CHECK', 'f.ts', 6), source)).toBe('a reason long enough');
  });

  it('refuses another check’s justification, one separated by code, and a reason too short to say why', () => {
    expect(justificationFor(finding('CONTEXT_ISOLATION_JS_CHECK', 'f.ts', 5), source)).toBeNull();
    expect(justificationFor(finding('PRELOAD_JS_CHECK', 'f.ts', 7), source)).toBeNull();
    expect(justificationFor(finding('WEB_SECURITY_JS_CHECK', 'f.ts', 9), source)).toBeNull();
  });

  it('reads HTML comments spanning several lines', () => {
    const html = ['<head>', '  <!-- electronegativity-justified: CSP_GLOBAL_CHECK — script-src self serves', '       only built files -->', '  <meta', '    http-equiv="Content-Security-Policy"'].join('\n');
    expect(justificationFor(finding('CSP_GLOBAL_CHECK', 'index.html', 4), html)).toBe('script-src self serves only built files');
  });

  it('cannot justify a finding about the whole app', () => {
    expect(justificationFor(finding('CSP_GLOBAL_CHECK', null, 1), '')).toBeNull();
  });
});

describe('engDisableLines', () => {
  it('finds Electronegativity’s own suppressions, which the gate forbids', () => {
    expect(engDisableLines('a\n// eng-disable SANDBOX_JS_CHECK\nb\n<!-- eng-disable CSP_GLOBAL_CHECK -->')).toEqual([
      { line: 2, text: '// eng-disable SANDBOX_JS_CHECK' },
      { line: 4, text: '<!-- eng-disable CSP_GLOBAL_CHECK -->' },
    ]);
  });
});
