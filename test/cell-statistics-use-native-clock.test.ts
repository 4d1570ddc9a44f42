import { describe, expect, it } from 'vitest';
import { measureCell, type Sampler } from '../src/runner/measure-cell.js';
import { cellStatistics, sampleBytesPerS } from '../src/runner/cell-statistics.js';
import type { SampleBudget, SampleCounters } from '../src/types.js';

function counters(bytes: number, wallNs: number, extra: Partial<SampleCounters> = {}): SampleCounters {
  return {
    bytes,
    messages: bytes / 1024,
    sendCalls: bytes / 1024,
    recvCalls: bytes / 4096,
    partialSends: 1,
    partialRecvs: 0,
    wallNs,
    clientCpuNs: wallNs / 2,
    serverCpuNs: wallNs / 4,
    latency: null,
    ...extra,
  };
}

/** Replays fixed counters after a real delay unrelated to them, as a native session would. */
function replaySampler(list: SampleCounters[], delayMs: number): Sampler & { budgets: SampleBudget[] } {
  let next = 0;
  const budgets: SampleBudget[] = [];
  return {
    budgets,
    async sample(budget) {
      budgets.push(budget);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return list[next++ % list.length] as SampleCounters;
    },
  };
}

describe('cell statistics come from the native clock', () => {
  // Byte counts vary as in duration-budget samples; the JS-side delay (5 ms) is unrelated to wallNs.
  const native = [
    counters(1024 * 1000, 250e6),
    counters(1024 * 1100, 250e6),
    counters(1024 * 900, 240e6),
    counters(1024 * 1050, 260e6),
  ];

  it('takes exactly the requested samples after one warm-up call', async () => {
    const sampler = replaySampler(native, 5);
    const m = await measureCell(sampler, { budget: { durationMs: 250 }, samples: 4, warmupMs: 100 });
    expect(sampler.budgets).toEqual([{ durationMs: 100 }, ...new Array(4).fill({ durationMs: 250 })]);
    expect(m.samples).toHaveLength(4);
  });

  it('reports tinybench spread of per-sample bytes/s and the ratio of sums as throughput', async () => {
    const sampler = replaySampler(native, 5);
    const m = await measureCell(sampler, { budget: { durationMs: 250 }, samples: 4, warmupMs: 0 });
    const rates = m.samples.map((s) => sampleBytesPerS(s.counters));
    expect(m.throughput.min).toBeCloseTo(Math.min(...rates), 0);
    expect(m.throughput.max).toBeCloseTo(Math.max(...rates), 0);
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    const sd = Math.sqrt(rates.reduce((a, r) => a + (r - mean) ** 2, 0) / (rates.length - 1));
    expect(m.throughput.sd / sd).toBeCloseTo(1, 6);
    // Two-sided 95 % Student t with 3 degrees of freedom.
    expect(m.throughput.rme).toBeCloseTo((100 * 3.182446 * sd) / Math.sqrt(4) / mean, 3);

    const stats = cellStatistics(m.samples.map((s) => s.counters), m.throughput);
    const bytes = native.reduce((a, c) => a + c.bytes, 0);
    const wallS = native.reduce((a, c) => a + c.wallNs, 0) / 1e9;
    expect(stats.bytesPerS).toBeCloseTo(bytes / wallS, 3);
    expect(stats.gbitPerS).toBeCloseTo((bytes * 8) / wallS / 1e9, 9);
    expect(stats.partialSends).toBe(4);
    expect(stats.clientCpuSPerGib).toBeCloseTo(wallS / 2 / (bytes / 1024 ** 3), 9);
    expect(stats.latencyP50Us).toBeNull();
  });

  it('records the JS-observed time of each native call next to its native wall time', async () => {
    const sampler = replaySampler(native, 20);
    const m = await measureCell(sampler, { budget: { bytes: 1 << 20 }, samples: 3, warmupMs: 0 });
    for (const s of m.samples) expect(s.observedNs).toBeGreaterThanOrEqual(19e6);
  });

  it('leaves server CPU and latency empty when a sample does not know them', () => {
    const withoutServer = [counters(1000, 1e6, { serverCpuNs: null }), counters(1000, 1e6)];
    const stats = cellStatistics(withoutServer, { rme: 0, sd: 0, min: 0, p50: 0, max: 0 });
    expect(stats.serverCpuSPerGib).toBeNull();
    const echo = [
      counters(1000, 1e6, { latency: { count: 10, p50Us: 10, p99Us: 50, p999Us: 90, maxUs: 100 } }),
      counters(1000, 1e6, { latency: { count: 10, p50Us: 12, p99Us: 70, p999Us: 95, maxUs: 300 } }),
      counters(1000, 1e6, { latency: { count: 10, p50Us: 30, p99Us: 60, p999Us: 99, maxUs: 200 } }),
    ];
    const e = cellStatistics(echo, { rme: 0, sd: 0, min: 0, p50: 0, max: 0 });
    expect([e.latencyP50Us, e.latencyP99Us, e.latencyP999Us, e.latencyMaxUs]).toEqual([12, 60, 95, 300]);
  });

  it('fails a sample that moved no bytes instead of reporting an infinite rate', async () => {
    const sampler = replaySampler([counters(0, 1e6)], 1);
    await expect(measureCell(sampler, { budget: { durationMs: 1 }, samples: 2, warmupMs: 0 })).rejects.toThrow(/moved 0 bytes/);
  });
});
