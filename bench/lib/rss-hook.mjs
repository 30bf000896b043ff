// Loaded with `node --import` into a command the bench runs: writes the process's peak
// resident set size in KiB to BENCH_RSS_FILE when it exits. On Linux it reads VmHWM from
// /proc/self/status (reset at exec); getrusage's maxRSS there would still carry the peak of
// the forking parent (the bench itself) from before the exec.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.env.BENCH_RSS_FILE;
function peakKiB() {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS;
}
if (file) process.on('exit', () => writeFileSync(file, String(peakKiB())));
