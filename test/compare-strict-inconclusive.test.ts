import { describe, expect, it } from 'vitest';
import { compare, tempDir, writeFile } from './helpers/compare-cli.js';
import { createRng, drawRecords, syntheticCells, toCsv } from './helpers/synthetic-samples.js';

// Inconclusive is exit 0 normally and exit 3 with --strict.
describe('compare --strict on inconclusive results', () => {
  const dir = tempDir();
  const cells = syntheticCells(4);
  const rng = createRng(31);

  it('flags too few samples to ever confirm a regression, with a hint', async () => {
    const base = writeFile(dir, 'few-a.samples.csv', toCsv(drawRecords(rng, cells, { samples: 3, cv: 0.03 })));
    const next = writeFile(dir, 'few-b.samples.csv', toCsv(drawRecords(rng, cells, { samples: 3, cv: 0.03 })));
    const relaxed = await compare({ base, new: next });
    expect(relaxed.code).toBe(0);
    expect(relaxed.out).toMatch(/warning: 8 of 8 comparisons have too few samples .*Hint: take at least 6 samples per cell on each side/);
    expect(relaxed.out).toMatch(/^Verdict: inconclusive/m);
    const strict = await compare({ base, new: next, strict: true });
    expect(strict.code).toBe(3);
  });

  it('flags a noisy cell that looks worse than its widened threshold but is not confirmed', async () => {
    // CV about 20% on both sides, NEW about 24% lower: beyond the widened τ (15%), interval 0.60–0.95 (exact order statistics 18 and 64 of 81).
    // Seven quiet, unchanged cells beside it keep the suite gate out of the way.
    const quiet = syntheticCells(8).slice(1);
    const fixed = (values: number[]) => {
      const records = drawRecords(rng, [cells[0]!], { samples: values.length, cv: 0 });
      records.forEach((r, i) => (r.values.bytes_per_s = values[i]! * 1e6));
      return toCsv([...records, ...drawRecords(rng, quiet, { samples: 9, cv: 0.02 })]);
    };
    const base = writeFile(dir, 'noisy-a.samples.csv', fixed([100, 130, 70, 110, 90, 125, 75, 105, 95]));
    const next = writeFile(dir, 'noisy-b.samples.csv', fixed([80, 60, 95, 70, 85, 55, 100, 65, 75]));
    const r = await compare({ base, new: next, metric: ['bytes'], json: true });
    const json = JSON.parse(r.out);
    expect(json.suite[0].verdict).not.toBe('regression');
    const cell = json.cells.find((c: { cell: string }) => c.cell === cells[0]!.cell);
    expect(cell.noisy).toBe(true);
    expect(cell.threshold).toBeCloseTo(0.15, 12);
    expect(cell.ratio).toBeCloseTo(0.762, 3);
    expect(cell.lower).toBeCloseTo(0.6, 6);
    expect(cell.upper).toBeCloseTo(0.95, 6);
    expect(cell.verdict).toBe('inconclusive');
    expect(r.code).toBe(0);
    expect((await compare({ base, new: next, metric: ['bytes'], strict: true })).code).toBe(3);
  });

  it('exits 0 with --strict when everything is decided', async () => {
    const base = writeFile(dir, 'ok-a.samples.csv', toCsv(drawRecords(rng, cells, { samples: 9, cv: 0.02 })));
    const next = writeFile(dir, 'ok-b.samples.csv', toCsv(drawRecords(rng, cells, { samples: 9, cv: 0.02 })));
    expect((await compare({ base, new: next, strict: true })).code).toBe(0);
  });
});
