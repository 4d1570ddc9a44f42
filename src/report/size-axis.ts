/** Buffer sizes as chart categories: uniform sizes in ascending order, then named mixed shapes. */
import { formatBytes } from '../advise/format-size.js';
import type { CellRecord } from './cell-record.js';

/** The label of a cell's buffer size: `4 KiB`, or its shape string when sizes are mixed. */
export function sizeLabel(c: CellRecord): string {
  return c.bufferBytes !== null ? formatBytes(c.bufferBytes) : c.shape || `${c.messageBytes ?? '?'} B in ${c.buffers}`;
}

/** Distinct size labels of `cells`, uniform sizes ascending first, then shapes in order of appearance. */
export function sizeDomain(cells: readonly CellRecord[]): string[] {
  const uniform = [...new Set(cells.flatMap((c) => (c.bufferBytes === null ? [] : [c.bufferBytes])))].sort((a, b) => a - b);
  const shapes = [...new Set(cells.filter((c) => c.bufferBytes === null).map(sizeLabel))];
  return [...uniform.map(formatBytes), ...shapes];
}
