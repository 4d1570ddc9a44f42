import { describe, expect, it } from 'vitest';
import { geometricMeanRatio } from '../src/stats/geometric-mean-ratio.js';
import { createRng, randomNormal } from '../src/stats/prng.js';

describe('geometric mean of ratios', () => {
  it('is exact for noiseless cells', () => {
    const r = geometricMeanRatio([
      { base: [1, 1, 1], next: [2, 2, 2] },
      { base: [4, 4], next: [2, 2] },
      { base: [10], next: [40] },
    ]);
    expect(r.estimate).toBeCloseTo(Math.cbrt(2 * 0.5 * 4), 12);
    expect(r.lower).toBeCloseTo(r.estimate, 12);
    expect(r.upper).toBeCloseTo(r.estimate, 12);
  });

  it('uses each cell\'s ratio of geometric means', () => {
    const r = geometricMeanRatio([{ base: [1, 4], next: [2, 8] }, { base: [3], next: [3] }], { iterations: 10 });
    expect(r.estimate).toBeCloseTo(Math.sqrt(2), 12);
  });

  it('is reproducible for a seed and covers the true ratio', () => {
    const rng = createRng(5);
    const cell = (ratio: number) => ({
      base: Array.from({ length: 9 }, () => 100 * (1 + 0.05 * randomNormal(rng))),
      next: Array.from({ length: 9 }, () => ratio * 100 * (1 + 0.05 * randomNormal(rng))),
    });
    const cells = Array.from({ length: 20 }, () => cell(0.9));
    const a = geometricMeanRatio(cells, { seed: 3 });
    const b = geometricMeanRatio(cells, { seed: 3 });
    expect(b).toEqual(a);
    expect(a.lower).toBeLessThan(0.9);
    expect(a.upper).toBeGreaterThan(0.9);
    expect(a.upper - a.lower).toBeLessThan(0.03);
  });

  it('keeps pairs together in paired mode', () => {
    // Huge spread between pairs, constant ratio inside each pair: the paired interval is a point.
    const base = [1, 10, 100, 1000];
    const r = geometricMeanRatio([{ base, next: base.map((v) => v * 0.8) }], { paired: true });
    expect(r.lower).toBeCloseTo(0.8, 12);
    expect(r.upper).toBeCloseTo(0.8, 12);
    const unpaired = geometricMeanRatio([{ base, next: base.map((v) => v * 0.8) }]);
    expect(unpaired.upper - unpaired.lower).toBeGreaterThan(1);
  });

  it('rejects empty input', () => {
    expect(() => geometricMeanRatio([])).toThrow(RangeError);
    expect(() => geometricMeanRatio([{ base: [], next: [1] }])).toThrow(RangeError);
  });
});
