/** From parsed CSVs to the report model: the crossover answer, the comparison, every chart section. */
import { findCrossovers } from '../advise/crossover.js';
import { ADVICE_LEGEND, adviceSentence } from '../advise/sentences.js';
import { compareRuns } from '../compare/compare-runs.js';
import type { SampleFile } from '../compare/sample-file.js';
import { defaultSettings } from '../compare/settings.js';
import { STRATEGIES } from '../types.js';
import { keyOf, measured, type CellRecord } from './cell-record.js';
import { compareByRme, comparisonSection, DEFAULT_TOLERANCE, rmeSentences, type RunComparison } from './comparison.js';
import { environmentRows } from './environment.js';
import { gateComparison, gateSentences } from './gate-comparison.js';
import { heatmapSection } from './heatmap-section.js';
import { metricSections } from './metric-sections.js';
import type { ReportComparison, ReportModel, Section } from './report-model.js';
import { sizeLabel } from './size-axis.js';

/** One run's cells, where they came from, and its sample CSV if there is one. */
export interface RunInput {
  cells: readonly CellRecord[];
  source: string;
  samples: RunSamples;
}

/**
 * A run's sample CSV: `read`, with each cell's relative margin of error (percent, preferred over
 * `rme_pct`) and, for a comparison, its records as `sgbench compare` reads them; or `missing`,
 * with the paths looked for.
 */
export type RunSamples =
  | { state: 'read'; path: string; rmeByKey: ReadonlyMap<string, number>; file?: SampleFile }
  | { state: 'missing'; lookedFor: string[] };

/**
 * Builds the model of a report of `run`; with `base`, the report opens with the comparison of
 * `run` (NEW) against `base`: the verdicts of `sgbench compare` (default settings) when both runs
 * have sample records, else intervals from `rme_pct` with a warning.
 * @throws CompareInputError when compare refuses the sample files (no cell in common, several variants).
 */
export function buildReportModel(run: RunInput, base?: RunInput): ReportModel {
  const cells = latestPerCell(run.cells);
  const ok = cells.filter(measured);
  const rme = rmeOf(run);
  const rmeByKey = run.samples.state === 'read' ? run.samples.rmeByKey : undefined;
  const advice = findCrossovers(ok, rmeByKey ? { rmeByKey, keyOf } : {});
  const sections: Section[] = [];
  const warnings: string[] = [];
  let comparison: ReportComparison | null = null;
  if (base) {
    const compared = compareWith(base, run, cells);
    comparison = compared.model;
    warnings.push(...compared.warnings);
    const section = comparisonSection(compared.cells, sectionNote(comparison.basis));
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
    sources: base ? [`BASE ${describeSource(base)}`, `NEW ${describeSource(run)}`] : [describeSource(run)],
    environment: environmentRows(cells),
    advice: {
      legend: ADVICE_LEGEND,
      intervals: run.samples.state === 'read' ? `Intervals from the sample CSV ${run.samples.path}.` : `Intervals from each cell’s rme_pct (no sample CSV: ${noSamples(run)}).`,
      sentences: advice.map((a) => ({ text: adviceSentence(a), outcome: a.outcome })),
    },
    comparison,
    warnings,
    notes: cells.filter((c) => !measured(c)).map(
      (c) => `line ${c.line}: ${c.model} ${c.strategy} ${c.buffers} × ${sizeLabel(c)} at ${c.connections} connections has no result${c.errors ? ` (errors: ${c.errors})` : ''}.`,
    ),
    strategies,
    ratioExtent: Math.max(1.1, ...ratios),
    sections,
  };
}

function compareWith(base: RunInput, run: RunInput, cells: readonly CellRecord[]): { model: ReportComparison; cells: RunComparison; warnings: string[] } {
  const baseCells = latestPerCell(base.cells);
  const b = base.samples;
  const n = run.samples;
  if (b.state === 'read' && b.file && n.state === 'read' && n.file) {
    const gate = compareRuns(b.file, n.file, defaultSettings());
    const compared = gateComparison(gate, [...cells, ...baseCells]);
    return {
      model: {
        basis: 'compare',
        basisNote: `Verdicts of sgbench compare ${b.path} ${n.path} (default settings): what the CI gate decides for these files.`,
        sentences: gateSentences(gate, compared),
        gate,
      },
      cells: compared,
      warnings: gate.warnings,
    };
  }
  const missing = [['BASE', base] as const, ['NEW', run] as const].filter(([, r]) => r.samples.state !== 'read' || !r.samples.file);
  const tau = `${Math.round(DEFAULT_TOLERANCE * 100)} %`;
  const compared = compareByRme(baseCells, cells, rmeOf(base), rmeOf(run));
  return {
    model: {
      basis: 'rme',
      basisNote: `Not the verdicts of sgbench compare: ${missing.map(([side]) => side).join(' and ')} ${missing.length > 1 ? 'have' : 'has'} no sample CSV, so intervals come from rme_pct and a fixed ±${tau} rule.`,
      sentences: rmeSentences(compared),
      gate: null,
    },
    cells: compared,
    warnings: missing.map(
      ([side, r]) =>
        `no sample CSV for ${side} ${r.source} (${noSamples(r)}): NEW ÷ BASE comes from rme_pct with a fixed ${tau} threshold, not from the tests of ` +
        `sgbench compare. Hint: keep the .samples.csv the run wrote beside its cell CSV, or pass --${side === 'BASE' ? 'base-samples' : 'samples'}.`,
    ),
  };
}

function sectionNote(basis: ReportComparison['basis']): string {
  const { thresholds, noisyFactor, alpha } = defaultSettings();
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  return basis === 'compare'
    ? `Each cell and metric as sgbench compare decides it: the Hodges–Lehmann estimate of NEW ÷ BASE from the samples with its ${pct(1 - alpha)} interval. ` +
        `Red: regression (significant after Holm and the whole interval worse than ${pct(thresholds.bytes_per_s)} for throughput, ${pct(thresholds.client_cpu_s_per_gib)} for client CPU, ` +
        `× ${noisyFactor} for noisy cells); orange: inconclusive; green: improvement; grey: ok. For client CPU a ratio above 1 is worse.`
    : `Throughput of each cell in NEW divided by BASE, with the 95 % interval from both cells’ margins of error (rme_pct), because a sample CSV is missing. ` +
        `Red: regression (the whole interval more than ${pct(DEFAULT_TOLERANCE)} below 1); green: improvement (more than ${pct(DEFAULT_TOLERANCE)} above).`;
}

function describeSource(run: RunInput): string {
  return run.samples.state === 'read' ? `${run.source} (samples: ${run.samples.path})` : `${run.source} (no sample CSV: ${noSamples(run)})`;
}

/** Why a run has no sample CSV: what was looked for. */
function noSamples(run: RunInput): string {
  if (run.samples.state === 'read') return `${run.samples.path} was read without its records`;
  const looked = run.samples.lookedFor;
  return looked.length === 0 ? 'none named beside a cell CSV of this name' : `${looked.join(' or ')} not found`;
}

function rmeOf(run: RunInput): (c: CellRecord) => number | null {
  const byKey = run.samples.state === 'read' ? run.samples.rmeByKey : undefined;
  return (c) => byKey?.get(keyOf(c)) ?? c.rmePct;
}

/** A cell measured more than once (an appended re-run) counts with its last row. */
function latestPerCell(cells: readonly CellRecord[]): CellRecord[] {
  return [...new Map(cells.map((c) => [keyOf(c), c] as const)).values()];
}
