/**
 * The README's "Latest results" block: written by a full `npm run bench` from its results, and
 * checked against bench/results/latest.json by test/unit/bench-readme.test.ts, so that the
 * README always shows the latest committed run with the machine it ran on.
 */
import { machineLines, markdownTable, type BenchResults } from './report';

export const README_START = '<!-- bench:results:start (written by `npm run bench`; do not edit by hand) -->';
export const README_END = '<!-- bench:results:end -->';

export function readmeBlock(results: BenchResults): string {
  const failed = results.metrics.filter((m) => m.pass === false);
  return [
    `Full run of ${results.startedAt.slice(0, 10)} (${Math.round(results.durationS / 60)} min), from \`bench/results/latest.json\`:`,
    '',
    markdownTable(results),
    '',
    'Machine:',
    '',
    ...machineLines(results.machine),
    '',
    failed.length === 0 ? 'Every target is met.' : `Targets missed: ${failed.map((m) => m.label).join('; ')}. Why: below.`,
  ].join('\n');
}

/** The README with its results block replaced; throws when the markers are not there once each. */
export function withReadmeBlock(readme: string, results: BenchResults): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end === -1 || end < start || readme.indexOf(README_START, start + 1) !== -1 || readme.indexOf(README_END, end + 1) !== -1) {
    throw new Error('README.md: the bench results markers are missing or repeated');
  }
  return `${readme.slice(0, start + README_START.length)}\n${readmeBlock(results)}\n${readme.slice(end)}`;
}

/** The block currently between the markers (for the test), or null. */
export function currentReadmeBlock(readme: string): string | null {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start === -1 || end === -1 || end < start) return null;
  return readme.slice(start + README_START.length, end).trim();
}
