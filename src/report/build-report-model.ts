/** From parsed CSVs to the report model: the crossover answer, the comparison, every chart section. */
import { findCrossovers } from '../advise/crossover.js';
import { ADVICE_LEGEND, adviceSentence } from '../advise/sentences.js';
import { STRATEGIES } from '../types.js';
import { keyOf, measured, type CellRecord } from './cell-record.js';
import { compareRuns, comparisonSection, comparisonSentences } from './comparison.js';
import { environmentRows } from './environment.js';
import { heatmapSection } from './heatmap-section.js';
import { metricSections } from './metric-sections.js';
import type { ReportModel, Section } from './report-model.js';
import { sizeLabel } from './size-axis.js';

/** One run's cells, where they came from, and optionally margins of error from its sample CSV. */
export interface RunInput {
  cells: readonly CellRecord[];
  source: string;
  /** `cell_key` → relative margin of error (percent) from the samples; preferred over `rme_pct`. */
  rmeByKey?: ReadonlyMap<string, number>;
}

/**
 * Builds the model of a report of `run`; with `base`, the report opens with the comparison of
 * `run` (NEW) against `base`.
 */
export function buildReportModel(run: RunInput, base?: RunInput): ReportModel {
  const cells = latestPerCell(run.cells);
  const ok = cells.filter(measured);
  const rme = rmeOf(run);
  const advice = findCrossovers(ok, run.rmeByKey ? { rmeByKey: run.rmeByKey, keyOf } : {});
  const sections: Section[] = [];
  let comparison: string[] = [];
  if (base) {
    const result = compareRuns(latestPerCell(base.cells), cells, { rmeBase: rmeOf(base), rmeNew: rme });
    comparison = comparisonSentences(result);
    const section = comparisonSection(result);
    if (section) sections.push(section);
  }
  const heatmap = heatmapSection(advice);
  if (heatmap) sections.push(heatmap);
  sections.push(...metricSections(ok, rme));

  const ratios = advice.flatMap((a) => a.sizes.map((s) => Math.max(s.ratio, 1 / s.ratio)));
  const present = new Set(ok.map((c) => c.strategy));
  const strategies = [...STRATEGIES.filter((s) => present.has(s)), ...[...present].filter((s) => !(STRATEGIES as readonly string[]).includes(s))];
  return {
    title: base ? 'sgbench comparison' : 'sgbench report',
    sources: base ? [`BASE ${base.source}`, `NEW ${run.source}`] : [run.source],
    environment: environmentRows(cells),
    advice: {
      legend: ADVICE_LEGEND,
      intervals: run.rmeByKey ? 'Intervals from the sample CSV.' : 'Intervals from each cell’s rme_pct.',
      sentences: advice.map((a) => ({ text: adviceSentence(a), outcome: a.outcome })),
    },
    comparison,
    notes: cells.filter((c) => !measured(c)).map(
      (c) => `line ${c.line}: ${c.model} ${c.strategy} ${c.buffers} × ${sizeLabel(c)} at ${c.connections} connections has no result${c.errors ? ` (errors: ${c.errors})` : ''}.`,
    ),
    strategies,
    ratioExtent: Math.max(1.1, ...ratios),
    sections,
  };
}

function rmeOf(run: RunInput): (c: CellRecord) => number | null {
  return (c) => run.rmeByKey?.get(keyOf(c)) ?? c.rmePct;
}

/** A cell measured more than once (an appended re-run) counts with its last row. */
function latestPerCell(cells: readonly CellRecord[]): CellRecord[] {
  return [...new Map(cells.map((c) => [keyOf(c), c] as const)).values()];
}
