import { describe, expect, it } from 'vitest';
import { findCrossovers } from '../src/advise/crossover.js';
import { adviceSentence } from '../src/advise/sentences.js';
import { parseCellCsv } from '../src/report/read-cell-csv.js';
import { readFileSync } from 'node:fs';
import { cellRows, grid, writeCsv, type Measure } from './helpers/synthetic-results.js';

// Known answer: with 16 buffers gathering wins by 1.21× from 4 KiB up (copying wins by 1/0.8 below);
// with 4 buffers only at 64 KiB; 2 % margin of error on every cell.
const measure: Measure = (c) => {
  const gatherWins = c.buffers === 16 ? c.bufferBytes >= 4096 : c.bufferBytes >= 65536;
  const ratio = gatherWins ? 1.21 : 0.8;
  return { bytesPerS: 1e9 * (c.strategy === 'gather' ? ratio : 1), rmePct: 2 };
};

function advice() {
  const cells = grid({ models: ['overlapped-event'], strategies: ['gather', 'coalesce', 'sequential'], buffers: [1, 4, 16], sizes: [64, 1024, 4096, 65536], connections: [4] });
  const path = writeCsv(cellRows(cells, measure));
  return findCrossovers(parseCellCsv(readFileSync(path, 'utf8'), path));
}

describe('advise', () => {
  it('finds the smallest buffer size from which gather beats coalesce, per buffer count', () => {
    const found = advice();
    expect(found.map((a) => [a.buffers, a.outcome, a.crossoverBytes])).toEqual([
      [4, 'gather', 65536],
      [16, 'gather', 4096],
    ]);
  });

  it('quotes the ratio at the crossover with an interval from both margins of error', () => {
    const a = advice().find((x) => x.buffers === 16)!;
    const half = Math.hypot(0.02, 0.02);
    expect(a.at.ratio).toBeCloseTo(1.21, 10);
    expect(a.at.low).toBeCloseTo(1.21 * Math.exp(-half), 10);
    expect(a.at.high).toBeCloseTo(1.21 * Math.exp(half), 10);
    expect(a.below?.bufferBytes).toBe(1024);
    expect(a.below?.verdict).toBe('lower');
  });

  it('says it in a sentence a server engineer can act on', () => {
    const a = advice().find((x) => x.buffers === 16)!;
    expect(adviceSentence(a)).toBe(
      'At 4 connections with overlapped-event, gather 16 × 4 KiB buffers rather than copying: 1.21× [1.18, 1.24] ' +
        '(and at every larger size up to 64 KiB; at 1 KiB: copying wins, 0.80× [0.78, 0.82]).',
    );
  });
});
