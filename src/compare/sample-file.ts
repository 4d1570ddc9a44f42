/**
 * Reading the per-sample CSV (`SAMPLE_COLUMNS`) strictly: every problem is reported with the file,
 * the line and the column, never skipped, because a gate that silently drops rows can pass a
 * regression.
 */

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { SAMPLE_COLUMNS } from '../csv/schema.js';
import { CompareInputError } from './input-error.js';
import { METRICS, type MetricName } from './metrics.js';

/** One sample row, reduced to what `compare` uses. */
export interface SampleRecord {
  cell: string;
  /** Empty in an ordinary run; the A/B label in an alternating one. */
  variant: string;
  runId: string;
  sample: number;
  /** Line in the file, for messages. */
  line: number;
  /** null where the column is empty (not applicable). */
  values: Record<MetricName, number | null>;
  machine: MachineIdentity;
}

/** Where a sample was measured. */
export interface MachineIdentity {
  host: string;
  cpuModel: string;
  kernel: string;
}

export interface SampleFile {
  path: string;
  records: SampleRecord[];
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Parses the text of a sample CSV. Throws `CompareInputError` naming `path` and the problem. */
export function parseSampleCsv(text: string, path: string): SampleFile {
  if (text.trim() === '') throw new CompareInputError(path, 'the file is empty (no header, no samples)');
  // The runner ends every row with a newline as it writes it; a file that does not was cut off.
  if (!text.endsWith('\n')) {
    throw new CompareInputError(path, 'the last row is not terminated by a newline: the file looks truncated (an interrupted run?)');
  }
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, info: true }) as unknown as typeof rows;
  } catch (err) {
    throw new CompareInputError(path, describeCsvError(err));
  }
  const header = rows[0]?.record ?? [];
  const index = columnIndex(header, path);
  if (rows.length < 2) throw new CompareInputError(path, 'the header is there but no sample rows follow');

  const records: SampleRecord[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < rows.length; r++) {
    const { record: row, info } = rows[r]!;
    const line = info.lines;
    const get = (column: string) => row[index.get(column)!]!;
    const cell = get('cell_key').trim();
    if (cell === '') throw new CompareInputError(path, `line ${line}: cell_key is empty`);
    const sampleText = get('sample').trim();
    if (!/^\d+$/.test(sampleText)) {
      throw new CompareInputError(path, `line ${line}, column sample: ${JSON.stringify(sampleText)} is not a sample index (0, 1, 2, …)`);
    }
    const values = {} as Record<MetricName, number | null>;
    for (const metric of METRICS) values[metric] = readMetric(get(metric), metric, metric === 'bytes_per_s', path, line);
    const record: SampleRecord = {
      cell,
      variant: get('variant').trim(),
      runId: get('run_id').trim(),
      sample: Number(sampleText),
      line,
      values,
      machine: { host: get('host'), cpuModel: get('cpu_model'), kernel: get('kernel') },
    };
    const key = `${record.runId}\u0000${record.variant}\u0000${cell}\u0000${record.sample}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new CompareInputError(path, `line ${line}: sample ${record.sample} of cell ${cell} in run ${record.runId || '(no run_id)'} repeats line ${first}`);
    }
    seen.set(key, line);
    records.push(record);
  }
  return { path, records };
}

/** Reads and parses one sample CSV; an unreadable file is an input error too. */
export async function readSampleFile(path: string): Promise<SampleFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw unreadable(path, err);
  }
  return parseSampleCsv(text, path);
}

/** `readSampleFile` for synchronous callers (the report). */
export function readSampleFileSync(path: string): SampleFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw unreadable(path, err);
  }
  return parseSampleCsv(text, path);
}

function unreadable(path: string, err: unknown): CompareInputError {
  const code = (err as NodeJS.ErrnoException).code;
  return new CompareInputError(path, code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(err)})`);
}

/**
 * The columns compare reads. Only these are required: files written before later columns were
 * added to SAMPLE_COLUMNS (columns are only ever appended) stay comparable.
 */
const COLUMNS_READ = ['run_id', 'host', 'cpu_model', 'kernel', 'cell_key', 'variant', 'sample', ...METRICS] as const;

function columnIndex(header: readonly string[], path: string): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const n = name.trim();
    if (index.has(n)) throw new CompareInputError(path, `the header names column ${n} twice`);
    index.set(n, i);
  });
  const missing = COLUMNS_READ.filter((c) => !index.has(c));
  if (missing.length > 0) {
    const hint =
      index.has('samples') && index.has('gbit_per_s')
        ? ': this is the per-cell results file; compare reads the per-sample file written next to it (*.samples.csv)'
        : missing.length === COLUMNS_READ.length && !SAMPLE_COLUMNS.some((c) => index.has(c))
          ? ': this is not an sgbench sample CSV'
          : '';
    throw new CompareInputError(path, `wrong header, missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${hint}`);
  }
  return index;
}

function readMetric(text: string, column: MetricName, required: boolean, path: string, line: number): number | null {
  const t = text.trim();
  if (t === '') {
    if (required) throw new CompareInputError(path, `line ${line}, column ${column}: empty, a number is required`);
    return null;
  }
  const value = NUMBER.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(value)) throw new CompareInputError(path, `line ${line}, column ${column}: ${JSON.stringify(t)} is not a number`);
  if (value <= 0) throw new CompareInputError(path, `line ${line}, column ${column}: ${t} is not positive`);
  return value;
}

function describeCsvError(err: unknown): string {
  const e = err as { code?: string; lines?: number; message?: string };
  switch (e.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `line ${e.lines ?? '?'} has a different number of fields than the header: the file looks truncated or corrupted`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quoted field opened near line ${e.lines ?? '?'} is never closed: the file looks truncated`;
    default:
      return `not a valid CSV (${e.message ?? String(err)})`;
  }
}
