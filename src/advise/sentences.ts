/** The crossover answer as plain sentences a server engineer can act on. */
import type { Advice, SizeComparison } from './crossover.js';
import { formatBytes, formatRatio } from './format-size.js';

/** `1.21× [1.15, 1.27]`: gather ÷ coalesce with its 95 % interval. */
export function formatInterval(s: SizeComparison): string {
  return `${formatRatio(s.ratio)} [${bound(s.low)}, ${bound(s.high)}]`;
}

// A bound that rounds to 1.00 without being 1 would hide which side of 1 it is on: add a digit.
function bound(v: number): string {
  const two = v.toFixed(2);
  return two === '1.00' && v !== 1 ? v.toFixed(3) : two;
}

function sizeList(sizes: readonly SizeComparison[]): string {
  const names = sizes.map((s) => formatBytes(s.bufferBytes));
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function verdictPhrase(s: SizeComparison): string {
  switch (s.verdict) {
    case 'higher':
      return 'gathering wins';
    case 'lower':
      return 'copying wins';
    case 'same':
      return 'no difference';
    case 'unknown':
      return 'noise unknown';
  }
}

/**
 * One sentence for one advice, e.g. `At 4 connections with overlapped-event, gather 16 × 4 KiB
 * buffers rather than copying: 1.21× [1.15, 1.27] (…)`. Ratios are gather ÷ coalesce throughput.
 */
export function adviceSentence(a: Advice): string {
  const where = `At ${a.connections} connection${a.connections === 1 ? '' : 's'} with ${a.groupLabel}`;
  const n = a.buffers;
  const first = a.sizes[0]!;
  const last = a.sizes[a.sizes.length - 1]!;
  const range =
    first === last ? formatBytes(first.bufferBytes) : `${formatBytes(first.bufferBytes)} to ${formatBytes(last.bufferBytes)}`;
  switch (a.outcome) {
    case 'gather': {
      const notes: string[] = [];
      if (a.at !== last) notes.push(`and at every larger size up to ${formatBytes(last.bufferBytes)}`);
      if (a.below) notes.push(`at ${formatBytes(a.below.bufferBytes)}: ${verdictPhrase(a.below)}, ${formatInterval(a.below)}`);
      else if (a.sizes.length > 1) notes.push('already at the smallest size measured');
      const tail = notes.length > 0 ? ` (${notes.join('; ')})` : '';
      return `${where}, gather ${n} × ${formatBytes(a.at.bufferBytes)} buffers rather than copying: ${formatInterval(a.at)}${tail}.`;
    }
    case 'copy': {
      const wins = a.sizes.filter((s) => s.verdict === 'lower');
      const rest = a.sizes.filter((s) => s.verdict !== 'lower');
      const at = wins.length === a.sizes.length && wins.length > 1 ? `at every size from ${range}` : `at ${sizeList(wins)}`;
      const tail = rest.length > 0 ? ` (no difference at ${sizeList(rest)})` : '';
      const quoted = wins.length > 1 ? ` at ${formatBytes(a.at.bufferBytes)}` : '';
      return `${where}, copy ${n} buffers into one rather than gathering them ${at}: ${formatInterval(a.at)}${quoted}${tail}.`;
    }
    case 'no-difference':
      return `${where}, ${n} buffers of ${range}: no difference between gathering and copying beyond the noise (${formatInterval(last)} at ${formatBytes(last.bufferBytes)}).`;
    case 'mixed':
      return `${where}, ${n} buffers: no stable crossover; gathering wins at ${formatBytes(a.at.bufferBytes)} (${formatInterval(a.at)}) but not at ${formatBytes(last.bufferBytes)} (${verdictPhrase(last)}, ${formatInterval(last)}).`;
    case 'unknown':
      return `${where}, ${n} buffers of ${range}: cannot tell gathering from copying, a cell has no margin of error (rme_pct empty; pass the sample CSV).`;
  }
}

/** A short reading guide printed above the sentences. */
export const ADVICE_LEGEND =
  'Ratios are gather ÷ coalesce throughput (above 1: gathering is faster) with 95 % intervals; ' +
  '"beyond the noise" means the whole interval lies on one side of 1.';
