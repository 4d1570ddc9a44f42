/** Descriptive statistics of one sample. All throw on an empty input rather than return NaN. */

function nonEmpty(xs: readonly number[], what: string): void {
  if (xs.length === 0) throw new RangeError(`${what} of an empty sample`);
}

export function mean(xs: readonly number[]): number {
  nonEmpty(xs, 'mean');
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample standard deviation (n − 1 denominator); 0 for a single value. */
export function standardDeviation(xs: readonly number[]): number {
  nonEmpty(xs, 'standard deviation');
  if (xs.length === 1) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / (xs.length - 1));
}

/** Coefficient of variation: standard deviation / mean. */
export function coefficientOfVariation(xs: readonly number[]): number {
  return standardDeviation(xs) / mean(xs);
}

/** Median of a sample (mean of the two middle values when the count is even). */
export function median(xs: readonly number[]): number {
  nonEmpty(xs, 'median');
  return medianOfSorted([...xs].sort((a, b) => a - b));
}

/** Median of values already sorted ascending. */
export function medianOfSorted(sorted: readonly number[]): number {
  nonEmpty(sorted, 'median');
  const h = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
}

/** Geometric mean of positive values. */
export function geometricMean(xs: readonly number[]): number {
  nonEmpty(xs, 'geometric mean');
  let s = 0;
  for (const x of xs) s += Math.log(x);
  return Math.exp(s / xs.length);
}
