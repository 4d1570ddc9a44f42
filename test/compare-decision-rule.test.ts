import { describe, expect, it } from 'vitest';
import { decideCell } from '../src/compare/decide.js';

const bytes = { threshold: 0.1, alpha: 0.05, higherIsBetter: true };
const cpu = { threshold: 0.07, alpha: 0.05, higherIsBetter: false };
const e = (ratio: number, lower: number, upper: number, pAdjusted: number, extra: Partial<{ confirmable: boolean; noisy: boolean }> = {}) => ({
  ratio,
  lower,
  upper,
  pAdjusted,
  confirmable: true,
  noisy: false,
  ...extra,
});

// The per-cell rule: Holm-adjusted p < alpha AND the whole interval beyond 1 − τ (or 1 + τ for cost).
describe('per-cell decision rule', () => {
  it('needs both significance and the whole interval beyond the threshold', () => {
    expect(decideCell(e(0.8, 0.75, 0.85, 0.001), bytes).verdict).toBe('regression');
    expect(decideCell(e(0.8, 0.75, 0.85, 0.06), bytes).verdict).toBe('ok');
    expect(decideCell(e(0.88, 0.85, 0.92, 0.001), bytes).verdict).toBe('inconclusive');
    expect(decideCell(e(0.95, 0.93, 0.97, 0.001), bytes).verdict).toBe('ok');
  });

  it('treats an increase as the regression for CPU cost', () => {
    expect(decideCell(e(1.2, 1.1, 1.3, 0.001), cpu).verdict).toBe('regression');
    expect(decideCell(e(0.8, 0.75, 0.85, 0.001), cpu).verdict).toBe('improvement');
    expect(decideCell(e(1.2, 1.12, 1.3, 0.001), bytes).verdict).toBe('improvement');
  });

  it('is inconclusive when significance is out of reach, or a noisy cell looks worse', () => {
    expect(decideCell(e(1, 0.98, 1.02, 1, { confirmable: false }), bytes).verdict).toBe('inconclusive');
    expect(decideCell(e(0.85, 0.7, 1.0, 0.3, { noisy: true }), bytes).verdict).toBe('inconclusive');
    expect(decideCell(e(0.85, 0.7, 1.0, 0.3), bytes).verdict).toBe('ok');
  });
});
