/** Finding a run's sample CSV from its cell CSV, by the names the runner gives them. */
import { outputPaths } from '../grid/output-paths.js';

/**
 * The sample CSVs the runner may have written beside `cellCsvPath`, most likely first:
 * `x.cells.csv` → `x.samples.csv` (no `--out`, or `--out x`), then `x.cells.samples.csv`
 * (`--out x.cells.csv`); `x.csv` → `x.samples.csv`. Empty when the name is not one the runner
 * gives a cell CSV.
 */
export function samplesPathsBeside(cellCsvPath: string): string[] {
  const candidates = [outputPaths(cellCsvPath.replace(/\.cells\.csv$/i, ''), ''), outputPaths(cellCsvPath, '')];
  return [...new Set(candidates.filter((p) => p.cells === cellCsvPath).map((p) => p.samples))];
}
