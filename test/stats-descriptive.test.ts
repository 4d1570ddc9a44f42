import { describe, expect, it } from 'vitest';
import { coefficientOfVariation, geometricMean, mean, median, standardDeviation } from '../src/stats/descriptive.js';
import { rank, tieSum } from '../src/stats/ranks.js';

describe('descriptive statistics and ranks', () => {
  it('matches hand-computed values', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(standardDeviation(xs)).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(coefficientOfVariation(xs)).toBeCloseTo(Math.sqrt(32 / 7) / 5, 14);
    expect(median(xs)).toBe(4.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(geometricMean([1, 3, 9])).toBeCloseTo(3, 14);
    expect(() => mean([])).toThrow(RangeError);
  });

  it('gives mid-ranks to ties and reports tie groups', () => {
    const r = rank([10, 20, 10, 30, 20, 20]);
    expect(r.ranks).toEqual([1.5, 4, 1.5, 6, 4, 4]);
    expect(r.ties.sort()).toEqual([2, 3]);
    expect(tieSum(r.ties)).toBe(6 + 24);
  });
});
