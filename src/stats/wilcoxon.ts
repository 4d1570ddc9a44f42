/**
 * Wilcoxon signed-rank test of paired differences, two-sided. Zero differences are dropped
 * (Wilcoxon's convention, as R). Exact null distribution for small samples without ties;
 * otherwise the normal approximation with tie-corrected variance and a continuity correction.
 */

import { normalSf } from './normal.js';
import { rank, tieSum } from './ranks.js';

/** Below this many non-zero differences and without ties: the exact distribution is used. */
export const WILCOXON_EXACT_LIMIT = 50;

export interface WilcoxonResult {
  /** V: the sum of the ranks of the positive differences. */
  v: number;
  /** Non-zero differences that entered the test. */
  n: number;
  /** Two-sided p-value (1 when every difference is zero). */
  p: number;
  method: 'exact' | 'normal';
}

/** Two-sided signed-rank test that the differences are centred on 0. */
export function wilcoxonSignedRank(differences: readonly number[]): WilcoxonResult {
  const d = differences.filter((x) => x !== 0);
  const n = d.length;
  if (n === 0) return { v: 0, n: 0, p: 1, method: 'exact' };
  const { ranks, ties } = rank(d.map(Math.abs));
  let v = 0;
  for (let i = 0; i < n; i++) if (d[i]! > 0) v += ranks[i]!;

  if (ties.length === 0 && n < WILCOXON_EXACT_LIMIT) {
    const cdf = signedRankCdf(n);
    const lower = cdf[v]!;
    const upper = 1 - (v > 0 ? cdf[v - 1]! : 0);
    return { v, n, p: Math.min(1, 2 * Math.min(lower, upper)), method: 'exact' };
  }
  const mu = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieSum(ties) / 48;
  if (variance <= 0) return { v, n, p: 1, method: 'normal' };
  const z = Math.max(0, Math.abs(v - mu) - 0.5) / Math.sqrt(variance);
  return { v, n, p: Math.min(1, 2 * normalSf(z)), method: 'normal' };
}

const cdfCache = new Map<number, Float64Array>();

/** Exact null CDF of V for n differences: element v is P(V ≤ v). Counts are subset sums of 1..n. */
export function signedRankCdf(n: number): Float64Array {
  const hit = cdfCache.get(n);
  if (hit) return hit;
  const max = (n * (n + 1)) / 2;
  const counts = new Float64Array(max + 1);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) {
    for (let s = (k * (k + 1)) / 2; s >= k; s--) counts[s]! += counts[s - k]!;
  }
  const total = 2 ** n;
  const cdf = new Float64Array(max + 1);
  let acc = 0;
  for (let s = 0; s <= max; s++) {
    acc += counts[s]!;
    cdf[s] = acc / total;
  }
  cdfCache.set(n, cdf);
  return cdf;
}

/** Smallest two-sided p-value the exact test can reach with n non-zero differences: 2 / 2^n. */
export function wilcoxonMinimumP(n: number): number {
  return n === 0 ? 1 : Math.min(1, 2 / 2 ** n);
}
