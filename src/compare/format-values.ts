/** Number formatting shared by the table and Markdown outputs. */

import { METRIC_INFO, type MetricName } from './metrics.js';
import type { CellComparison, CompareReport, SuiteComparison, Verdict } from './report.js';

/** A ratio as a signed change: 0.97 → `-3.0%`. */
export function change(ratio: number): string {
  const v = (ratio - 1) * 100;
  return `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;
}

export function interval(lower: number, upper: number): string {
  return `${change(lower)} … ${change(upper)}`;
}

export function pValue(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** The suite gate's estimate: `geometric mean over 24 cells -1.3% (-1.9% … -0.6%)`. */
export function suiteEstimate(s: SuiteComparison): string {
  return `geometric mean over ${s.cells} cells ${change(s.ratio)} (${interval(s.lower, s.upper)})`;
}

export function metricLabel(metric: MetricName): string {
  return METRIC_INFO[metric].label;
}

export function value(metric: MetricName, v: number): string {
  return METRIC_INFO[metric].format(v);
}

const SEVERITY: Record<Verdict, number> = { regression: 0, inconclusive: 1, improvement: 2, ok: 3 };

/** Regressions first, then inconclusive, improvements, ok; by cell within each. */
export function sortedCells(cells: readonly CellComparison[]): CellComparison[] {
  return [...cells].sort((a, b) => SEVERITY[a.verdict] - SEVERITY[b.verdict] || a.cell.localeCompare(b.cell) || a.metric.localeCompare(b.metric));
}

/** One sentence for the whole comparison. */
export function headline(report: CompareReport): string {
  const count = (v: Verdict) => report.cells.filter((c) => c.verdict === v).length;
  const suiteRegressed = report.suite.filter((s) => s.verdict === 'regression').map((s) => metricLabel(s.metric));
  const parts = [
    `${count('regression')} regressed`,
    `${count('inconclusive')} inconclusive`,
    `${count('improvement')} improved`,
    `${count('ok')} ok`,
  ];
  const what = {
    regression: 'REGRESSION',
    inconclusive: 'inconclusive (no regression confirmed)',
    ok: 'no regression',
  }[report.outcome];
  const suite = suiteRegressed.length > 0 ? `; suite gate failed on ${suiteRegressed.join(', ')}` : '';
  return `${what}: ${parts.join(', ')} of ${report.cells.length} comparisons${suite}`;
}

export function confidenceLabel(alpha: number): string {
  return `${+((1 - alpha) * 100).toFixed(1)}%`;
}
