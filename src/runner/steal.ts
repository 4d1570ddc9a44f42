/**
 * Steal time: the share of CPU time the hypervisor gave to other guests, from the first line of
 * `/proc/stat` (see proc(5): user nice system idle iowait irq softirq steal guest guest_nice, in
 * clock ticks; guest time is already counted in user). Null where `/proc/stat` does not exist.
 */
import { readFileSync } from 'node:fs';

/** Cumulative CPU ticks of all CPUs. */
export interface CpuTicks {
  steal: number;
  total: number;
}

/** Reads the current totals, or null when the platform has no `/proc/stat`. */
export function readCpuTicks(procStat = '/proc/stat'): CpuTicks | null {
  let text: string;
  try {
    text = readFileSync(procStat, 'utf8');
  } catch {
    return null;
  }
  return parseCpuTicks(text);
}

/** Parses the aggregate `cpu` line of `/proc/stat` text. */
export function parseCpuTicks(procStatText: string): CpuTicks | null {
  const line = /^cpu\s+(.+)$/m.exec(procStatText)?.[1];
  if (!line) return null;
  const fields = line.trim().split(/\s+/).map(Number);
  const counted = fields.slice(0, 8);
  if (counted.length < 8 || counted.some((v) => !Number.isFinite(v))) return null;
  return { steal: counted[7] ?? 0, total: counted.reduce((a, b) => a + b, 0) };
}

/** Steal ticks as a fraction of all ticks between two readings; null when unknown or no time passed. */
export function stealFraction(before: CpuTicks | null, after: CpuTicks | null): number | null {
  if (!before || !after) return null;
  const total = after.total - before.total;
  if (total <= 0) return null;
  return Math.max(0, after.steal - before.steal) / total;
}
