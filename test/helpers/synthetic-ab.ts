/** Synthetic same-job A/B sample sets: rounds of A then B, each round shifted as a whole. */

import type { SampleRecord } from '../../src/compare/sample-file.js';
import type { Rng } from '../../src/stats/prng.js';
import { drawRecords, type SyntheticCell } from './synthetic-samples.js';

export interface AbOptions {
  rounds: number;
  samplesPerRound: number;
  /** Sample-to-sample CV inside a round. */
  cv: number;
  /** Each round's throughput is shifted by a uniform factor in [1 − drift, 1 + drift], the same for A and B. */
  drift: number;
  /** B's bytes/s factor on the `affected` cells. @default 1 */
  bytesFactor?: number;
  affected?: readonly string[];
  labels?: [string, string];
}

/** Records in file order: round 1 A, round 1 B, round 2 A, … */
export function drawAbRecords(rng: Rng, cells: readonly SyntheticCell[], o: AbOptions): SampleRecord[] {
  const [a, b] = o.labels ?? ['A', 'B'];
  const records: SampleRecord[] = [];
  for (let r = 0; r < o.rounds; r++) {
    const shift = 1 + o.drift * (2 * rng() - 1);
    const common = { samples: o.samplesPerRound, cv: o.cv, runId: `round-${r}` };
    records.push(...drawRecords(rng, cells, { ...common, variant: a, bytesFactor: shift }));
    for (const c of cells) {
      const hit = o.affected?.includes(c.cell) ?? false;
      records.push(...drawRecords(rng, [c], { ...common, variant: b, bytesFactor: shift * (hit ? (o.bytesFactor ?? 1) : 1) }));
    }
  }
  return records;
}
