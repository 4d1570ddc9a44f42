import { describe, expect, it } from 'vitest';
import { compareRuns } from '../src/compare/compare-runs.js';
import { defaultSettings } from '../src/compare/settings.js';
import { createRng, drawRecords, sampleFile, syntheticCells } from './helpers/synthetic-samples.js';

// A real but small change (3%, under τ = 10%) is not a regression: CV 5%, 9 samples a side.
describe('compare lets a 3% drop pass', () => {
  it('passes a 3% throughput drop in one cell in at least 99% of 1000 trials', () => {
    const rng = createRng(3);
    const cells = syntheticCells(8);
    const settings = { ...defaultSettings(), metrics: ['bytes_per_s' as const], bootstrapIterations: 200 };
    let passed = 0;
    for (let t = 0; t < 1000; t++) {
      const base = sampleFile('base.csv', drawRecords(rng, cells, { samples: 9, cv: 0.05 }));
      const next = sampleFile('new.csv', drawRecords(rng, cells, { samples: 9, cv: 0.05, bytesFactor: 0.97, cells: [cells[0]!.cell] }));
      if (compareRuns(base, next, settings).outcome !== 'regression') passed++;
    }
    expect(passed).toBeGreaterThanOrEqual(990);
  });

  it('passes a uniform 2% drop of every cell in at least 99% of 200 trials (suite gate at 3%)', () => {
    const rng = createRng(33);
    const cells = syntheticCells(24);
    const settings = { ...defaultSettings(), metrics: ['bytes_per_s' as const], bootstrapIterations: 1000 };
    let passed = 0;
    for (let t = 0; t < 200; t++) {
      const base = sampleFile('base.csv', drawRecords(rng, cells, { samples: 9, cv: 0.05 }));
      const next = sampleFile('new.csv', drawRecords(rng, cells, { samples: 9, cv: 0.05, bytesFactor: 0.98 }));
      if (compareRuns(base, next, settings).outcome !== 'regression') passed++;
    }
    expect(passed).toBeGreaterThanOrEqual(198);
  });
});
