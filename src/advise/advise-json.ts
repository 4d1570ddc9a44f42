/** The `--json` form of the crossover answer. */
import type { Advice } from './crossover.js';
import { ADVICE_LEGEND, adviceSentence } from './sentences.js';

/** `advise --json` output: the legend and every advice with its sentence. */
export interface AdviceDocument {
  file: string;
  /** Where the intervals come from: the `rme_pct` column or a sample CSV. */
  intervals: 'rme_pct' | 'samples';
  legend: string;
  advice: (Advice & { sentence: string })[];
}

/** Builds the JSON document for `advise --json`. */
export function adviceDocument(file: string, advice: readonly Advice[], intervals: AdviceDocument['intervals']): AdviceDocument {
  return { file, intervals, legend: ADVICE_LEGEND, advice: advice.map((a) => ({ ...a, sentence: adviceSentence(a) })) };
}
