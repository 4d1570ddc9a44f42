/** Exit codes of `sgbench compare`. */
export const COMPARE_EXIT = {
  /** No regression (inconclusive cells too, unless --strict). */
  ok: 0,
  /** A regression is confirmed: a cell or the suite gate. */
  regression: 1,
  /** Bad or incomplete input: missing columns, different schema, empty or truncated file. */
  badInput: 2,
  /** Inconclusive with --strict: something looks worse than the threshold but is not confirmed. */
  inconclusive: 3,
} as const;

/** Exit code for a finished comparison. */
export function exitCodeForOutcome(outcome: 'regression' | 'inconclusive' | 'ok', strict: boolean): number {
  if (outcome === 'regression') return COMPARE_EXIT.regression;
  if (outcome === 'inconclusive' && strict) return COMPARE_EXIT.inconclusive;
  return COMPARE_EXIT.ok;
}
