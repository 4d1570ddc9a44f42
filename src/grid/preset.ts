/** What a preset module in `bench/` exports: a grid and sampling defaults that flags override. */
import type { SampleBudget } from '../types.js';
import type { GridAxes } from './axes.js';

/** A named sweep. Flags given to `sgbench run` replace the matching fields. */
export interface Preset {
  name: string;
  /** One line for `--help` and the start of a run. */
  description: string;
  /** Axes the preset sets; the rest keep `DEFAULT_AXES`. */
  axes: Partial<GridAxes>;
  /** What one sample moves. @default { durationMs: DEFAULT_SAMPLE_MS } */
  sample?: SampleBudget;
  /** Samples per cell. @default DEFAULT_SAMPLES */
  samples?: number;
  /** Keep sampling a cell, up to `maxSamples`, until its rme is at most this many percent. @default null (off) */
  rmeTargetPct?: number | null;
  /** Most samples per cell when `rmeTargetPct` is set. @default 3 × samples */
  maxSamples?: number;
  /** Warm-up per cell before sampling, in milliseconds (0 = none). @default DEFAULT_WARMUP_MS */
  warmupMs?: number;
  /** Check every received byte. @default false */
  verify?: boolean;
}

/** Identity helper that type-checks a preset module's default export. */
export function definePreset(preset: Preset): Preset {
  return preset;
}
