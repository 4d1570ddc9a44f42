import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCrossovers } from '../src/advise/crossover.js';
import { adviceSentence } from '../src/advise/sentences.js';
import { parseCellCsv } from '../src/report/read-cell-csv.js';
import { cellRows, grid, writeCsv, type Measure } from './helpers/synthetic-results.js';

describe('advise when copying wins only at some sizes', () => {
  it('names the sizes where copying wins and says no difference at the others', () => {
    // Copying is 20 % faster at 64 B and 1 KiB, equal at 16 KiB; 2 % margins.
    const measure: Measure = (c) => ({ bytesPerS: 1e9 * (c.strategy === 'gather' && c.bufferBytes < 16384 ? 0.8 : 1), rmePct: 2 });
    const cells = grid({ models: ['overlapped-callback'], strategies: ['gather', 'coalesce'], buffers: [4], sizes: [64, 1024, 16384], connections: [16] });
    const path = writeCsv(cellRows(cells, measure));
    const [a] = findCrossovers(parseCellCsv(readFileSync(path, 'utf8'), path));
    expect(a!.outcome).toBe('copy');
    expect(adviceSentence(a!)).toBe(
      'At 16 connections with overlapped-callback, copy 4 buffers into one rather than gathering them at 64 B and 1 KiB: 0.80× [0.78, 0.82] at 1 KiB (no difference at 16 KiB).',
    );
  });
});
