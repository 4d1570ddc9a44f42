/**
 * Mann–Whitney U test (Wilcoxon rank-sum) of two independent samples, two-sided.
 * Exact null distribution for small samples without ties; otherwise the normal approximation
 * with tie-corrected variance and a continuity correction (as R's `wilcox.test` and SciPy's
 * `mannwhitneyu(method="asymptotic")`).
 */

import { normalSf } from './normal.js';
import { rank, tieSum } from './ranks.js';

/** Both samples below this size and no ties: the exact distribution is used. */
export const MANN_WHITNEY_EXACT_LIMIT = 50;

export interface MannWhitneyResult {
  /** U of the first sample: pairs (x, y) with x > y, ties counting one half. */
  u: number;
  /** Two-sided p-value. */
  p: number;
  method: 'exact' | 'normal';
}

/** Two-sided Mann–Whitney U test of `x` against `y`. Both samples must be non-empty. */
export function mannWhitney(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) throw new RangeError('Mann–Whitney needs two non-empty samples');
  const { ranks, ties } = rank([...x, ...y]);
  let rx = 0;
  for (let i = 0; i < m; i++) rx += ranks[i]!;
  const u = rx - (m * (m + 1)) / 2;

  if (ties.length === 0 && m < MANN_WHITNEY_EXACT_LIMIT && n < MANN_WHITNEY_EXACT_LIMIT) {
    const cdf = mannWhitneyCdf(m, n);
    const lower = cdf[u]!;
    const upper = 1 - (u > 0 ? cdf[u - 1]! : 0);
    return { u, p: Math.min(1, 2 * Math.min(lower, upper)), method: 'exact' };
  }

  const total = m + n;
  const mu = (m * n) / 2;
  const variance = ((m * n) / 12) * (total + 1 - tieSum(ties) / (total * (total - 1)));
  if (variance <= 0) return { u, p: 1, method: 'normal' };
  const dev = Math.abs(u - mu);
  const z = Math.max(0, dev - 0.5) / Math.sqrt(variance);
  return { u, p: Math.min(1, 2 * normalSf(z)), method: 'normal' };
}

const cdfCache = new Map<string, Float64Array>();

/**
 * Exact null CDF of U for sample sizes m and n without ties: element u is P(U ≤ u).
 * Counts follow c(m, n; u) = c(m − 1, n; u − n) + c(m, n − 1; u); all terms are positive, so the
 * doubles stay accurate even where the counts exceed 2^53.
 */
export function mannWhitneyCdf(m: number, n: number): Float64Array {
  const key = `${m},${n}`;
  const hit = cdfCache.get(key);
  if (hit) return hit;
  // prev[j] holds the counts for (i − 1, j), cur[j] for (i, j).
  let prev: Float64Array[] = [];
  for (let j = 0; j <= n; j++) prev.push(Float64Array.of(1));
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [Float64Array.of(1)];
    for (let j = 1; j <= n; j++) {
      const c = new Float64Array(i * j + 1);
      const left = cur[j - 1]!;
      const up = prev[j]!;
      for (let u = 0; u < left.length; u++) c[u]! += left[u]!;
      for (let u = 0; u < up.length; u++) c[u + j]! += up[u]!;
      cur.push(c);
    }
    prev = cur;
  }
  const counts = prev[n]!;
  let total = 0;
  for (const c of counts) total += c;
  const cdf = new Float64Array(counts.length);
  let acc = 0;
  for (let u = 0; u < counts.length; u++) {
    acc += counts[u]!;
    cdf[u] = acc / total;
  }
  cdfCache.set(key, cdf);
  return cdf;
}

/** Smallest two-sided p-value the exact test can reach with these sizes: 2 / C(m + n, m). */
export function mannWhitneyMinimumP(m: number, n: number): number {
  if (m === 0 || n === 0) return 1;
  let logC = 0;
  for (let k = 1; k <= m; k++) logC += Math.log(n + k) - Math.log(k);
  return Math.min(1, 2 * Math.exp(-logC));
}
