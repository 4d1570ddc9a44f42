import { describe, expect, it } from 'vitest';
import { hodgesLehmannCentre, hodgesLehmannShift } from '../src/stats/hodges-lehmann.js';

// Reference values: the samples of R's wilcox.test examples; interval indices from the exact
// null distributions, checked by enumerating every arrangement.
describe('Hodges–Lehmann', () => {
  it('estimates a two-sample shift with the exact 95% interval', () => {
    const x = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const y = [1.15, 0.88, 0.9, 0.74, 1.21];
    const r = hodgesLehmannShift(x, y);
    expect(r.estimate).toBeCloseTo(0.305, 12);
    expect(r.lower).toBeCloseTo(-0.15, 12);
    expect(r.upper).toBeCloseTo(0.76, 12);
    const back = hodgesLehmannShift(y, x);
    expect(back.estimate).toBeCloseTo(-0.305, 12);
    expect(back.lower).toBeCloseTo(-0.76, 12);
    expect(back.upper).toBeCloseTo(0.15, 12);
  });

  it('estimates the pseudo-median of paired differences with the exact 95% interval', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const r = hodgesLehmannCentre(x.map((v, i) => v - y[i]!));
    expect(r.estimate).toBeCloseTo(0.46, 12);
    expect(r.lower).toBeCloseTo(0.01, 12);
    expect(r.upper).toBeCloseTo(0.786, 12);
  });

  it('recovers a pure shift exactly and covers it under noise in large samples', () => {
    const base = Array.from({ length: 80 }, (_, i) => Math.sin(i) * 3);
    const r = hodgesLehmannShift(base.map((v) => v + 2), base);
    expect(r.estimate).toBe(2);
    expect(r.lower).toBeLessThanOrEqual(2);
    expect(r.upper).toBeGreaterThanOrEqual(2);
    expect(r.upper - r.lower).toBeLessThan(2.5);
  });

  it('falls back to the full range when the sizes cannot reach the level', () => {
    const r = hodgesLehmannShift([5, 6], [1, 2]);
    expect(r.lower).toBe(3);
    expect(r.upper).toBe(5);
  });
});
