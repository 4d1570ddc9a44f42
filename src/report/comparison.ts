/**
 * NEW ÷ BASE cell by cell, as charts and sentences, from either basis: the verdicts of
 * `sgbench compare` (gate-comparison.ts) or, when a sample CSV is missing, each cell's `rme_pct`.
 */
import { groupBySettings } from '../advise/setting-group.js';
import { ratioInterval } from '../advise/ratio-interval.js';
import { formatBytes } from '../advise/format-size.js';
import { METRIC_INFO, METRICS, type MetricName } from '../compare/metrics.js';
import { keyOf, measured, type CellRecord } from './cell-record.js';
import type { ComparePanel, CompareRow, PanelBlock, Section } from './report-model.js';
import { sizeLabel } from './size-axis.js';

/** The throughput threshold τ of the `rme_pct` fallback: compare's default for bytes/s. */
export const DEFAULT_TOLERANCE = METRIC_INFO.bytes_per_s.defaultThreshold;

/** One cell and metric compared. */
export interface CellChange extends CompareRow {
  key: string;
  metric: MetricName;
  /** The cell's row (NEW, else BASE); null when neither cell CSV has the key. */
  cell: CellRecord | null;
  /** Why this verdict; empty where there is nothing to add. */
  reason: string;
}

/** Cells compared, and the cell keys measured on one side only. */
export interface RunComparison {
  changes: CellChange[];
  onlyInBase: string[];
  onlyInNew: string[];
}

/**
 * The fallback without sample CSVs: joins BASE and NEW by cell key and rates each common cell's
 * throughput by the interval from both margins of error: `regression` when it lies wholly below
 * 1 − tolerance, `improvement` when above 1 + tolerance, `ok` otherwise, `inconclusive` without
 * margins of error. Failed cells are left out of both runs.
 */
export function compareByRme(
  base: readonly CellRecord[],
  next: readonly CellRecord[],
  rmeBase: (c: CellRecord) => number | null,
  rmeNew: (c: CellRecord) => number | null,
  tolerance = DEFAULT_TOLERANCE,
): RunComparison {
  const baseByKey = new Map(base.filter(measured).map((c) => [keyOf(c), c] as const));
  const newByKey = new Map(next.filter(measured).map((c) => [keyOf(c), c] as const));
  const changes: CellChange[] = [];
  for (const [key, n] of newByKey) {
    const b = baseByKey.get(key);
    if (b === undefined) continue;
    const r = ratioInterval(n.bytesPerS, rmeNew(n), b.bytesPerS, rmeBase(b));
    const verdict = !r.noiseKnown ? 'inconclusive' : r.high < 1 - tolerance ? 'regression' : r.low > 1 + tolerance ? 'improvement' : 'ok';
    const reason = r.noiseKnown ? '' : 'no margin of error';
    changes.push({ key, metric: 'bytes_per_s', cell: n, label: cellLabel(n), ratio: r.ratio, low: r.low, high: r.high, verdict, noisy: false, p: null, reason });
  }
  return {
    changes,
    onlyInBase: [...baseByKey.keys()].filter((k) => !newByKey.has(k)),
    onlyInNew: [...newByKey.keys()].filter((k) => !baseByKey.has(k)),
  };
}

/** `gather 16 × 4 KiB`: a cell's label inside its panel. */
export function cellLabel(c: CellRecord): string {
  return `${c.strategy} ${c.buffers} × ${sizeLabel(c)}`;
}

/**
 * One block per metric × setting group, a panel per connection count, rows sorted by strategy,
 * buffer size, buffer count. Cells missing from the cell CSVs get a block of their own, by key.
 */
