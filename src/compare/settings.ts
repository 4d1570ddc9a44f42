/** What `compare` decides with: thresholds, significance, noise handling, resampling. */

import { METRIC_INFO, METRICS, type MetricName } from './metrics.js';

export interface CompareSettings {
  /** Metrics to gate on. @default ['bytes_per_s', 'client_cpu_s_per_gib'] */
  metrics: MetricName[];
  /**
   * Per-cell threshold τ, a fraction of BASE: a cell regresses only when the whole interval of
   * NEW/BASE lies beyond 1 − τ (throughput) or 1 + τ (CPU).
   * @default { bytes_per_s: 0.10, client_cpu_s_per_gib: 0.07 }
   */
  thresholds: Record<MetricName, number>;
  /** Family-wise significance level (Holm over every cell and metric); intervals are at 1 − alpha. @default 0.05 */
  alpha: number;
  /**
   * A cell is noisy when its sample-to-sample coefficient of variation exceeds this on either
   * side (A/B mode: the CV of its per-pair ratios). @default 0.10
   */
  noisyCv: number;
  /**
   * A noisy cell's threshold is τ times this. The interval already widens with the noise; the
   * wider τ guards against what it cannot see, a shift of the whole run. @default 1.5
   */
  noisyFactor: number;
  /** The suite fails when the whole interval of the geometric mean of ratios is worse than 1 ∓ this. @default 0.03 */
  suiteThreshold: number;
  /** Bootstrap resamples of the suite interval. @default 2000 */
  bootstrapIterations: number;
  /** Seed of the bootstrap: the same files and seed give the same verdict. @default 1 */
  seed: number;
}

/** The defaults, as documented in docs/compare.md. */
export function defaultSettings(): CompareSettings {
  return {
    metrics: [...METRICS],
    thresholds: { bytes_per_s: METRIC_INFO.bytes_per_s.defaultThreshold, client_cpu_s_per_gib: METRIC_INFO.client_cpu_s_per_gib.defaultThreshold },
    alpha: 0.05,
    noisyCv: 0.1,
    noisyFactor: 1.5,
    suiteThreshold: 0.03,
    bootstrapIterations: 2000,
    seed: 1,
  };
}
