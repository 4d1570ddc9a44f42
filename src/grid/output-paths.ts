/** Where a run writes its two CSV files. */
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SpecError } from '../errors.js';

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

/**
 * Checks, before anything runs, that a file can be written at `path`: the file is not a directory
 * and the nearest folder that exists above it is a writable directory (missing folders are created
 * when the run writes).
 * @throws SpecError naming `flag`.
 */
export function checkWritablePath(flag: string, path: string, what: string): void {
  const fail = (why: string) => {
    throw new SpecError(flag, `must be ${what} in a writable folder; got ${JSON.stringify(path)}: ${why}`);
  };
  if (path.trim() === '') fail('empty');
  const target = statOrNull(path);
  if (target?.isDirectory()) fail('a directory');
  let dir = dirname(resolve(path));
  for (;;) {
    const st = statOrNull(dir);
    if (st) {
      if (!st.isDirectory()) fail(`${dir} is not a directory`);
      try {
        accessSync(dir, constants.W_OK);
      } catch {
        fail(`${dir} is not writable`);
      }
      return;
    }
    const up = dirname(dir);
    if (up === dir) return;
    dir = up;
  }
}

/** The file's status, or null when nothing is there (or a file stands where a folder of the path should be). */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
