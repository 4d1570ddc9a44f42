/** The suite gate: a small uniform slowdown of every cell, below any single cell's threshold. */

import { geometricMeanRatio, type RatioInterval } from '../stats/geometric-mean-ratio.js';
import { hodgesLehmannCentre } from '../stats/hodges-lehmann.js';
import type { CellSamples } from './cell-samples.js';
import { METRIC_INFO, type MetricName } from './metrics.js';
import type { SuiteComparison } from './report.js';
import type { CompareSettings } from './settings.js';

/**
 * Geometric mean over cells of NEW/BASE for one metric, with an interval at 1 − alpha: a seeded
 * bootstrap for two runs, the signed-rank interval of per-round suite ratios for A/B pairs.
 * Regression when the whole interval is worse than 1 ∓ suiteThreshold; inconclusive when only
 * the point estimate is.
 */
export function suiteGate(
  metric: MetricName,
  groups: readonly CellSamples[],
  paired: boolean,
  settings: CompareSettings,
): SuiteComparison {
  const { higherIsBetter } = METRIC_INFO[metric];
  const r = paired
    ? pairedSuiteRatio(groups, 1 - settings.alpha)
    : geometricMeanRatio(
        groups.map((g) => ({ base: g.base, next: g.next })),
        { iterations: settings.bootstrapIterations, confidence: 1 - settings.alpha, seed: settings.seed },
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

/**
 * A/B pairs: the k-th pair of every cell comes from the same round, so the mean over cells of
 * their log ratios is one suite-level paired difference per round. Its Hodges–Lehmann centre and
 * signed-rank interval are as robust as the per-cell test: a burst of a neighbour's load that
 * hits one variant's sample moves a rank, not the mean of logarithms a bootstrap would resample.
 */
function pairedSuiteRatio(groups: readonly CellSamples[], confidence: number): RatioInterval {
  const pairs = Math.min(...groups.map((g) => Math.min(g.base.length, g.next.length)));
  const perRound = Array.from({ length: pairs }, (_, k) => {
    let sum = 0;
    for (const g of groups) sum += Math.log(g.next[k]!) - Math.log(g.base[k]!);
    return sum / groups.length;
  });
  const shift = hodgesLehmannCentre(perRound, confidence);
  return { estimate: Math.exp(shift.estimate), lower: Math.exp(shift.lower), upper: Math.exp(shift.upper) };
}
