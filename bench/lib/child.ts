/**
 * Runs a `reperes` command as a child process, the way staff and analysts run it, and
 * measures its wall time (spawn to exit, Node and tsx start-up included) and the peak RSS of
 * its Node process (child processes it starts, such as Chromium for publish, are not counted).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../../test/harness/repo-root';

export interface ChildRun {
  code: number | null;
  wallMs: number;
  peakRssMiB: number | null;
  stdout: string;
  stderr: string;
}

export async function runReperes(args: readonly string[], options: { env?: Record<string, string> } = {}): Promise<ChildRun> {
  const root = repoRoot();
  const scratch = mkdtempSync(join(tmpdir(), 'reperes-bench-rss-'));
  const rssFile = join(scratch, 'rss');
  try {
    const started = performance.now();
    // process.execPath: the Node 22 the bench itself runs on (better-sqlite3 13 needs it).
    const child = spawn(process.execPath, ['--import', resolve(root, 'bench/lib/rss-hook.mjs'), resolve(root, 'bin/reperes.mjs'), ...args], {
      cwd: root,
      env: { ...process.env, ...options.env, BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((ok, fail) => {
      child.on('error', fail);
      child.on('close', ok);
    });
    const wallMs = performance.now() - started;
    let peakRssMiB: number | null = null;
    try {
      peakRssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
    } catch {
      peakRssMiB = null;
    }
    return { code, wallMs, peakRssMiB, stdout, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function assertOk(run: ChildRun, what: string): void {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}:\n${run.stdout}\n${run.stderr}`);
}
