/** The per-cell rule: significant after Holm AND the whole interval beyond the threshold. */

import type { Verdict } from './report.js';

export interface CellEvidence {
  ratio: number;
  lower: number;
  upper: number;
  pAdjusted: number;
  /** false when the sample sizes cannot reach significance after Holm, whatever the data. */
  confirmable: boolean;
  /** Sample-to-sample variation above the noisy limit on either side. */
  noisy: boolean;
}

export interface CellRule {
  /** τ as a fraction. */
  threshold: number;
  alpha: number;
  higherIsBetter: boolean;
}

/** Verdict and its reason for one cell of one metric. */
export function decideCell(e: CellEvidence, rule: CellRule): { verdict: Verdict; reason: string } {
  const { threshold: t, alpha, higherIsBetter } = rule;
  const worseBound = higherIsBetter ? 1 - t : 1 + t;
  const betterBound = higherIsBetter ? 1 + t : 1 - t;
  const isWorse = (x: number) => (higherIsBetter ? x < worseBound : x > worseBound);
  const isBetter = (x: number) => (higherIsBetter ? x > betterBound : x < betterBound);
  const significant = e.pAdjusted < alpha;
  const tau = `${pct(t)} threshold`;

  if (significant && isWorse(e.lower) && isWorse(e.upper)) {
    return { verdict: 'regression', reason: `significant and the whole interval is beyond the ${tau}` };
  }
  if (significant && isBetter(e.lower) && isBetter(e.upper)) {
    return { verdict: 'improvement', reason: `significant and the whole interval is beyond the ${tau}` };
  }
  if (!e.confirmable) {
    return { verdict: 'inconclusive', reason: 'too few samples to reach significance after the Holm correction' };
  }
  // A confirmed change that may or may not exceed τ, or a noisy cell that looks worse: undecided.
  // A quiet cell that only looks worse is not: at the tests' resolution that happens by chance.
  if (isWorse(e.ratio) || (significant && (isWorse(e.lower) || isWorse(e.upper)))) {
    if (significant) return { verdict: 'inconclusive', reason: `significant, but the interval straddles the ${tau}` };
    const p = `not significant after Holm (p=${e.pAdjusted.toPrecision(2)})`;
    if (e.noisy) return { verdict: 'inconclusive', reason: `looks worse than the ${tau}, ${p}` };
    return { verdict: 'ok', reason: `looks worse than the ${tau} but ${p}` };
  }
  return { verdict: 'ok', reason: isBetter(e.ratio) ? 'looks better, not confirmed' : `within the ${tau}` };
}

function pct(fraction: number): string {
  return `${+(fraction * 100).toFixed(2)}%`;
}
