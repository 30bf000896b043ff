/**
 * The README's performance table is the latest full bench run (issue 8: "the README shows the
 * latest table with the machine it ran on"): the block between its markers must be exactly
 * what bench/lib/readme.ts makes of bench/results/latest.json, and that file must be a full
 * run of every section at the sizes the issue names.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentReadmeBlock, readmeBlock, withReadmeBlock, README_END, README_START } from '../../bench/lib/readme';
import type { BenchResults } from '../../bench/lib/report';
import { repoRoot } from '../harness/repo-root';

const root = repoRoot();
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
const latest = JSON.parse(readFileSync(resolve(root, 'bench/results/latest.json'), 'utf8')) as BenchResults;

describe('README performance table', () => {
  it('comes from a full run of every section at the sizes of issue 8', () => {
    expect(latest.format).toBe('reperes-bench');
    expect(latest.mode).toBe('full');
    expect(String(latest.settings['sections']).split(' ').sort()).toEqual(['analyst', 'coldload', 'export', 'save', 'soak', 'transitions']);
    expect(latest.settings).toMatchObject({ cpuRate: 4, soakSessions: 10_000, exportSessions: 1_000_000, bundles: '20×50' });
    expect(latest.settings['runs']).toBeGreaterThanOrEqual(5);
    const ids = latest.metrics.map((m) => m.id);
    for (const id of ['coldLoad', 'kioskJs', 'transition', 'soakHeap', 'soakDom', 'soakSaved', 'save', 'export', 'import', 'publish']) expect(ids).toContain(id);
    expect(latest.machine.cores).toBeGreaterThan(0);
  });

  it('is the block the bench writes for bench/results/latest.json', () => {
    expect(currentReadmeBlock(readme)).toBe(readmeBlock(latest).trim());
  });

  it('is replaced between the markers only, and refuses a README without them', () => {
    const other = { ...latest, startedAt: '2030-01-02T03:04:05.000Z' };
    const replaced = withReadmeBlock(readme, other);
    expect(replaced.slice(0, replaced.indexOf(README_START))).toBe(readme.slice(0, readme.indexOf(README_START)));
    expect(replaced.slice(replaced.indexOf(README_END))).toBe(readme.slice(readme.indexOf(README_END)));
    expect(currentReadmeBlock(replaced)).toContain('Full run of 2030-01-02');
    expect(() => withReadmeBlock('# no markers', latest)).toThrow(/markers/);
    expect(() => withReadmeBlock(`${README_START}\n${README_END}\n${README_START}\n${README_END}`, latest)).toThrow(/markers/);
  });
});
