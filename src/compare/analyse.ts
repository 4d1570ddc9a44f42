/** From the cells' measurements to per-cell verdicts and the suite gate, for either mode. */

import { coefficientOfVariation, median } from '../stats/descriptive.js';
import { hodgesLehmannCentre, hodgesLehmannShift } from '../stats/hodges-lehmann.js';
import { holmAdjust } from '../stats/holm.js';
import { mannWhitney, mannWhitneyMinimumP } from '../stats/mann-whitney.js';
import { wilcoxonMinimumP, wilcoxonSignedRank } from '../stats/wilcoxon.js';
import type { CellSamples } from './cell-samples.js';
import { decideCell } from './decide.js';
import { METRIC_INFO } from './metrics.js';
import type { CellComparison, SideSummary, SuiteComparison } from './report.js';
import type { CompareSettings } from './settings.js';
import { suiteGate } from './suite-gate.js';

export interface Analysis {
  cells: CellComparison[];
  suite: SuiteComparison[];
  warnings: string[];
}

/**
 * Tests every group on the log scale (so a shift is a ratio), Holm-adjusts across all groups,
 * then applies the per-cell rule and the suite gate per metric.
 * @param paired true for A/B data: Wilcoxon signed-rank on per-pair log ratios; else Mann–Whitney.
 */
export function analyse(groups: readonly CellSamples[], paired: boolean, settings: CompareSettings): Analysis {
  const usable = groups.filter((g) => g.base.length > 0 && g.next.length > 0);
  const family = usable.length;
  const confidence = 1 - settings.alpha;

  const tested = usable.map((g) => {
    const logBase = g.base.map(Math.log);
    const logNext = g.next.map(Math.log);
    if (paired) {
      const d = logNext.map((v, i) => v - logBase[i]!);
      // A pair's two samples share the machine's state, so the noise that matters is that of
      // their ratio: a load shift that moves both is not noise here.
      const noiseCv = d.length > 1 ? coefficientOfVariation(d.map(Math.exp)) : 0;
      return { g, p: wilcoxonSignedRank(d).p, shift: hodgesLehmannCentre(d, confidence), minP: wilcoxonMinimumP(d.length), noiseCv };
    }
    const noiseCv = Math.max(cvOf(g.base), cvOf(g.next));
    return {
      g,
      p: mannWhitney(logNext, logBase).p,
      shift: hodgesLehmannShift(logNext, logBase, confidence),
      minP: mannWhitneyMinimumP(g.next.length, g.base.length),
      noiseCv,
    };
  });
  const adjusted = holmAdjust(tested.map((t) => t.p));

  const cells = tested.map((t, i): CellComparison => {
    const { g } = t;
    const info = METRIC_INFO[g.metric];
    const base = summary(g.base);
    const next = summary(g.next);
    const noisy = t.noiseCv > settings.noisyCv;
    const threshold = settings.thresholds[g.metric] * (noisy ? settings.noisyFactor : 1);
    const evidence = {
      ratio: Math.exp(t.shift.estimate),
      lower: Math.exp(t.shift.lower),
      upper: Math.exp(t.shift.upper),
      pAdjusted: adjusted[i]!,
      confirmable: t.minP * family < settings.alpha,
      noisy,
    };
    const { verdict, reason } = decideCell(evidence, { threshold, alpha: settings.alpha, higherIsBetter: info.higherIsBetter });
    return {
      cell: g.cell,
      metric: g.metric,
      base,
      next,
      ratio: evidence.ratio,
      lower: evidence.lower,
      upper: evidence.upper,
      test: paired ? 'wilcoxon-signed-rank' : 'mann-whitney',
      p: t.p,
      pAdjusted: evidence.pAdjusted,
      noisy,
      noiseCv: t.noiseCv,
      threshold,
      verdict,
      reason: noisy ? `${reason} (noisy: ${paired ? 'CV of the pair ratios' : 'CV'} ${pct(t.noiseCv)}, threshold widened)` : reason,
    };
  });

  const warnings: string[] = [];
  const unconfirmable = tested.filter((t) => t.minP * family >= settings.alpha).length;
  if (unconfirmable > 0) {
    warnings.push(
      `${unconfirmable} of ${family} comparisons have too few ${paired ? 'pairs' : 'samples'} to reach p < ${settings.alpha} ` +
        `after the Holm correction over ${family}. Hint: take at least ${neededSamples(paired, family, settings.alpha)} ` +
        `${paired ? 'pairs per cell' : 'samples per cell on each side'} (sgbench run --samples N).`,
    );
  }

  const suite: SuiteComparison[] = [];
  for (const metric of settings.metrics) {
    const ofMetric = usable.filter((g) => g.metric === metric);
    if (ofMetric.length > 0) suite.push(suiteGate(metric, ofMetric, paired, settings));
  }
  return { cells, suite, warnings };
}

function summary(values: readonly number[]): SideSummary {
  return { n: values.length, median: median(values), cv: cvOf(values) };
}

function cvOf(values: readonly number[]): number {
  return values.length > 1 ? coefficientOfVariation(values) : 0;
}

/** Smallest n (per side, or pairs) whose best exact p survives Holm's first step over `family`. */
function neededSamples(paired: boolean, family: number, alpha: number): number {
  for (let n = 2; n < 60; n++) {
    const minP = paired ? wilcoxonMinimumP(n) : mannWhitneyMinimumP(n, n);
    if (minP * family < alpha) return n;
  }
  return 60;
}

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
