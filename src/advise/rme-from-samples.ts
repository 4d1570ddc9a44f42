/** Relative margin of error of a mean from its samples (Student's t, 95 %). */

// Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom (the table tinybench uses).
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Two-sided 95 % quantile of Student's t with `df` degrees of freedom (≥ 1). */
export function t975(df: number): number {
  if (df < 1) return Number.POSITIVE_INFINITY;
  return T975[Math.floor(df) - 1] ?? 1.96 + 2.5 / df;
}

/**
 * Relative margin of error of the mean of `values` at 95 %, in percent: t·(sd/√n)/mean·100.
 * @returns null with fewer than two values or a non-positive mean.
 */
export function rmeFromSamples(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (!(mean > 0)) return null;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return ((t975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n) / mean) * 100;
}
