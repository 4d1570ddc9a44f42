import { describe, expect, it } from 'vitest';
import { measureCell, type Sampler } from '../src/runner/measure-cell.js';
import { relativeMarginPct } from '../src/runner/relative-margin.js';
import { planRun } from '../src/grid/plan.js';
import type { SampleCounters } from '../src/types.js';

/** Samples whose throughput cycles through `rates` (bytes per ms of a 1 ms wall). */
function cyclingSampler(rates: number[]): Sampler & { calls: number } {
  const s = {
    calls: 0,
    async sample(): Promise<SampleCounters> {
      const bytes = rates[s.calls++ % rates.length] as number;
      return { bytes, messages: 1, sendCalls: 1, recvCalls: 1, partialSends: 0, partialRecvs: 0, wallNs: 1e6, clientCpuNs: 0, serverCpuNs: 0, latency: null };
    },
  };
  return s;
}

describe('sampling stops once the relative margin of error reaches its target', () => {
  it('computes the margin as tinybench does (Student t, 95 %)', () => {
    expect(relativeMarginPct([100, 102, 98, 101, 99])).toBeCloseTo((100 * 2.776 * Math.sqrt(2.5 / 5)) / 100, 6);
    expect(relativeMarginPct([5])).toBe(Infinity);
  });

  it('stops at the minimum when the samples are steady, and tinybench agrees the target is met', async () => {
    const sampler = cyclingSampler([1000, 1010, 990, 1005, 995]);
    const m = await measureCell(sampler, { budget: { durationMs: 1 }, samples: 5, rmeTargetPct: 3, maxSamples: 30, warmupMs: 0 });
    expect(m.samples).toHaveLength(5);
    expect(m.throughput.rme).toBeLessThanOrEqual(3);
  });

  it('keeps sampling a noisy cell until the target, but never past the maximum', async () => {
    const noisy = await measureCell(cyclingSampler([1000, 600, 1400, 800, 1200]), {
      budget: { durationMs: 1 },
      samples: 5,
      rmeTargetPct: 3,
      maxSamples: 12,
      warmupMs: 0,
    });
    expect(noisy.samples).toHaveLength(12);
    expect(noisy.throughput.rme).toBeGreaterThan(3);

    const settles = await measureCell(cyclingSampler([1000, 900, 1100, 950, 1050]), {
      budget: { durationMs: 1 },
      samples: 5,
      rmeTargetPct: 5,
      maxSamples: 100,
      warmupMs: 0,
    });
    expect(settles.samples.length).toBeGreaterThan(5);
    expect(settles.samples.length).toBeLessThan(100);
    expect(settles.throughput.rme).toBeLessThanOrEqual(5);
  });

  it('takes its limits from --rme-target and --max-samples (default 3 × --samples)', () => {
    expect(planRun(null, { samples: '10', rmeTarget: '3' })).toMatchObject({ samples: 10, rmeTargetPct: 3, maxSamples: 30 });
    expect(planRun(null, { samples: '10', rmeTarget: '2.5%', maxSamples: '40' })).toMatchObject({ rmeTargetPct: 2.5, maxSamples: 40 });
    expect(planRun(null, { samples: '10' })).toMatchObject({ rmeTargetPct: null, maxSamples: 10 });
    expect(() => planRun(null, { samples: '10', rmeTarget: '3', maxSamples: '5' })).toThrow(/--max-samples: must be at least --samples \(10\); got 5/);
    expect(() => planRun(null, { rmeTarget: 'low' })).toThrow(/--rme-target: must be a percentage > 0/);
  });
});
