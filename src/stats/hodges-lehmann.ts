/**
 * Hodges–Lehmann estimators with their distribution-free confidence intervals (Bauer 1972;
 * Hollander & Wolfe), the intervals that invert the rank tests. Indices follow R's
 * `wilcox.test(conf.int = TRUE)` for exact sizes.
 */

import { mannWhitneyCdf, MANN_WHITNEY_EXACT_LIMIT } from './mann-whitney.js';
import { medianOfSorted } from './descriptive.js';
import { normalQuantile } from './normal.js';
import { signedRankCdf, WILCOXON_EXACT_LIMIT } from './wilcoxon.js';

export interface ShiftEstimate {
  /** Point estimate of the shift. */
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * Shift of `x` relative to `y` (estimate of x − y): the median of all m·n differences, with a
 * confidence interval from their order statistics.
 * @param confidence two-sided level, @default 0.95
 */
export function hodgesLehmannShift(x: readonly number[], y: readonly number[], confidence = 0.95): ShiftEstimate {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new RangeError('Hodges–Lehmann needs two non-empty samples');
  const diffs: number[] = [];
  for (const a of x) for (const b of y) diffs.push(a - b);
  diffs.sort((a, b) => a - b);
  const total = m * n;
  const alpha = 1 - confidence;
  let k: number;
  if (m < MANN_WHITNEY_EXACT_LIMIT && n < MANN_WHITNEY_EXACT_LIMIT) {
    k = lowerQuantile(mannWhitneyCdf(m, n), alpha / 2);
  } else {
    const sigma = Math.sqrt((total * (m + n + 1)) / 12);
    k = Math.ceil(total / 2 - 0.5 + normalQuantile(alpha / 2) * sigma);
  }
  return orderInterval(diffs, k);
}

/**
 * Centre of paired differences (the pseudo-median): the median of the n(n+1)/2 Walsh averages,
 * with the confidence interval that inverts the signed-rank test.
 * @param confidence two-sided level, @default 0.95
 */
export function hodgesLehmannCentre(differences: readonly number[], confidence = 0.95): ShiftEstimate {
  const n = differences.length;
  if (n === 0) throw new RangeError('Hodges–Lehmann needs a non-empty sample');
  const walsh: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh.push((differences[i]! + differences[j]!) / 2);
  walsh.sort((a, b) => a - b);
  const total = walsh.length;
  const alpha = 1 - confidence;
  let k: number;
  if (n < WILCOXON_EXACT_LIMIT) {
    k = lowerQuantile(signedRankCdf(n), alpha / 2);
  } else {
    const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
    k = Math.ceil(total / 2 - 0.5 + normalQuantile(alpha / 2) * sigma);
  }
  return orderInterval(walsh, k);
}

/** Smallest q with P(S ≤ q) ≥ p (R's qwilcox / qsignrank). */
function lowerQuantile(cdf: Float64Array, p: number): number {
  for (let q = 0; q < cdf.length; q++) if (cdf[q]! >= p * (1 - 1e-12)) return q;
  return cdf.length - 1;
}

/** [sorted_(k), sorted_(N−k+1)] with 1-based k, clamped to at least 1 (the full range). */
function orderInterval(sorted: readonly number[], k: number): ShiftEstimate {
  const total = sorted.length;
  const kk = Math.min(Math.max(1, k), Math.ceil(total / 2));
  return {
    estimate: medianOfSorted(sorted),
    lower: sorted[kk - 1]!,
    upper: sorted[total - kk]!,
  };
}
