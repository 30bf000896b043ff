/**
 * Running `reperes` in the tests: in process through `main()` (fast; the same code as the
 * program after its Node check), or as the program itself (`bin/reperes.mjs` in a child
 * process, with a timeout) where the process matters: exit codes seen by a shell, a command
 * that must not spin, a terminal that is not there.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type Output } from '../../electron/cli/reperes';
import { repoRoot } from './repo-root';

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** `reperes …` in process; `answer` is what the analyst types when asked (undefined: no terminal). */
export async function reperes(argv: readonly string[], o: { answer?: string } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    ...(o.answer !== undefined ? { ask: async (q: string) => (err.push(q), o.answer as string) } : {}),
  };
  const code = await main(argv, output);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `reperes …` as a program (Node 22 + tsx through bin/reperes.mjs), killed after `timeoutMs`. */
export function reperesProgram(args: readonly string[], o: { timeoutMs?: number; command?: string[] } = {}): Promise<Run & { timedOut: boolean }> {
  return new Promise((resolve) => {
    const [cmd, ...pre] = o.command ?? [process.execPath];
    const child = spawn(cmd as string, [...pre, join(repoRoot(), 'bin/reperes.mjs'), ...args], { cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, o.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err, timedOut });
    });
  });
}

/** SHA-256 of a database file and its WAL if any: "byte-identical" means this did not change. */
export function databaseBytes(file: string): string {
  const hash = createHash('sha256').update(readFileSync(file));
  if (existsSync(`${file}-wal`)) hash.update(readFileSync(`${file}-wal`));
  return hash.digest('hex');
}

/** No raw control character (ESC and the like) nor bidirectional override in the text; line breaks allowed. */
export function hasRawControl(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(text);
}
