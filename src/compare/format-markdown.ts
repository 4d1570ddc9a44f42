/** Markdown for a CI step summary (GitHub's `$GITHUB_STEP_SUMMARY`). */

import { change, confidenceLabel, headline, interval, metricLabel, pValue, sortedCells, suiteEstimate, value } from './format-values.js';
import type { CompareReport } from './report.js';

export function formatMarkdown(report: CompareReport): string {
  const out: string[] = [];
  const mode = report.mode === 'ab' ? `A/B: ${report.next.label} against ${report.base.label}` : 'NEW against BASE';
  out.push(`### sgbench compare (${mode})`, '', `**${headline(report)}**`, '');
  out.push(
    `| cell | metric | ${report.base.label} | ${report.next.label} | change | interval (${confidenceLabel(report.alpha)}) | p (Holm) | verdict |`,
    '|---|---|---:|---:|---:|---|---:|---|',
  );
  for (const c of sortedCells(report.cells)) {
    const verdict = c.verdict === 'regression' ? '**regression**' : c.verdict;
    out.push(
      `| \`${escape(c.cell)}\` | ${metricLabel(c.metric)} | ${value(c.metric, c.base.median)} | ${value(c.metric, c.next.median)} | ` +
        `${change(c.ratio)} | ${interval(c.lower, c.upper)} | ${pValue(c.pAdjusted)} | ${verdict}${c.noisy ? ' (noisy)' : ''} |`,
    );
  }
  out.push('');
  for (const s of report.suite) {
    out.push(`- Suite, ${metricLabel(s.metric)}: ${suiteEstimate(s)}: **${s.verdict}**, ${s.reason}.`);
  }
  if (report.onlyBase.length > 0) out.push(`- Only in ${report.base.label} (not compared): ${report.onlyBase.map((c) => `\`${escape(c)}\``).join(', ')}`);
  if (report.onlyNew.length > 0) out.push(`- Only in ${report.next.label} (not compared): ${report.onlyNew.map((c) => `\`${escape(c)}\``).join(', ')}`);
  for (const w of report.warnings) out.push(`- Warning: ${escape(w)}`);
  return out.join('\n') + '\n';
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}
