import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../src/stats/holm.js';

describe('Holm adjustment', () => {
  it('matches R p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm")', () => {
    const r = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(r[i]).toBeCloseTo(v, 14));
  });

  it('caps at one, keeps a single p, and handles an empty family', () => {
    expect(holmAdjust([0.5, 0.6, 0.7])).toEqual([1, 1, 1]);
    expect(holmAdjust([0.02])).toEqual([0.02]);
    expect(holmAdjust([])).toEqual([]);
  });
});
