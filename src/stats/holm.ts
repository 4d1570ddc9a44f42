/**
 * Holm's step-down adjustment of p-values for multiple comparisons (Holm 1979): controls the
 * family-wise error rate like Bonferroni, never less powerful. Same as R's `p.adjust(p, "holm")`.
 * @returns adjusted p-values in the input order, each ≤ 1.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(([p, i], k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
