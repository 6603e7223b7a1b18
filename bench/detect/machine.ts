import { cpus, loadavg } from 'node:os';

/** One line describing where a benchmark ran (the numbers mean little without it). */
export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  return `${new Date().toISOString()} · node ${process.version} · ${cpus().length} cores · ${cpu} · load average ${load}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `work` and returns wall and CPU (user + system) milliseconds. */
export function measure(work: () => void): { wallMs: number; cpuMs: number } {
  const cpuStart = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  work();
  const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}
