import { describe, expect, it } from 'vitest';
import { signedRankCdf, wilcoxonMinimumP, wilcoxonSignedRank } from '../src/stats/wilcoxon.js';

// Reference values: R's wilcox.test paired example (Hollander & Wolfe, depression scale), checked with SciPy.
const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

describe('Wilcoxon signed-rank', () => {
  it('is exact for small samples without ties', () => {
    const r = wilcoxonSignedRank(x.map((v, i) => v - y[i]!));
    expect(r.method).toBe('exact');
    expect(r.v).toBe(40);
    expect(r.n).toBe(9);
    expect(r.p).toBeCloseTo(0.0390625, 14);
  });

  it('drops zero differences', () => {
    const r = wilcoxonSignedRank([0, 0, 1, 2, 3]);
    expect(r.n).toBe(3);
    expect(r.p).toBeCloseTo(0.25, 14);
    expect(wilcoxonSignedRank([0, 0]).p).toBe(1);
  });

  it('uses the normal approximation with tie correction when |differences| tie', () => {
    const r = wilcoxonSignedRank([1.5, -0.5, 2, 2, 3, -1, 4, 4, 4, 5, -2, 6, 0.5, 1.5]);
    expect(r.method).toBe('normal');
    expect(105 - r.v).toBe(11.5);
    expect(r.p).toBeCloseTo(0.010811505685573132, 6);
  });

  it('has the subset-sum null distribution', () => {
    const cdf = signedRankCdf(9);
    expect(cdf[5]).toBeCloseTo(10 / 512, 15);
    expect(cdf[45]).toBe(1);
    expect(wilcoxonMinimumP(9)).toBeCloseTo(2 / 512, 15);
  });
});
