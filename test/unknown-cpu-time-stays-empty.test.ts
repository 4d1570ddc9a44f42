import { expect, test } from 'vitest';
import { cellStatistics, type ThroughputStatistics } from '../src/runner/cell-statistics.js';
import type { SampleCounters } from '../src/types.js';

function counters(clientCpuNs: number | null, serverCpuNs: number | null): SampleCounters {
  return {
    bytes: 1 << 20, messages: 1024, sendCalls: 1024, recvCalls: 256, partialSends: 0, partialRecvs: 0,
    wallNs: 50e6, clientCpuNs, serverCpuNs, minConnBytes: 1 << 20, maxConnBytes: 1 << 20, latency: null,
  };
}

const throughput: ThroughputStatistics = { rme: 1, sd: 0, min: 0, p50: 0, max: 0 };

test('a sample whose CPU clock measured nothing makes the cell CPU cost unknown (null), never 0', () => {
  const s = cellStatistics([counters(20e6, 10e6), counters(null, null)], throughput);
  expect(s.clientCpuSPerGib).toBeNull();
  expect(s.serverCpuSPerGib).toBeNull();
});

test('CPU cost per GiB sums the samples when every one was measured', () => {
  const s = cellStatistics([counters(20e6, 10e6), counters(30e6, 10e6)], throughput);
  expect(s.clientCpuSPerGib).toBeCloseTo(50e-3 / (2 / 1024), 9);
  expect(s.serverCpuSPerGib).toBeCloseTo(20e-3 / (2 / 1024), 9);
});
