/** BASE against NEW: two runs of the same grid, joined by cell key. */

import { analyse } from './analyse.js';
import type { CellSamples } from './cell-samples.js';
import { CompareInputError } from './input-error.js';
import { machineWarnings } from './machines.js';
import type { MetricName } from './metrics.js';
import { outcomeOf, type CompareReport } from './report.js';
import type { SampleFile, SampleRecord } from './sample-file.js';
import type { CompareSettings } from './settings.js';

/** Compares two sample files cell by cell. Throws `CompareInputError` when they share no cell. */
export function compareRuns(baseFile: SampleFile, nextFile: SampleFile, settings: CompareSettings): CompareReport {
  const base = byCell(checkSingleVariant(baseFile));
  const next = byCell(checkSingleVariant(nextFile));
  const common = [...base.keys()].filter((c) => next.has(c)).sort();
  if (common.length === 0) {
    throw new CompareInputError(nextFile.path, `no cell in common with ${baseFile.path}: were they run with the same preset and flags?`);
  }
  const groups: CellSamples[] = [];
  for (const metric of settings.metrics) {
    for (const cell of common) {
      groups.push({ cell, metric, base: values(base.get(cell)!, metric), next: values(next.get(cell)!, metric) });
    }
  }
  const analysis = analyse(groups, false, settings);
  const warnings = [
    ...machineWarnings(
      { label: 'BASE', machines: baseFile.records.map((r) => r.machine) },
      { label: 'NEW', machines: nextFile.records.map((r) => r.machine) },
    ),
    ...analysis.warnings,
  ];
  return {
    mode: 'runs',
    base: { label: 'BASE', files: [baseFile.path] },
    next: { label: 'NEW', files: [nextFile.path] },
    alpha: settings.alpha,
    cells: analysis.cells,
    suite: analysis.suite,
    onlyBase: [...base.keys()].filter((c) => !next.has(c)).sort(),
    onlyNew: [...next.keys()].filter((c) => !base.has(c)).sort(),
    warnings,
    outcome: outcomeOf(analysis.cells, analysis.suite),
  };
}

function checkSingleVariant(file: SampleFile): SampleFile {
  const variants = [...new Set(file.records.map((r) => r.variant))];
  if (variants.length > 1) {
    throw new CompareInputError(
      file.path,
      `holds several variants (${variants.map((v) => v || '(empty)').join(', ')}): compare them with each other using --ab`,
    );
  }
  return file;
}

function byCell(file: SampleFile): Map<string, SampleRecord[]> {
  const map = new Map<string, SampleRecord[]>();
  for (const r of file.records) {
    const list = map.get(r.cell);
    if (list) list.push(r);
    else map.set(r.cell, [r]);
  }
  return map;
}

function values(records: readonly SampleRecord[], metric: MetricName): number[] {
  return records.flatMap((r) => (r.values[metric] === null ? [] : [r.values[metric]]));
}
