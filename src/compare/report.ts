/** The result of a comparison: what every output format prints and what sets the exit code. */

import type { MetricName } from './metrics.js';

/**
 * `regression`: significant after Holm and the whole interval is worse than the threshold.
 * `improvement`: the same, on the better side. `inconclusive`: undecided: too few samples to
 * ever reach significance, or a significant change whose interval straddles the threshold, or a
 * noisy cell that looks worse than its threshold. `ok`: anything else.
 */
export type Verdict = 'regression' | 'improvement' | 'ok' | 'inconclusive';

export interface SideSummary {
  n: number;
  median: number;
  /** Sample-to-sample coefficient of variation (0 with one sample). */
  cv: number;
}

export interface CellComparison {
  cell: string;
  metric: MetricName;
  base: SideSummary;
  next: SideSummary;
  /** NEW/BASE point estimate (Hodges–Lehmann on logarithms) and its interval at 1 − alpha. */
  ratio: number;
  lower: number;
  upper: number;
  test: 'mann-whitney' | 'wilcoxon-signed-rank';
  p: number;
  /** Holm-adjusted over every cell and metric of the comparison. */
  pAdjusted: number;
  noisy: boolean;
  /**
   * The variation that decided `noisy`: the larger sample-to-sample CV of the two sides, or in
   * A/B mode the CV of the per-pair ratios NEW/BASE.
   */
  noiseCv: number;
  /** τ applied to this cell (wider when noisy), as a fraction. */
  threshold: number;
  verdict: Verdict;
  /** One sentence: why this verdict. */
  reason: string;
}

export interface SuiteComparison {
  metric: MetricName;
  cells: number;
  /** Geometric mean over cells of NEW/BASE, with its bootstrap interval. */
  ratio: number;
  lower: number;
  upper: number;
  threshold: number;
  verdict: Exclude<Verdict, 'improvement'>;
  reason: string;
}

export type Outcome = 'regression' | 'inconclusive' | 'ok';

export interface CompareReport {
  /** `runs`: BASE and NEW files. `ab`: two variants alternating in the same files. */
  mode: 'runs' | 'ab';
  base: { label: string; files: string[] };
  next: { label: string; files: string[] };
  alpha: number;
  cells: CellComparison[];
  suite: SuiteComparison[];
  /** Cells measured on one side only: listed, never failed. */
  onlyBase: string[];
  onlyNew: string[];
  warnings: string[];
  outcome: Outcome;
}

/** The worst verdict of the report. */
export function outcomeOf(cells: readonly CellComparison[], suite: readonly SuiteComparison[]): Outcome {
  const all = [...cells.map((c) => c.verdict), ...suite.map((s) => s.verdict)];
  if (all.includes('regression')) return 'regression';
  if (all.includes('inconclusive')) return 'inconclusive';
  return 'ok';
}
