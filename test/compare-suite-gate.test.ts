import { describe, expect, it } from 'vitest';
import { compareRuns } from '../src/compare/compare-runs.js';
import { defaultSettings } from '../src/compare/settings.js';
import { createRng, drawRecords, sampleFile, syntheticCells } from './helpers/synthetic-samples.js';

// A uniform 4% slowdown is under every cell's threshold (10%) but trips the suite gate
// (geometric mean of ratios, whole bootstrap interval below 0.97). 40 cells, CV 3%, 9 samples.
describe('compare suite gate', () => {
  const cells = syntheticCells(40);
  const settings = { ...defaultSettings(), metrics: ['bytes_per_s' as const], bootstrapIterations: 1000 };

  it('trips on a uniform 4% drop in at least 95% of 200 trials, without failing any single cell', () => {
    const rng = createRng(404);
    let tripped = 0;
    let cellFailures = 0;
    for (let t = 0; t < 200; t++) {
      const base = sampleFile('base.csv', drawRecords(rng, cells, { samples: 9, cv: 0.03 }));
      const next = sampleFile('new.csv', drawRecords(rng, cells, { samples: 9, cv: 0.03, bytesFactor: 0.96 }));
      const report = compareRuns(base, next, settings);
      if (report.suite[0]!.verdict === 'regression' && report.outcome === 'regression') tripped++;
      cellFailures += report.cells.filter((c) => c.verdict === 'regression').length;
    }
    expect(tripped).toBeGreaterThanOrEqual(190);
    expect(cellFailures).toBe(0);
  });

  it('does not trip on A/A data', () => {
    const rng = createRng(405);
    let tripped = 0;
    for (let t = 0; t < 100; t++) {
      const base = sampleFile('base.csv', drawRecords(rng, cells, { samples: 9, cv: 0.03 }));
      const next = sampleFile('new.csv', drawRecords(rng, cells, { samples: 9, cv: 0.03 }));
      if (compareRuns(base, next, settings).suite[0]!.verdict === 'regression') tripped++;
    }
    expect(tripped).toBe(0);
  });

  it('gates CPU cost in the other direction: a uniform 4% rise fails', () => {
    const rng = createRng(406);
    const base = sampleFile('base.csv', drawRecords(rng, cells, { samples: 9, cv: 0.02 }));
    const next = sampleFile('new.csv', drawRecords(rng, cells, { samples: 9, cv: 0.02, cpuFactor: 1.04 }));
    const report = compareRuns(base, next, { ...settings, metrics: ['client_cpu_s_per_gib'] });
    expect(report.suite[0]!.verdict).toBe('regression');
    expect(report.suite[0]!.ratio).toBeGreaterThan(1.03);
    expect(report.outcome).toBe('regression');
  });
});
