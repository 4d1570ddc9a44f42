import { describe, expect, it } from 'vitest';
import { mannWhitney, mannWhitneyCdf, mannWhitneyMinimumP } from '../src/stats/mann-whitney.js';

// Reference values: R's wilcox.test documentation example (Hollander & Wolfe), checked with SciPy.
const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const y = [1.15, 0.88, 0.9, 0.74, 1.21];

describe('Mann–Whitney U', () => {
  it('is exact for small samples without ties', () => {
    const r = mannWhitney(x, y);
    expect(r.method).toBe('exact');
    expect(r.u).toBe(35);
    expect(r.p).toBeCloseTo(0.2544122544122544, 12);
    expect(mannWhitney(y, x).p).toBeCloseTo(0.2544122544122544, 12);
  });

  it('gives the smallest p for complete separation: 2 / C(m + n, m)', () => {
    const r = mannWhitney([10, 11, 12, 13, 14, 15, 16, 17, 18], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.u).toBe(81);
    expect(r.p).toBeCloseTo(2 / 48620, 15);
    expect(mannWhitneyMinimumP(9, 9)).toBeCloseTo(2 / 48620, 15);
    expect(mannWhitneyMinimumP(3, 3)).toBeCloseTo(0.1, 15);
  });

  it('has an exact null distribution that sums to one and is symmetric', () => {
    const cdf = mannWhitneyCdf(7, 4);
    expect(cdf.length).toBe(29);
    expect(cdf[28]).toBeCloseTo(1, 14);
    for (let u = 0; u < 28; u++) expect(cdf[u]).toBeCloseTo(1 - cdf[27 - u]!, 14);
    expect(cdf[0]).toBeCloseTo(1 / 330, 15);
  });

  it('uses the normal approximation with tie correction when values tie', () => {
    const a = [1, 2, 2, 3, 3, 3, 4, 5, 5, 6, 7, 7];
    const b = [3, 4, 4, 5, 6, 6, 7, 8, 8, 9, 9, 10];
    const r = mannWhitney(a, b);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(28.5);
    expect(r.p).toBeCloseTo(0.012475288945765405, 6);
  });

  it('uses the normal approximation for large samples', () => {
    const a = Array.from({ length: 60 }, (_, i) => i * 1.01);
    const b = Array.from({ length: 60 }, (_, i) => i + 3.3);
    const r = mannWhitney(a, b);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(1625.5);
    expect(r.p).toBeCloseTo(0.36110332275784984, 6);
  });
});
