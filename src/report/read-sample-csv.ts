/** Reading a sample CSV (one row per sample) into each cell's relative margin of error. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CsvFormatError } from './read-cell-csv.js';
import { rmeFromSamples } from '../advise/rme-from-samples.js';

/**
 * Reads a sample CSV (src/csv/schema.ts `SAMPLE_COLUMNS`) and returns, per `cell_key`, the
 * relative margin of error (95 %, percent) of the mean of its `bytes_per_s` samples. Cells with
 * fewer than two samples are left out.
 * @throws CsvFormatError when the file is unreadable, malformed or lacks `cell_key`/`bytes_per_s`.
 */
export function readSampleRme(path: string): Map<string, number> {
  let table: string[][];
  try {
    table = parse(readFileSync(path, 'utf8'), { bom: true, skip_empty_lines: true }) as string[][];
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { lines?: number };
    if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR') {
      throw new CsvFormatError(path, `cannot read the file (${e.code})`);
    }
    throw new CsvFormatError(path, `${typeof e.lines === 'number' ? `line ${e.lines}: ` : ''}not a valid CSV (${e.message})`);
  }
  const header = table[0] ?? [];
  const keyAt = header.indexOf('cell_key');
  const rateAt = header.indexOf('bytes_per_s');
  if (keyAt < 0 || rateAt < 0) throw new CsvFormatError(path, 'line 1: a sample CSV needs the columns cell_key and bytes_per_s');
  const byCell = new Map<string, number[]>();
  table.slice(1).forEach((row, r) => {
    const key = row[keyAt] ?? '';
    const raw = (row[rateAt] ?? '').trim();
    if (raw === '') return;
    const value = Number(raw);
    if (!Number.isFinite(value)) throw new CsvFormatError(path, `line ${r + 2}: column bytes_per_s is "${raw}", not a number`);
    const list = byCell.get(key) ?? [];
    list.push(value);
    byCell.set(key, list);
  });
  const rme = new Map<string, number>();
  for (const [key, values] of byCell) {
    const r = rmeFromSamples(values);
    if (r !== null) rme.set(key, r);
  }
  return rme;
}
