/** The suite gate: a small uniform slowdown of every cell, below any single cell's threshold. */

import { geometricMeanRatio } from '../stats/geometric-mean-ratio.js';
import type { CellSamples } from './cell-samples.js';
import { METRIC_INFO, type MetricName } from './metrics.js';
import type { SuiteComparison } from './report.js';
import type { CompareSettings } from './settings.js';

/**
 * Geometric mean over cells of NEW/BASE for one metric, with a seeded bootstrap interval at
 * 1 − alpha. Regression when the whole interval is worse than 1 ∓ suiteThreshold; inconclusive
 * when only the point estimate is.
 */
export function suiteGate(
  metric: MetricName,
  groups: readonly CellSamples[],
  paired: boolean,
  settings: CompareSettings,
): SuiteComparison {
  const { higherIsBetter } = METRIC_INFO[metric];
  const r = geometricMeanRatio(
    groups.map((g) => ({ base: g.base, next: g.next })),
    { paired, iterations: settings.bootstrapIterations, confidence: 1 - settings.alpha, seed: settings.seed },
  );
  const s = settings.suiteThreshold;
  const bound = higherIsBetter ? 1 - s : 1 + s;
  const worse = (x: number) => (higherIsBetter ? x < bound : x > bound);
  const limit = `${+(s * 100).toFixed(2)}%`;
  const base = { metric, cells: groups.length, ratio: r.estimate, lower: r.lower, upper: r.upper, threshold: s };
  if (worse(r.lower) && worse(r.upper)) {
    return { ...base, verdict: 'regression', reason: `the whole interval of the geometric mean is worse than ${limit}` };
  }
  if (worse(r.estimate)) {
    return { ...base, verdict: 'inconclusive', reason: `the geometric mean looks worse than ${limit}, its interval reaches back inside` };
  }
  return { ...base, verdict: 'ok', reason: `within ${limit}` };
}
