/**
 * The table printed at the end of a sweep: the fastest cells, then for every shape the ratios
 * gather/coalesce and gather/sequential (above 1: gather is faster), the question of the sweep.
 */
import type { GridCell } from '../grid/cells.js';
import type { Strategy } from '../types.js';
import type { CellStatistics } from './cell-statistics.js';
import { alignColumns, formatGbit, formatRatio } from './format.js';

/** A measured cell as the summary sees it. */
export interface SummaryCell {
  cell: GridCell;
  stats: Pick<CellStatistics, 'bytesPerS' | 'rmePct'>;
}

/** One shape (everything but the strategy) and the throughput of each strategy on it. */
export interface ShapeComparison {
  /** The cell key without its strategy. */
  shapeKey: string;
  model: string;
  shape: string;
  connections: number;
  /** Settings other than model, shape and connections that differ from the defaults. */
  extras: string;
  bytesPerS: Partial<Record<Strategy, number>>;
  gatherOverCoalesce: number | null;
  gatherOverSequential: number | null;
}

function ratio(a: number | undefined, b: number | undefined): number | null {
  return a !== undefined && b !== undefined && b > 0 ? a / b : null;
}

/** Groups measured cells by shape, in first-seen order, and computes the strategy ratios. */
export function compareStrategies(cells: readonly SummaryCell[]): ShapeComparison[] {
  const byShape = new Map<string, ShapeComparison>();
  for (const { cell, stats } of cells) {
    const shapeKey = cell.key.replace(`/strategy=${cell.strategy}`, '');
    let entry = byShape.get(shapeKey);
    if (!entry) {
      const extras = shapeKey.split('/').slice(5).join(' ');
      entry = {
        shapeKey,
        model: cell.model,
        shape: cell.shape,
        connections: cell.connections,
        extras: [cell.depth !== 1 ? `depth=${cell.depth}` : '', extras].filter(Boolean).join(' '),
        bytesPerS: {},
        gatherOverCoalesce: null,
        gatherOverSequential: null,
      };
      byShape.set(shapeKey, entry);
    }
    entry.bytesPerS[cell.strategy] = stats.bytesPerS;
  }
  const list = [...byShape.values()];
  for (const e of list) {
    e.gatherOverCoalesce = ratio(e.bytesPerS.gather, e.bytesPerS.coalesce);
    e.gatherOverSequential = ratio(e.bytesPerS.gather, e.bytesPerS.sequential);
  }
  return list.sort(
    (a, b) =>
      a.model.localeCompare(b.model) ||
      a.extras.localeCompare(b.extras) ||
      a.connections - b.connections ||
      sizeOf(a.shape) - sizeOf(b.shape) ||
      countOf(a.shape) - countOf(b.shape),
  );
}

const countOf = (shape: string) => Number(shape.split('x')[0]);
const sizeOf = (shape: string) => Number(shape.split('x')[1]);

/** The lines of the end-of-run summary. */
export function summaryLines(cells: readonly SummaryCell[], best = 5): string[] {
  if (cells.length === 0) return ['No cell finished.'];
  const lines: string[] = [];
  const fastest = [...cells].sort((a, b) => b.stats.bytesPerS - a.stats.bytesPerS).slice(0, best);
  lines.push(`Fastest cells:`);
  lines.push(
    ...alignColumns(
      [
        ['Gbit/s', 'rme', 'cell'],
        ...fastest.map(({ cell, stats }) => [formatGbit(stats.bytesPerS), `±${stats.rmePct.toFixed(1)}%`, cell.key]),
      ],
      [true, true, false],
    ).map((l) => `  ${l}`),
  );

  const shapes = compareStrategies(cells).filter((s) => s.bytesPerS.gather !== undefined && Object.keys(s.bytesPerS).length > 1);
  if (shapes.length > 0) {
    lines.push('');
    lines.push('Gather against the other strategies, per shape (N buffers x bytes each; ratio > 1: gather is faster):');
    const gbit = (v: number | undefined) => (v === undefined ? '-' : formatGbit(v));
    lines.push(
      ...alignColumns(
        [
          ['model', 'conns', 'shape', 'gather', 'coalesce', 'sequential', 'g/coalesce', 'g/sequential', ''],
          ...shapes.map((s) => [
            s.model,
            String(s.connections),
            s.shape,
            gbit(s.bytesPerS.gather),
            gbit(s.bytesPerS.coalesce),
            gbit(s.bytesPerS.sequential),
            formatRatio(s.gatherOverCoalesce),
            formatRatio(s.gatherOverSequential),
            s.extras,
          ]),
        ],
        [false, true, false, true, true, true, true, true, false],
      ).map((l) => `  ${l}`),
    );
    lines.push('  (throughput columns in Gbit/s)');
  }
  return lines;
}
