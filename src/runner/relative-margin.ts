/** The relative margin of error of a mean, as tinybench computes it, for deciding when to stop sampling. */

/** Two-sided 95 % critical values of Student's t for 1 to 30 degrees of freedom. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** Two-sided 95 % critical value of Student's t; beyond the table, a close approximation. */
export function studentT975(df: number): number {
  if (df < 1) return T_975[0] as number;
  return T_975[df - 1] ?? 1.96 + 2.5 / df;
}

/** 100 × (95 % confidence half-width of the mean) / mean; Infinity with fewer than two values. */
export function relativeMarginPct(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return Infinity;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (mean === 0) return Infinity;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  return (100 * studentT975(n - 1) * Math.sqrt(variance / n)) / Math.abs(mean);
}
