/** The bench's results as JSON (everything) and as the Markdown table the README shows. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineInfo } from './machine';

export interface Metric {
  id: string;
  /** What is measured, in words. */
  label: string;
  /** The target in words ("≤ 50 ms"), or "—" for a figure reported without a target. */
  target: string;
  /** The measured figure as shown: "12.3 ms (p95 45.6 ms)". */
  measured: string;
  /** Repères ÷ the comparison named in `ratioOf`, or Repères ÷ its floor. */
  ratio: string;
  /** true/false against the target; null when there is no target. */
  pass: boolean | null;
  /** The numbers behind `measured`, for tools. */
  values: Record<string, number | string | boolean | null>;
}

export interface BenchResults {
  format: 'reperes-bench';
  version: 1;
  mode: 'full' | 'smoke';
  startedAt: string;
  durationS: number;
  machine: MachineInfo;
  settings: Record<string, number | string | boolean>;
  metrics: Metric[];
  details: Record<string, unknown>;
  notes: string[];
}

const passText = (pass: boolean | null) => (pass === null ? '—' : pass ? '✅ pass' : '❌ fail');

export function machineLines(m: MachineInfo): string[] {
  return [
    `- CPU: ${m.cpu}, ${m.cores} cores; RAM ${m.ramGiB} GiB`,
    `- OS: ${m.os}`,
    `- Node ${m.node}; Chromium ${m.chromium ?? 'not run'}`,
    `- Load average (1 min) at start ${m.loadAverage.start}, at end ${m.loadAverage.end ?? '?'} (other work on the machine inflates wall times)`,
  ];
}

export function markdownTable(results: BenchResults): string {
  const lines = [
    '| Metric | Target | Measured: median (p95) | Ratio | Result |',
    '|---|---|---|---|---|',
    ...results.metrics.map((m) => `| ${m.label} | ${m.target} | ${m.measured} | ${m.ratio} | ${passText(m.pass)} |`),
  ];
  return lines.join('\n');
}

export function markdownReport(results: BenchResults): string {
  const failed = results.metrics.filter((m) => m.pass === false);
  return [
    `# Repères bench (${results.mode === 'smoke' ? 'smoke run: tiny sizes, figures not meaningful' : 'full run'})`,
    '',
    `Run ${results.startedAt}, ${Math.round(results.durationS / 60)} min. Command: \`${results.mode === 'smoke' ? 'npm run bench:smoke' : 'npm run bench'}\`.`,
    '',
    markdownTable(results),
    '',
    '**Machine**',
    '',
    ...machineLines(results.machine),
    '',
    failed.length === 0 ? 'Every target is met.' : `Targets missed: ${failed.map((m) => m.label).join('; ')} (see the notes).`,
    '',
    '**Notes**',
    '',
    ...results.notes.map((n) => `- ${n}`),
    '',
    `Settings: ${Object.entries(results.settings)
      .map(([k, v]) => `${k} = ${v}`)
      .join(', ')}.`,
    '',
  ].join('\n');
}

export function writeResults(dir: string, results: BenchResults): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'latest.json');
  const md = join(dir, 'latest.md');
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(md, markdownReport(results));
  return { json, md };
}
