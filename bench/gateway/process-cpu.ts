import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of processes from /proc (Linux): a second, noise-resistant view of cost. Throughput on a
 * shared 2-core machine moves with whatever else runs; CPU time per request moves much less.
 */

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  ppid: number;
  /** utime + stime of the process (all its threads), in seconds. */
  cpuSeconds: number;
  /** cutime + cstime: CPU of children already waited for, in seconds. */
  childrenCpuSeconds: number;
}

function readStat(pid: number | 'self'): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name is in parentheses and may contain spaces: parse from the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): field n is at index n - 3.
  const at = (field: number) => Number(fields[field - 3]);
  return { ppid: at(4), cpuSeconds: (at(14) + at(15)) / TICKS_PER_SECOND, childrenCpuSeconds: (at(16) + at(17)) / TICKS_PER_SECOND };
}

/** Every live descendant of `root` (one scan of /proc). */
export function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) parentOf.set(Number(name), stat.ppid);
  }
  const found: number[] = [];
  let frontier = [root];
  for (let depth = 0; depth < 8 && frontier.length > 0; depth += 1) {
    const next: number[] = [];
    for (const [pid, ppid] of parentOf) if (frontier.includes(ppid)) next.push(pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

/** CPU seconds used so far by `root` and its live descendants. */
export function treeCpuSeconds(root: number, tree: readonly number[] = descendants(root)): number {
  let total = 0;
  for (const pid of [root, ...tree]) total += readStat(pid)?.cpuSeconds ?? 0;
  return total;
}

/** CPU seconds of this process's children that have exited and been reaped (e.g. a finished wrk run). */
export function reapedChildrenCpuSeconds(): number {
  return readStat('self')?.childrenCpuSeconds ?? 0;
}

/** CPU seconds used by the whole machine (all cores, user + system + irq), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
}
