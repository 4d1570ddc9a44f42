/** Ranking with ties: the building block of the rank tests. */

export interface Ranking {
  /** Rank of each input value, in input order; tied values share the mean of their ranks (1-based). */
  ranks: number[];
  /** Sizes of the groups of tied values (only groups of 2 or more). */
  ties: number[];
}

/** Mid-ranks of `values` (1-based), with the sizes of tied groups for variance corrections. */
export function rank(values: readonly number[]): Ranking {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  const ties: number[] = [];
  let i = 0;
  while (i < order.length) {
    let j = i + 1;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const mid = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]![1]] = mid;
    if (j - i > 1) ties.push(j - i);
    i = j;
  }
  return { ranks, ties };
}

/** Σ (t³ − t) over tie groups: the tie term of the rank tests' variances. */
export function tieSum(ties: readonly number[]): number {
  return ties.reduce((s, t) => s + t * t * t - t, 0);
}
