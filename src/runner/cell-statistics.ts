/** Statistics of one cell from its samples: pure functions, no I/O. */
import type { SampleCounters } from '../types.js';

const GIB = 1024 ** 3;

/** The tinybench statistics of per-sample throughput (bytes/s) that a cell reports. */
export interface ThroughputStatistics {
  rme: number;
  sd: number;
  min: number;
  p50: number;
  max: number;
}

/** What a cell row reports; null = does not apply (an empty CSV field). */
export interface CellStatistics {
  samples: number;
  /** Σbytes / Σwall over all samples. */
  bytesPerS: number;
  gbitPerS: number;
  msgsPerS: number;
  /** Relative margin of error (95 %) of the mean per-sample throughput, in percent. */
  rmePct: number;
  sdBytesPerS: number;
  minBytesPerS: number;
  p50BytesPerS: number;
  maxBytesPerS: number;
  /** (send calls + receive calls) per message. */
  syscallsPerMsg: number | null;
  partialSends: number;
  clientCpuSPerGib: number | null;
  serverCpuSPerGib: number | null;
  latencyP50Us: number | null;
  latencyP99Us: number | null;
  latencyP999Us: number | null;
  latencyMaxUs: number | null;
  /** Extra percentiles asked for in the budget: the median over samples of each, in the order asked. */
  latencyPercentilesUs?: { percentile: number; us: number }[];
}

/** Bytes per second of one sample by the native clock. */
export function sampleBytesPerS(c: Pick<SampleCounters, 'bytes' | 'wallNs'>): number {
  return c.wallNs > 0 ? (c.bytes * 1e9) / c.wallNs : 0;
}

/** CPU seconds per GiB moved, or null when the CPU time or the bytes are unknown. */
export function cpuSecondsPerGib(cpuNs: number | null, bytes: number): number | null {
  if (cpuNs === null || bytes <= 0) return null;
  return cpuNs / 1e9 / (bytes / GIB);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/**
 * Combines a cell's samples. Throughput is Σbytes / Σwall (a ratio of sums, so a short sample does
 * not weigh as much as a long one); spread and rme come from tinybench's statistics of the
 * per-sample throughputs. Latency percentiles are the median over samples of each sample's
 * percentile; the maximum is the largest of all.
 */
export function cellStatistics(samples: readonly SampleCounters[], throughput: ThroughputStatistics): CellStatistics {
  const list = [...samples];
  const bytes = sum(list.map((s) => s.bytes));
  const wallS = sum(list.map((s) => s.wallNs)) / 1e9;
  const messages = sum(list.map((s) => s.messages));
  const calls = sum(list.map((s) => s.sendCalls + s.recvCalls));
  const clientCpu = list.every((s) => s.clientCpuNs !== null) ? sum(list.map((s) => s.clientCpuNs ?? 0)) : null;
  const serverCpu = list.every((s) => s.serverCpuNs !== null) ? sum(list.map((s) => s.serverCpuNs ?? 0)) : null;
  const latencies = list.map((s) => s.latency).filter((l) => l !== null);
  const withLatency = latencies.length > 0 && latencies.length === list.length;
  const bytesPerS = wallS > 0 ? bytes / wallS : 0;
  return {
    samples: list.length,
    bytesPerS,
    gbitPerS: (bytesPerS * 8) / 1e9,
    msgsPerS: wallS > 0 ? messages / wallS : 0,
    rmePct: throughput.rme,
    sdBytesPerS: throughput.sd,
    minBytesPerS: throughput.min,
    p50BytesPerS: throughput.p50,
    maxBytesPerS: throughput.max,
    syscallsPerMsg: messages > 0 ? calls / messages : null,
    partialSends: sum(list.map((s) => s.partialSends)),
    clientCpuSPerGib: cpuSecondsPerGib(clientCpu, bytes),
    serverCpuSPerGib: cpuSecondsPerGib(serverCpu, bytes),
    latencyP50Us: withLatency ? median(latencies.map((l) => l.p50Us)) : null,
    latencyP99Us: withLatency ? median(latencies.map((l) => l.p99Us)) : null,
    latencyP999Us: withLatency ? median(latencies.map((l) => l.p999Us)) : null,
    latencyMaxUs: withLatency ? Math.max(...latencies.map((l) => l.maxUs)) : null,
    latencyPercentilesUs: withLatency
      ? (latencies[0]?.percentiles ?? []).map(({ percentile }) => ({
          percentile,
          us: median(latencies.map((l) => l.percentiles?.find((p) => p.percentile === percentile)?.us ?? NaN)),
        }))
      : [],
  };
}
