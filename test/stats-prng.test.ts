import { describe, expect, it } from 'vitest';
import { createRng, randomNormal, xoshiro128ss } from '../src/stats/prng.js';

describe('seeded PRNG', () => {
  it('matches the reference xoshiro128** output for state {1, 2, 3, 4}', () => {
    // First outputs of the authors' reference C implementation (xoshiro128starstar.c).
    const next = xoshiro128ss([1, 2, 3, 4]);
    expect([next(), next(), next(), next(), next(), next()]).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ]);
  });

  it('repeats a sequence for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(sa);
    expect(Array.from({ length: 5 }, c)).not.toEqual(sa);
  });

  it('gives uniform [0, 1) values and standard normal deviates', () => {
    const rng = createRng(7);
    const u = Array.from({ length: 100_000 }, rng);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, x) => s + x, 0) / u.length).toBeCloseTo(0.5, 2);
    const z = Array.from({ length: 100_000 }, () => randomNormal(rng));
    const m = z.reduce((s, x) => s + x, 0) / z.length;
    const v = z.reduce((s, x) => s + (x - m) ** 2, 0) / (z.length - 1);
    expect(m).toBeCloseTo(0, 1);
    expect(v).toBeCloseTo(1, 1);
  });
});
