/** Where a run writes its two CSV files. */
import { join } from 'node:path';

export interface OutputPaths {
  /** One row per cell. */
  cells: string;
  /** One row per sample. */
  samples: string;
}

/**
 * `--out results/x.csv` gives `results/x.csv` and `results/x.samples.csv`; `--out results/x` gives
 * `results/x.cells.csv` and `results/x.samples.csv`; without `--out`, `results/<run_id>.cells.csv`
 * and `results/<run_id>.samples.csv`.
 */
export function outputPaths(out: string | undefined, runId: string, resultsDir = 'results'): OutputPaths {
  if (out === undefined || out === '') {
    return { cells: join(resultsDir, `${runId}.cells.csv`), samples: join(resultsDir, `${runId}.samples.csv`) };
  }
  if (/\.csv$/i.test(out)) return { cells: out, samples: out.replace(/\.csv$/i, '.samples.csv') };
  return { cells: `${out}.cells.csv`, samples: `${out}.samples.csv` };
}
