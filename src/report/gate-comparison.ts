/**
 * The verdicts of `sgbench compare` in the report: its result on the two sample CSVs, laid out per
 * cell for the charts and told as sentences. Nothing is recomputed here, so the page and the gate
 * cannot disagree.
 */
import { headline, metricLabel, suiteEstimate } from '../compare/format-values.js';
import type { CompareReport } from '../compare/report.js';
import { keyOf, type CellRecord } from './cell-record.js';
import { cellLabel, changeSentences, type RunComparison } from './comparison.js';

/** Compare's cells joined to their rows in the cell CSVs (`cells`, NEW first) by cell key. */
export function gateComparison(report: CompareReport, cells: readonly CellRecord[]): RunComparison {
  const byKey = new Map<string, CellRecord>();
  for (const c of cells) if (!byKey.has(keyOf(c))) byKey.set(keyOf(c), c);
  return {
    changes: report.cells.map((c) => {
      const cell = byKey.get(c.cell) ?? null;
      return {
        key: c.cell,
        metric: c.metric,
        cell,
        label: cell === null ? c.cell : cellLabel(cell),
        ratio: c.ratio,
        low: c.lower,
        high: c.upper,
        verdict: c.verdict,
        noisy: c.noisy,
        p: c.pAdjusted,
        reason: c.reason,
      };
    }),
    onlyInBase: report.onlyBase,
    onlyInNew: report.onlyNew,
  };
}

/** Compare's headline, the suite gate per metric, one-sided cells, then every regressed or undecided cell. */
export function gateSentences(report: CompareReport, comparison: RunComparison): string[] {
  const lines = [`${headline(report)}.`];
  for (const s of report.suite) lines.push(`Suite gate, ${metricLabel(s.metric)}: ${suiteEstimate(s)}: ${s.verdict}, ${s.reason}.`);
  if (report.onlyBase.length > 0) lines.push(`Only in BASE, not compared: ${report.onlyBase.join(', ')}.`);
  if (report.onlyNew.length > 0) lines.push(`Only in NEW, not compared: ${report.onlyNew.join(', ')}.`);
  return [...lines, ...changeSentences(comparison)];
}
