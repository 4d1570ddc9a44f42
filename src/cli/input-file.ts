/** Checks of file flags that are read (`--samples` and the like), before any file is opened. */
import { statSync } from 'node:fs';
import { SpecError } from '../errors.js';

/**
 * `path` must be an existing regular file; `undefined` (flag not given) passes.
 * @throws SpecError naming `flag`.
 */
export function checkInputFile(flag: string, path: string | undefined): void {
  if (path === undefined) return;
  let st;
  try {
    st = statSync(path);
  } catch {
    st = undefined;
  }
  if (!st?.isFile()) {
    throw new SpecError(flag, `must be a sample CSV file written by sgbench run (x.samples.csv); got ${JSON.stringify(path)}: ${st ? 'not a file' : 'no such file'}`);
  }
}
