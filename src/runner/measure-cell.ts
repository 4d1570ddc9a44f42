/**
 * Sampling of one cell with tinybench. Each tinybench iteration is exactly one native call; it
 * reports the native clock's time per byte as `overriddenDuration`, so tinybench's throughput
 * statistics are per-sample bytes/s by the native clock, not by the JavaScript event loop.
 */
import { Bench } from 'tinybench';
import type { SampleBudget, SampleCounters } from '../types.js';
import { sampleBytesPerS, type ThroughputStatistics } from './cell-statistics.js';
import { relativeMarginPct } from './relative-margin.js';

/** Anything that runs one sample per call: a native `Session`, or a stand-in in tests. */
export interface Sampler {
  sample(budget: SampleBudget): Promise<SampleCounters>;
}

/** One sample: the native counters and how long the same call took by tinybench's clock. */
export interface MeasuredSample {
  counters: SampleCounters;
  /** Time from just before the native call to its result, by tinybench's timestamp provider. */
  observedNs: number;
}

export interface MeasureOptions {
  budget: SampleBudget;
  /** Samples to take (tinybench iterations); with `rmeTargetPct`, the least to take. */
  samples: number;
  /**
   * Keep sampling, up to `maxSamples`, until the relative margin of error of the per-sample
   * throughput is at most this (percent). Null: exactly `samples` samples.
   */
  rmeTargetPct?: number | null;
  /** Upper bound on samples when `rmeTargetPct` is set. @default samples */
  maxSamples?: number;
  /** A discarded native call of this many milliseconds first (0 = none). */
  warmupMs: number;
  /** Stops between samples; a running sample is stopped by cancelling the session. */
  signal?: AbortSignal;
  /** Called after every sample (not the warm-up), e.g. for a live throughput display. */
  onSample?: (sample: MeasuredSample, index: number) => void;
}

export interface CellMeasurement {
  samples: MeasuredSample[];
  /** tinybench's statistics of per-sample throughput, in bytes/s. */
  throughput: ThroughputStatistics;
}

/**
 * Warms up, then takes `samples` samples with tinybench.
 * @throws the sampler's error (e.g. `NativeIoError`), or an `AbortError` when `signal` fired.
 */
export async function measureCell(sampler: Sampler, options: MeasureOptions): Promise<CellMeasurement> {
  if (options.warmupMs > 0) await sampler.sample({ durationMs: options.warmupMs });
  options.signal?.throwIfAborted();

  const target = options.rmeTargetPct ?? null;
  const iterations = target === null ? options.samples : Math.max(options.samples, options.maxSamples ?? options.samples);
  // Stops tinybench early, keeping its statistics, once the target margin is reached.
  const enough = new AbortController();
  const bench = new Bench({
    iterations,
    time: 0,
    warmup: false,
    retainSamples: true,
    throws: true,
    signal: enough.signal,
  });
  const samples: MeasuredSample[] = [];
  bench.add(
    'cell',
    async () => {
      // Checked here rather than handed to tinybench, which keeps a listener on the signal per Bench.
      options.signal?.throwIfAborted();
      const start = bench.now();
      const counters = await sampler.sample(options.budget);
      const observedNs = (bench.now() - start) * 1e6;
      if (!(counters.bytes > 0) || !(counters.wallNs > 0)) {
        throw new Error(`a sample moved ${counters.bytes} bytes in ${counters.wallNs} ns; nothing to measure`);
      }
      const sample = { counters, observedNs };
      samples.push(sample);
      options.onSample?.(sample, samples.length - 1);
      if (target !== null && samples.length >= options.samples) {
        if (relativeMarginPct(samples.map((s) => sampleBytesPerS(s.counters))) <= target) enough.abort();
      }
      // Milliseconds per byte: tinybench's throughput (1000 / duration) is then bytes per second.
      return { overriddenDuration: counters.wallNs / 1e6 / counters.bytes };
    },
    { async: true },
  );
  await bench.run();
  options.signal?.throwIfAborted();

  const result = bench.tasks[0]?.result;
  if (result?.state === 'errored') throw result.error;
  if (result?.state !== 'completed' && result?.state !== 'aborted-with-statistics') throw new Error(`sampling ended in state ${result?.state ?? 'unknown'}`);
  const { rme, sd, min, p50, max } = result.throughput;
  return { samples, throughput: { rme, sd, min, p50, max } };
}
