/** The ratio of two measured means and its 95 % interval. */

/** A ratio `a / b` and its interval; `noiseKnown` is false when either side lacked a margin of error. */
export interface RatioInterval {
  ratio: number;
  low: number;
  high: number;
  noiseKnown: boolean;
}

/**
 * Ratio of two means with their relative margins of error (95 %, percent), interval by the delta
 * method on the log scale: ln(a/b) ± √(rmeA² + rmeB²), which stays positive and symmetric in
 * ratio terms (1.2× and 1/1.2× are equally far from 1). Accurate while margins are small (< ~20 %);
 * a missing margin gives a point interval with `noiseKnown: false`.
 */
export function ratioInterval(a: number, rmePctA: number | null, b: number, rmePctB: number | null): RatioInterval {
  const ratio = a / b;
  if (rmePctA === null || rmePctB === null) return { ratio, low: ratio, high: ratio, noiseKnown: false };
  const half = Math.hypot(rmePctA / 100, rmePctB / 100);
  return { ratio, low: ratio * Math.exp(-half), high: ratio * Math.exp(half), noiseKnown: true };
}

/** Which side an interval puts beyond the noise: above 1, below 1, straddling it, or no interval. */
export type Verdict = 'higher' | 'lower' | 'same' | 'unknown';

/** `higher` when the whole interval is above 1, `lower` when below, `same` when it holds 1. */
export function verdictOf(r: RatioInterval): Verdict {
  if (!r.noiseKnown) return 'unknown';
  if (r.low > 1) return 'higher';
  if (r.high < 1) return 'lower';
  return 'same';
}
