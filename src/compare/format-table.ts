/** The terminal output: an aligned table, the suite gate, one-sided cells, warnings, the verdict. */

import { change, confidenceLabel, headline, interval, metricLabel, pValue, sortedCells, suiteEstimate, value } from './format-values.js';
import type { CompareReport } from './report.js';

export function formatTable(report: CompareReport): string {
  const lines: string[] = [];
  lines.push(title(report), '');
  const header = ['cell', 'metric', report.base.label, report.next.label, 'change', `interval (${confidenceLabel(report.alpha)})`, 'p (Holm)', 'verdict'];
  const rows = sortedCells(report.cells).map((c) => [
    c.cell,
    metricLabel(c.metric),
    `${value(c.metric, c.base.median)} (n=${c.base.n})`,
    `${value(c.metric, c.next.median)} (n=${c.next.n})`,
    change(c.ratio),
    interval(c.lower, c.upper),
    pValue(c.pAdjusted),
    c.verdict + (c.noisy ? ' (noisy)' : ''),
  ]);
  lines.push(...align([header, ...rows]));
  lines.push('');
  for (const s of report.suite) {
    lines.push(`suite ${metricLabel(s.metric)}: ${suiteEstimate(s)}: ${s.verdict}, ${s.reason}`);
  }
  if (report.onlyBase.length > 0) lines.push(`only in ${report.base.label} (not compared): ${report.onlyBase.join(', ')}`);
  if (report.onlyNew.length > 0) lines.push(`only in ${report.next.label} (not compared): ${report.onlyNew.join(', ')}`);
  for (const c of sortedCells(report.cells).filter((c) => c.verdict === 'regression' || c.verdict === 'inconclusive')) {
    lines.push(`${c.verdict}: ${c.cell} ${metricLabel(c.metric)} ${change(c.ratio)}: ${c.reason}`);
  }
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  lines.push('', `Verdict: ${headline(report)}`);
  return lines.join('\n') + '\n';
}

function title(report: CompareReport): string {
  if (report.mode === 'ab') return `sgbench compare --ab: variant ${report.next.label} against ${report.base.label} (${report.base.files.join(', ')})`;
  return `sgbench compare: NEW ${report.next.files.join(', ')} against BASE ${report.base.files.join(', ')}`;
}

function align(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
}
