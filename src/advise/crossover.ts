/**
 * The crossover answer: per setting group × connections × buffer count, the smallest buffer size
 * from which gathering beats copying (coalesce) by more than the measurements' own noise.
 * Pure functions over cell records; sentences are in sentences.ts.
 */
import { measured, type CellRecord } from '../report/cell-record.js';
import { ratioInterval, verdictOf, type RatioInterval, type Verdict } from './ratio-interval.js';
import { groupBySettings } from './setting-group.js';

/** gather ÷ coalesce at one buffer size. `verdict` `higher` means gather wins beyond the noise. */
export interface SizeComparison extends RatioInterval {
  bufferBytes: number;
  gatherBytesPerS: number;
  coalesceBytesPerS: number;
  verdict: Verdict;
}

/**
 * - `gather`: gather wins at `crossoverBytes` and at every larger size measured.
 * - `copy`: coalesce wins somewhere and gather nowhere.
 * - `no-difference`: every size is within noise.
 * - `mixed`: gather wins at some size but not at the largest: no stable crossover.
 * - `unknown`: a cell lacked its margin of error (empty `rme_pct` and no sample file).
 */
export type Outcome = 'gather' | 'copy' | 'no-difference' | 'mixed' | 'unknown';

/** The answer for one setting group × connections × buffer count. */
export interface Advice {
  groupId: string;
  /** Model plus the settings that vary in the file, e.g. `overlapped-event, echo mode`. */
  groupLabel: string;
  model: string;
  settings: Record<string, string>;
  connections: number;
  buffers: number;
  outcome: Outcome;
  /** Smallest size from which gather wins at every larger size measured; null unless `gather`. */
  crossoverBytes: number | null;
  /** The comparison the answer quotes: at the crossover, the largest copy win, or the largest size. */
  at: SizeComparison;
  /** For `gather` above the smallest size: the next smaller size, where gather did not win. */
  below: SizeComparison | null;
  /** Every size measured with both strategies, ascending. */
  sizes: SizeComparison[];
}

/** Options for `findCrossovers`. */
export interface CrossoverOptions {
  /** Margins of error by cell key (from a sample CSV), preferred over the `rme_pct` column. */
  rmeByKey?: ReadonlyMap<string, number>;
  /** Key function matching `rmeByKey`'s keys. */
  keyOf?: (c: CellRecord) => string;
}

/**
 * Finds the crossover for every setting group × connections × buffer count (≥ 2 buffers) that has
 * gather and coalesce cells of uniform buffer size. Failed cells and non-uniform shapes are left
 * out; a cell measured twice counts with its last row.
 */
export function findCrossovers(cells: readonly CellRecord[], options: CrossoverOptions = {}): Advice[] {
  const rme = (c: CellRecord): number | null => {
    const fromSamples = options.rmeByKey && options.keyOf ? options.rmeByKey.get(options.keyOf(c)) : undefined;
    return fromSamples ?? c.rmePct;
  };
  const advice: Advice[] = [];
  for (const group of groupBySettings(cells.filter(measured))) {
    const pairs = new Map<string, { gather?: CellRecord; coalesce?: CellRecord }>();
    for (const c of group.cells) {
      if ((c.strategy !== 'gather' && c.strategy !== 'coalesce') || c.bufferBytes === null || c.buffers < 2) continue;
      const id = `${c.connections}/${c.buffers}/${c.bufferBytes}`;
      const pair = pairs.get(id) ?? {};
      pair[c.strategy] = c;
      pairs.set(id, pair);
    }
    const byCount = new Map<string, { connections: number; buffers: number; sizes: SizeComparison[] }>();
    for (const { gather, coalesce } of pairs.values()) {
      if (!gather || !coalesce || gather.bufferBytes === null) continue;
      const interval = ratioInterval(gather.bytesPerS!, rme(gather), coalesce.bytesPerS!, rme(coalesce));
      const id = `${gather.connections}/${gather.buffers}`;
      const entry = byCount.get(id) ?? { connections: gather.connections, buffers: gather.buffers, sizes: [] };
      entry.sizes.push({
        ...interval,
        bufferBytes: gather.bufferBytes,
        gatherBytesPerS: gather.bytesPerS!,
        coalesceBytesPerS: coalesce.bytesPerS!,
        verdict: verdictOf(interval),
      });
      byCount.set(id, entry);
    }
    const entries = [...byCount.values()].sort((a, b) => a.connections - b.connections || a.buffers - b.buffers);
    for (const { connections, buffers, sizes } of entries) {
      sizes.sort((a, b) => a.bufferBytes - b.bufferBytes);
      advice.push({
        groupId: group.id,
        groupLabel: group.label,
        model: group.model,
        settings: group.settings,
        connections,
        buffers,
        ...judge(sizes),
        sizes,
      });
    }
  }
  return advice;
}

function judge(sizes: SizeComparison[]): Pick<Advice, 'outcome' | 'crossoverBytes' | 'at' | 'below'> {
  const last = sizes[sizes.length - 1]!;
  if (sizes.some((s) => s.verdict === 'unknown')) return { outcome: 'unknown', crossoverBytes: null, at: last, below: null };
  let from = sizes.length;
  while (from > 0 && sizes[from - 1]!.verdict === 'higher') from--;
  if (from < sizes.length) {
    const at = sizes[from]!;
    return { outcome: 'gather', crossoverBytes: at.bufferBytes, at, below: sizes[from - 1] ?? null };
  }
  if (sizes.some((s) => s.verdict === 'higher')) {
    const at = [...sizes].reverse().find((s) => s.verdict === 'higher')!;
    return { outcome: 'mixed', crossoverBytes: null, at, below: null };
  }
  const copyWins = sizes.filter((s) => s.verdict === 'lower');
  if (copyWins.length > 0) return { outcome: 'copy', crossoverBytes: null, at: copyWins[copyWins.length - 1]!, below: null };
  return { outcome: 'no-difference', crossoverBytes: null, at: last, below: null };
}
