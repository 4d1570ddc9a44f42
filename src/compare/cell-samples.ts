/** The measurements of one cell and metric on both sides, as the analysis takes them. */

import type { MetricName } from './metrics.js';

export interface CellSamples {
  cell: string;
  metric: MetricName;
  /** Positive values of BASE (variant A in A/B mode). */
  base: number[];
  /** Positive values of NEW (variant B); in paired mode next[i] pairs with base[i]. */
  next: number[];
}
