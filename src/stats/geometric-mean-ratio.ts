/**
 * Geometric mean, over a set of cells, of each cell's ratio NEW/BASE, with a seeded percentile
 * bootstrap interval. The cells are a fixed suite, not a sample of cells: the bootstrap
 * resamples the measurements inside each cell (stratified), so the interval reflects
 * measurement noise of these cells.
 */

import { createRng, randomIndex } from './prng.js';

export interface RatioGroup {
  /** Positive measurements of the baseline. */
  base: readonly number[];
  /** Positive measurements of the candidate. */
  next: readonly number[];
}

export interface RatioInterval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface GeometricMeanRatioOptions {
  /** Keep base[i] and next[i] together when resampling (paired measurements; equal lengths). @default false */
  paired?: boolean;
  /** Bootstrap resamples. @default 2000 */
  iterations?: number;
  /** Two-sided level of the interval. @default 0.95 */
  confidence?: number;
  /** Seed of the resampling generator: equal seeds give equal intervals. @default 1 */
  seed?: number;
}

/**
 * A cell's ratio is geomean(next) / geomean(base) (for paired data the geometric mean of the
 * per-pair ratios, which is the same number); the suite's is the geometric mean of the cells'.
 */
export function geometricMeanRatio(groups: readonly RatioGroup[], options: GeometricMeanRatioOptions = {}): RatioInterval {
  const { paired = false, iterations = 2000, confidence = 0.95, seed = 1 } = options;
  if (groups.length === 0) throw new RangeError('geometric mean of ratios needs at least one cell');
  const logs = groups.map((g) => {
    if (g.base.length === 0 || g.next.length === 0) throw new RangeError('every cell needs measurements on both sides');
    if (paired && g.base.length !== g.next.length) throw new RangeError('paired cells need equal lengths');
    return { base: g.base.map(Math.log), next: g.next.map(Math.log) };
  });
  const centres = logs.map((g) => ({ base: average(g.base), next: average(g.next) }));
  const estimate = Math.exp(average(logs.map((g) => average(g.next) - average(g.base))));

  const rng = createRng(seed);
  const draws = new Float64Array(iterations);
  for (let b = 0; b < iterations; b++) {
    let sum = 0;
    logs.forEach((g, c) => {
      const centre = centres[c]!;
      if (paired) {
        let s = 0;
        for (let i = 0; i < g.base.length; i++) {
          const k = randomIndex(rng, g.base.length);
          s += g.next[k]! - g.base[k]!;
        }
        const d = centre.next - centre.base;
        sum += d + (s / g.base.length - d) * inflation(g.base.length);
      } else {
        sum +=
          centre.next + (resampledMean(g.next, rng) - centre.next) * inflation(g.next.length) -
          (centre.base + (resampledMean(g.base, rng) - centre.base) * inflation(g.base.length));
      }
    });
    draws[b] = sum / logs.length;
  }
  draws.sort();
  const alpha = 1 - confidence;
  return {
    estimate,
    lower: Math.exp(quantileOfSorted(draws, alpha / 2)),
    upper: Math.exp(quantileOfSorted(draws, 1 - alpha / 2)),
  };
}

function inflation(n: number): number {
  return n > 1 ? Math.sqrt(n / (n - 1)) : 1;
}

function average(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function resampledMean(xs: readonly number[], rng: () => number): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[randomIndex(rng, xs.length)]!;
  return s / xs.length;
}

/** Linear interpolation between order statistics (type 7, R's default). */
function quantileOfSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
