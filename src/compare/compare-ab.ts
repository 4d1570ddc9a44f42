/**
 * Same-job A/B: two variants measured alternately, recorded in the `variant` column of the same
 * sample files. The k-th sample of a cell under A pairs with the k-th sample of that cell under B,
 * in file order (files in the order given), so that both a runner that alternates inside a cell
 * and a job that alternates whole runs (A, B, A, B, …) pair measurements taken close in time.
 */

import { analyse } from './analyse.js';
import type { CellSamples } from './cell-samples.js';
import { CompareInputError } from './input-error.js';
import { machineWarnings } from './machines.js';
import { outcomeOf, type CompareReport } from './report.js';
import type { SampleFile, SampleRecord } from './sample-file.js';
import type { CompareSettings } from './settings.js';

export interface AbVariants {
  /** The baseline's variant label. @default 'A' when the files hold exactly A and B */
  base?: string;
  /** The candidate's variant label. @default 'B' when the files hold exactly A and B */
  next?: string;
}

/** Compares variant `next` against variant `base`, pair by pair. */
export function compareAb(files: readonly SampleFile[], variants: AbVariants, settings: CompareSettings): CompareReport {
  const first = files[0];
  if (!first) throw new RangeError('compareAb needs at least one file');
  const records = files.flatMap((f) => f.records.map((r) => ({ file: f.path, r })));
  const unlabelled = records.find((x) => x.r.variant === '');
  if (unlabelled) {
    throw new CompareInputError(
      unlabelled.file,
      `line ${unlabelled.r.line}: the variant column is empty; an A/B file labels every sample (sgbench run --variant A|B)`,
    );
  }
  const present = [...new Set(records.map((x) => x.r.variant))].sort();
  const { base: a, next: b } = resolveVariants(present, variants, files.map((f) => f.path).join(', '));

  const cellsA = byCell(records.filter((x) => x.r.variant === a).map((x) => x.r));
  const cellsB = byCell(records.filter((x) => x.r.variant === b).map((x) => x.r));
  const common = [...cellsA.keys()].filter((c) => cellsB.has(c)).sort();
  if (common.length === 0) throw new CompareInputError(first.path, `no cell was measured under both ${a} and ${b}`);

  const warnings: string[] = [];
  const groups: CellSamples[] = [];
  for (const metric of settings.metrics) {
    for (const cell of common) {
      const ra = cellsA.get(cell)!;
      const rb = cellsB.get(cell)!;
      const n = Math.min(ra.length, rb.length);
      if (metric === settings.metrics[0] && ra.length !== rb.length) {
        warnings.push(`cell ${cell}: ${ra.length} samples under ${a}, ${rb.length} under ${b}; pairing the first ${n}`);
      }
      const base: number[] = [];
      const next: number[] = [];
      for (let k = 0; k < n; k++) {
        const va = ra[k]!.values[metric];
        const vb = rb[k]!.values[metric];
        if (va !== null && vb !== null) {
          base.push(va);
          next.push(vb);
        }
      }
      groups.push({ cell, metric, base, next });
    }
  }
  const analysis = analyse(groups, true, settings);
  warnings.push(
    ...machineWarnings(
      { label: a, machines: records.filter((x) => x.r.variant === a).map((x) => x.r.machine) },
      { label: b, machines: records.filter((x) => x.r.variant === b).map((x) => x.r.machine) },
    ),
    ...analysis.warnings,
  );
  const paths = files.map((f) => f.path);
  return {
    mode: 'ab',
    base: { label: a, files: paths },
    next: { label: b, files: paths },
    alpha: settings.alpha,
    cells: analysis.cells,
    suite: analysis.suite,
    onlyBase: [...cellsA.keys()].filter((c) => !cellsB.has(c)).sort(),
    onlyNew: [...cellsB.keys()].filter((c) => !cellsA.has(c)).sort(),
    warnings,
    outcome: outcomeOf(analysis.cells, analysis.suite),
  };
}

function resolveVariants(present: readonly string[], wanted: AbVariants, where: string): { base: string; next: string } {
  let base = wanted.base;
  let next = wanted.next;
  if (base === undefined && next === undefined) {
    if (present.length === 2 && present[0] === 'A' && present[1] === 'B') {
      base = 'A';
      next = 'B';
    } else {
      throw new CompareInputError(
        where,
        `variants found: ${present.join(', ')}; say which is the baseline and which the candidate with --base-variant and --new-variant`,
      );
    }
  }
  if (base === undefined || next === undefined) {
    throw new CompareInputError(where, 'give both --base-variant and --new-variant, or neither (then the variants must be A and B)');
  }
  if (base === next) throw new CompareInputError(where, `the baseline and candidate variants are both ${base}`);
  for (const v of [base, next]) {
    if (!present.includes(v)) throw new CompareInputError(where, `no sample has variant ${v} (variants found: ${present.join(', ')})`);
  }
  return { base, next };
}

function byCell(records: readonly SampleRecord[]): Map<string, SampleRecord[]> {
  const map = new Map<string, SampleRecord[]>();
  for (const r of records) {
    const list = map.get(r.cell);
    if (list) list.push(r);
    else map.set(r.cell, [r]);
  }
  return map;
}
