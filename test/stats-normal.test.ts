import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalSf } from '../src/stats/normal.js';

describe('standard normal', () => {
  it('matches tabulated CDF values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 7);
    expect(normalCdf(-3.5)).toBeCloseTo(0.00023262907903552502, 9);
    expect(normalSf(6) / 9.865876450376946e-10).toBeCloseTo(1, 5);
  });

  it('matches tabulated quantiles and inverts the CDF', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(normalQuantile(0.5)).toBe(0);
    for (const p of [1e-9, 0.01, 0.3, 0.77, 0.999999]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 5);
  });
});
