import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCrossovers } from '../src/advise/crossover.js';
import { adviceSentence } from '../src/advise/sentences.js';
import { parseCellCsv } from '../src/report/read-cell-csv.js';
import { cellRows, grid, writeCsv, type Measure } from './helpers/synthetic-results.js';

// Gather is 3 % faster everywhere. With 3 % margins of error that is noise; with 0.5 % it is not.
function adviceWith(rmePct: number) {
  const measure: Measure = (c) => ({ bytesPerS: 2e9 * (c.strategy === 'gather' ? 1.03 : 1), rmePct });
  const cells = grid({ models: ['blocking'], strategies: ['gather', 'coalesce'], buffers: [8], sizes: [256, 4096, 16384], connections: [1] });
  const path = writeCsv(cellRows(cells, measure));
  return findCrossovers(parseCellCsv(readFileSync(path, 'utf8'), path));
}

describe('advise within noise', () => {
  it('says "no difference" when every interval holds 1', () => {
    const [a, ...rest] = adviceWith(3);
    expect(rest).toHaveLength(0);
    expect(a!.outcome).toBe('no-difference');
    expect(a!.crossoverBytes).toBeNull();
    expect(a!.sizes.every((s) => s.low < 1 && s.high > 1)).toBe(true);
    expect(adviceSentence(a!)).toMatch(
      /^At 1 connection with blocking, 8 buffers of 256 B to 16 KiB: no difference between gathering and copying beyond the noise \(1\.03× \[0\.99, 1\.07\] at 16 KiB\)\.$/,
    );
  });

  it('calls the same 3 % a win once the measurement is tight enough', () => {
    const [a] = adviceWith(0.5);
    expect(a!.outcome).toBe('gather');
    expect(a!.crossoverBytes).toBe(256);
    expect(adviceSentence(a!)).toContain('already at the smallest size measured');
  });
});
