/** The machine a bench ran on, written next to every table (README: "with the machine"). */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  chromium: string | null;
  /** 1-minute load average at the start and the end: other work on the machine skews timings. */
  loadAverage: { start: number; end: number | null };
}

function osName(): string {
  const file = '/etc/os-release';
  const pretty = existsSync(file) ? /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
  return `${pretty ?? process.platform} (kernel ${release()})`;
}

function cpuName(): string {
  const model = cpus()[0]?.model?.trim();
  return model && model.length > 0 ? model : 'unknown';
}

export function machineInfo(): MachineInfo {
  return {
    cpu: cpuName(),
    cores: cpus().length,
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: osName(),
    node: process.version,
    chromium: null,
    loadAverage: { start: Math.round((loadavg()[0] ?? 0) * 100) / 100, end: null },
  };
}

export function currentLoad(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
