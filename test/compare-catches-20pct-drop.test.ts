import { describe, expect, it } from 'vitest';
import { compareRuns } from '../src/compare/compare-runs.js';
import { defaultSettings } from '../src/compare/settings.js';
import { createRng, drawRecords, sampleFile, syntheticCells } from './helpers/synthetic-samples.js';

// One cell of 8 gets 20% worse (CV 5%, 9 samples a side, both metrics gated, default settings):
// it must be caught, and named, in at least 95% of 1000 trials.
describe('compare catches a true 20% regression', () => {
  const cells = syntheticCells(8);
  const victim = cells[3]!.cell;
  const settings = { ...defaultSettings(), bootstrapIterations: 200 };

  function caughtRate(seed: number, worse: { bytesFactor?: number; cpuFactor?: number }, metric: string): number {
    const rng = createRng(seed);
    let caught = 0;
    for (let t = 0; t < 1000; t++) {
      const base = sampleFile('base.csv', drawRecords(rng, cells, { samples: 9, cv: 0.05 }));
      const next = sampleFile('new.csv', drawRecords(rng, cells, { samples: 9, cv: 0.05, cells: [victim], ...worse }));
      const report = compareRuns(base, next, settings);
      const flagged = report.cells.filter((c) => c.verdict === 'regression');
      if (report.outcome === 'regression' && flagged.length === 1 && flagged[0]!.cell === victim && flagged[0]!.metric === metric) caught++;
    }
    return caught / 1000;
  }

  it('on throughput (bytes/s × 0.8)', () => {
    expect(caughtRate(11, { bytesFactor: 0.8 }, 'bytes_per_s')).toBeGreaterThanOrEqual(0.95);
  });

  it('on CPU cost (s/GiB × 1.2)', () => {
    expect(caughtRate(12, { cpuFactor: 1.2 }, 'client_cpu_s_per_gib')).toBeGreaterThanOrEqual(0.95);
  });
});
