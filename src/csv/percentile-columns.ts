/**
 * Latency percentile columns asked for with `--percentiles`. p50, p99 and p99.9 always have columns
 * of their own (`latency_p50_us`, `latency_p99_us`, `latency_p999_us`); any other percentile gets a
 * column after all the fixed ones, named the same way: the digits without the point
 * (90 → `latency_p90_us`, 99.99 → `latency_p9999_us`). They exist only in runs that ask for them.
 */

/** Percentiles that have fixed columns in the schema. */
export const FIXED_PERCENTILES = [50, 99, 99.9] as const;

/** The column of one latency percentile, e.g. 99.9 → `latency_p999_us`. */
export function percentileColumn(percentile: number): string {
  return `latency_p${String(percentile).replace('.', '')}_us`;
}

/** The percentiles of a list that need extra columns: not fixed, duplicates dropped, order kept. */
export function extraPercentiles(percentiles: readonly number[]): number[] {
  const fixed = new Set<number>(FIXED_PERCENTILES);
  return [...new Set(percentiles)].filter((p) => !fixed.has(p));
}

/** The extra columns of a run, in the order of its percentiles. */
export function extraPercentileColumns(percentiles: readonly number[]): string[] {
  return extraPercentiles(percentiles).map(percentileColumn);
}

/**
 * The values of the extra columns: microseconds where the latency summary has the percentile,
 * '' (does not apply) elsewhere, e.g. in sink mode.
 */
export function percentileFields(
  percentiles: readonly number[],
  measured: readonly { percentile: number; us: number }[] | null | undefined,
): Record<string, number | ''> {
  const fields: Record<string, number | ''> = {};
  for (const p of extraPercentiles(percentiles)) {
    const us = measured?.find((m) => m.percentile === p)?.us;
    fields[percentileColumn(p)] = us === undefined || !Number.isFinite(us) ? '' : us;
  }
  return fields;
}
