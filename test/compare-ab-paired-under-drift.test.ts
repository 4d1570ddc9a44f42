import { describe, expect, it } from 'vitest';
import { compareAb } from '../src/compare/compare-ab.js';
import { defaultSettings } from '../src/compare/settings.js';
import { drawAbRecords } from './helpers/synthetic-ab.js';
import { createRng, sampleFile, syntheticCells } from './helpers/synthetic-samples.js';

// Same-job A/B: 6 rounds × 2 samples = 12 pairs per cell, 8 cells, CV 3% inside a round, and every
// round shifted as a whole by up to ±6% (the shared-CI noise), the same for A and B.
describe('compare --ab pairs alternating variants', () => {
  const cells = syntheticCells(8);
  const settings = { ...defaultSettings(), bootstrapIterations: 200 };
  const ab = { rounds: 6, samplesPerRound: 2, cv: 0.03, drift: 0.06 };

  it('A/A under round-to-round drift fails at most 1% of 1000 trials', () => {
    const rng = createRng(77);
    let failures = 0;
    for (let t = 0; t < 1000; t++) {
      const report = compareAb([sampleFile('ab.csv', drawAbRecords(rng, cells, ab))], {}, settings);
      if (report.outcome === 'regression') failures++;
    }
    expect(failures).toBeLessThanOrEqual(10);
  });

  it('catches a 15% drop of one cell in at least 95% of 1000 trials and names it', () => {
    const rng = createRng(78);
    const victim = cells[5]!.cell;
    let caught = 0;
    for (let t = 0; t < 1000; t++) {
      const records = drawAbRecords(rng, cells, { ...ab, bytesFactor: 0.85, affected: [victim] });
      const report = compareAb([sampleFile('ab.csv', records)], {}, settings);
      const flagged = report.cells.filter((c) => c.verdict === 'regression');
      if (report.outcome === 'regression' && flagged.length === 1 && flagged[0]!.cell === victim) caught++;
    }
    expect(caught).toBeGreaterThanOrEqual(950);
  });

  it('trips the suite gate on a uniform 4% drop under the same drift', () => {
    const rng = createRng(79);
    const records = drawAbRecords(rng, syntheticCells(24), { ...ab, drift: 0.06, bytesFactor: 0.96, affected: syntheticCells(24).map((c) => c.cell) });
    const report = compareAb([sampleFile('ab.csv', records)], {}, { ...settings, metrics: ['bytes_per_s'] });
    expect(report.mode).toBe('ab');
    expect(report.suite[0]!.verdict).toBe('regression');
    expect(report.suite[0]!.ratio).toBeCloseTo(0.96, 2);
    expect(report.cells.every((c) => c.test === 'wilcoxon-signed-rank' && c.base.n === 12)).toBe(true);
  });
});