export function comparisonSection(comparison: RunComparison, note: string): Section | null {
  if (comparison.changes.length === 0) return null;
  const metrics = METRICS.filter((m) => comparison.changes.some((c) => c.metric === m));
  const blocks: PanelBlock[] = [];
  for (const metric of metrics) {
    const changes = comparison.changes.filter((c) => c.metric === metric);
    const suffix = metrics.length > 1 ? ` · ${METRIC_INFO[metric].label}` : '';
    const byCell = new Map(changes.flatMap((c) => (c.cell ? [[c.cell, c] as const] : [])));
    for (const group of groupBySettings([...byCell.keys()])) {
      const connections = [...new Set(group.cells.map((c) => c.connections))].sort((a, b) => a - b);
      const panels: ComparePanel[] = connections.map((conn) => {
        const rows = group.cells
          .filter((c) => c.connections === conn)
          .sort((a, b) => a.strategy.localeCompare(b.strategy) || (a.bufferBytes ?? 0) - (b.bufferBytes ?? 0) || a.buffers - b.buffers)
          .map((c) => row(byCell.get(c)!));
        const id = metrics.length > 1 ? `compare/${metric}/${group.id}/c${conn}` : `compare/${group.id}/c${conn}`;
        return { kind: 'compare', id, title: `${conn} connection${conn === 1 ? '' : 's'}`, rows };
      });
      blocks.push({ title: group.label + suffix, columns: Math.min(panels.length, 2), panels });
    }
    const unmatched = changes.filter((c) => c.cell === null);
    if (unmatched.length > 0) {
      const rows = unmatched.map((c) => row({ ...c, label: c.key }));
      blocks.push({ title: `Not in the cell CSVs${suffix}`, columns: 1, panels: [{ kind: 'compare', id: `compare/${metric}/unmatched`, title: 'by cell key', rows }] });
    }
  }
  return { id: 'compare', title: 'NEW ÷ BASE', note, legend: 'compare', blocks };
}

function row(c: CellChange): CompareRow {
  const { label, ratio, low, high, verdict, noisy, p } = c;
  return { label, ratio, low, high, verdict, noisy, p };
}

/** A sentence for every regressed and every undecided cell, regressions first, worst first. */
export function changeSentences(comparison: RunComparison): string[] {
  const listed = comparison.changes.filter((c) => c.verdict === 'regression' || c.verdict === 'inconclusive');
  const worse = (c: CellChange) => (METRIC_INFO[c.metric].higherIsBetter ? c.ratio : 1 / c.ratio);
  listed.sort((a, b) => Number(a.verdict !== 'regression') - Number(b.verdict !== 'regression') || worse(a) - worse(b));
  return listed.map((c) => {
    const where = c.cell === null ? c.key : `${c.cell.model}, ${c.cell.strategy} ${c.cell.buffers} × ${c.cell.bufferBytes !== null ? formatBytes(c.cell.bufferBytes) : sizeLabel(c.cell)} at ${c.cell.connections} connection${c.cell.connections === 1 ? '' : 's'}`;
    const metric = c.metric === 'bytes_per_s' ? '' : `, ${METRIC_INFO[c.metric].label}`;
    const verdict = c.verdict === 'regression' ? 'Regression' : 'Inconclusive';
    const why = [c.p === null ? '' : `p ${c.p < 0.001 ? '< 0.001' : c.p.toFixed(3)} after Holm`, c.reason].filter((s) => s !== '').join(', ');
    return `${verdict}: ${where}${metric}: ${c.ratio.toFixed(2)}× [${c.low.toFixed(2)}, ${c.high.toFixed(2)}] of BASE${why ? ` (${why})` : ''}.`;
  });
}

/** The sentences of the `rme_pct` fallback: counts, one-sided cells, then every regression. */
export function rmeSentences(comparison: RunComparison, tolerance = DEFAULT_TOLERANCE): string[] {
  const count = (v: CompareRow['verdict']) => comparison.changes.filter((c) => c.verdict === v).length;
  const lines = [
    `${comparison.changes.length} cells in both runs: ${count('regression')} regressed, ${count('improvement')} improved, ${count('ok')} unchanged within noise or ±${Math.round(tolerance * 100)} %` +
      (count('inconclusive') > 0 ? `, ${count('inconclusive')} without a margin of error` : '') + '.',
  ];
  if (comparison.onlyInBase.length + comparison.onlyInNew.length > 0) {
    lines.push(`${comparison.onlyInBase.length} cells only in BASE and ${comparison.onlyInNew.length} only in NEW are not compared.`);
  }
  return [...lines, ...changeSentences({ ...comparison, changes: comparison.changes.filter((c) => c.verdict === 'regression') })];
}
