/**
 * Comparing two runs cell by cell: NEW ÷ BASE throughput with an interval from each cell's margin
 * of error (`rme_pct`, or samples), and a verdict against a tolerance.
 */
import { groupBySettings } from '../advise/setting-group.js';
import { ratioInterval } from '../advise/ratio-interval.js';
import { formatBytes } from '../advise/format-size.js';
import { keyOf, measured, type CellRecord } from './cell-record.js';
import type { ComparePanel, CompareRow, PanelBlock, Section } from './report-model.js';
import { sizeLabel } from './size-axis.js';

/** The throughput threshold τ of `sgbench compare` (docs/compare.md), so both tools call the same cells. */
export const DEFAULT_TOLERANCE = 0.1;

/** Options for `compareRuns`. */
export interface CompareOptions {
  /** τ: a regression needs the whole interval below 1 − τ, an improvement above 1 + τ. @default DEFAULT_TOLERANCE */
  tolerance?: number;
  /** Margin of error (percent) of a cell; defaults to its `rme_pct`. */
  rmeBase?: (c: CellRecord) => number | null;
  rmeNew?: (c: CellRecord) => number | null;
}

/** One cell measured in both runs. */
export interface CellChange extends CompareRow {
  key: string;
  base: CellRecord;
  next: CellRecord;
}

/** Result of `compareRuns`. */
export interface RunComparison {
  changes: CellChange[];
  onlyInBase: string[];
  onlyInNew: string[];
}

/**
 * Joins BASE and NEW by cell key and rates each common cell: `regression` when the whole interval
 * of NEW ÷ BASE lies below 1 − tolerance, `improvement` when above 1 + tolerance, `same`
 * otherwise, `unknown` without margins of error. Failed cells are left out of both runs.
 */
export function compareRuns(base: readonly CellRecord[], next: readonly CellRecord[], options: CompareOptions = {}): RunComparison {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const rmeBase = options.rmeBase ?? ((c: CellRecord) => c.rmePct);
  const rmeNew = options.rmeNew ?? ((c: CellRecord) => c.rmePct);
  const baseByKey = new Map(base.filter(measured).map((c) => [keyOf(c), c] as const));
  const newByKey = new Map(next.filter(measured).map((c) => [keyOf(c), c] as const));
  const changes: CellChange[] = [];
  for (const [key, n] of newByKey) {
    const b = baseByKey.get(key);
    if (b === undefined) continue;
    const r = ratioInterval(n.bytesPerS, rmeNew(n), b.bytesPerS, rmeBase(b));
    const verdict = !r.noiseKnown
      ? 'unknown'
      : r.high < 1 - tolerance
        ? 'regression'
        : r.low > 1 + tolerance
          ? 'improvement'
          : 'same';
    changes.push({ key, base: b, next: n, label: cellLabel(n), ratio: r.ratio, low: r.low, high: r.high, verdict });
  }
  return {
    changes,
    onlyInBase: [...baseByKey.keys()].filter((k) => !newByKey.has(k)),
    onlyInNew: [...newByKey.keys()].filter((k) => !baseByKey.has(k)),
  };
}

function cellLabel(c: CellRecord): string {
  return `${c.strategy} ${c.buffers} × ${sizeLabel(c)}`;
}

/** One panel per setting group × connections, rows sorted by strategy, buffer size, buffer count. */
export function comparisonSection(comparison: RunComparison): Section | null {
  if (comparison.changes.length === 0) return null;
  const byKey = new Map(comparison.changes.map((c) => [c.next, c] as const));
  const blocks: PanelBlock[] = [];
  for (const group of groupBySettings(comparison.changes.map((c) => c.next))) {
    const connections = [...new Set(group.cells.map((c) => c.connections))].sort((a, b) => a - b);
    const panels: ComparePanel[] = connections.map((conn) => {
      const rows = group.cells
        .filter((c) => c.connections === conn)
        .sort((a, b) => a.strategy.localeCompare(b.strategy) || (a.bufferBytes ?? 0) - (b.bufferBytes ?? 0) || a.buffers - b.buffers)
        .map((c) => {
          const { label, ratio, low, high, verdict } = byKey.get(c)!;
          return { label, ratio, low, high, verdict };
        });
      return { kind: 'compare', id: `compare/${group.id}/c${conn}`, title: `${conn} connection${conn === 1 ? '' : 's'}`, rows };
    });
    blocks.push({ title: group.label, columns: Math.min(panels.length, 2), panels });
  }
  return {
    id: 'compare',
    title: 'NEW ÷ BASE',
    note: 'Throughput of each cell in NEW divided by BASE, with the 95 % interval from both cells’ margins of error. Red: regression (the whole interval more than 10 % below 1); green: improvement (more than 10 % above).',
    legend: 'compare',
    blocks,
  };
}

/** Sentences for the top of a comparison report: counts, then every regression. */
export function comparisonSentences(comparison: RunComparison, tolerance = DEFAULT_TOLERANCE): string[] {
  const count = (v: CompareRow['verdict']) => comparison.changes.filter((c) => c.verdict === v).length;
  const lines = [
    `${comparison.changes.length} cells in both runs: ${count('regression')} regressed, ${count('improvement')} improved, ${count('same')} unchanged within noise or ±${Math.round(tolerance * 100)} %` +
      (count('unknown') > 0 ? `, ${count('unknown')} without a margin of error` : '') + '.',
  ];
  if (comparison.onlyInBase.length + comparison.onlyInNew.length > 0) {
    lines.push(`${comparison.onlyInBase.length} cells only in BASE and ${comparison.onlyInNew.length} only in NEW are not compared.`);
  }
  for (const c of comparison.changes.filter((x) => x.verdict === 'regression').sort((a, b) => a.ratio - b.ratio)) {
    const size = c.next.bufferBytes !== null ? formatBytes(c.next.bufferBytes) : sizeLabel(c.next);
    lines.push(
      `Regression: ${c.next.model}, ${c.next.strategy} ${c.next.buffers} × ${size} at ${c.next.connections} connections: ${c.ratio.toFixed(2)}× [${c.low.toFixed(2)}, ${c.high.toFixed(2)}] of BASE.`,
    );
  }
  return lines;
}
