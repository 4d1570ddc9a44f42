/** Reading a cell CSV written by `sgbench run` into typed records, with messages that name the problem. */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { CellRecord } from './cell-record.js';

/** A CSV that cannot be read as sgbench results. The message names the file and, where known, the line. */
export class CsvFormatError extends Error {
  readonly file: string;
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'CsvFormatError';
    this.file = file;
  }
}

/** Columns without which a row is not a cell. Every other column is optional and may be absent. */
export const REQUIRED_CELL_COLUMNS = ['model', 'strategy', 'buffers', 'connections', 'bytes_per_s'] as const;

/**
 * Reads and validates a cell CSV.
 * @throws CsvFormatError when the file is unreadable, not RFC 4180, lacks a required column, has
 *   no rows, or holds a non-number where a number belongs.
 */
export function readCellCsv(path: string): CellRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CsvFormatError(path, `cannot read the file (${code})`);
  }
  return parseCellCsv(text, path);
}

/** Parses cell CSV text; `file` only names the source in messages. See `readCellCsv`. */
export function parseCellCsv(text: string, file: string): CellRecord[] {
  const table = parseTable(text, file);
  const header = table[0];
  if (header === undefined || (header.length === 1 && header[0] === '')) {
    throw new CsvFormatError(file, 'the file is empty (expected a header row and one row per cell)');
  }
  const missing = REQUIRED_CELL_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new CsvFormatError(file, `line 1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  const index = new Map(header.map((name, i) => [name, i] as const));
  const rows = table.slice(1);
  if (rows.length === 0) throw new CsvFormatError(file, 'no cell rows after the header');

  return rows.map((values, r) => {
    const line = r + 2;
    const text = (column: string): string => {
      const i = index.get(column);
      return i === undefined ? '' : (values[i] ?? '').trim();
    };
    const num = (column: string): number | null => {
      const raw = text(column);
      if (raw === '') return null;
      const value = Number(raw);
      if (!Number.isFinite(value)) {
        throw new CsvFormatError(file, `line ${line}: column ${column} is "${raw}", not a number`);
      }
      return value;
    };
    const required = (column: string, min: number): number => {
      const value = num(column);
      if (value === null) throw new CsvFormatError(file, `line ${line}: column ${column} is empty`);
      if (!Number.isInteger(value) || value < min) {
        throw new CsvFormatError(file, `line ${line}: column ${column} is ${value}, not an integer ≥ ${min}`);
      }
      return value;
    };
    const word = (column: string): string => {
      const value = text(column);
      if (value === '') throw new CsvFormatError(file, `line ${line}: column ${column} is empty`);
      return value;
    };
    return {
      line,
      runId: text('run_id'),
      startedAt: text('started_at'),
      host: text('host'),
      os: text('os'),
      kernel: text('kernel'),
      cpuModel: text('cpu_model'),
      cores: num('cores'),
      sgbenchVersion: text('sgbench_version'),
      model: word('model'),
      backend: text('backend'),
      strategy: word('strategy'),
      mode: text('mode') || 'sink',
      buffers: required('buffers', 1),
      bufferBytes: num('buffer_bytes'),
      messageBytes: num('message_bytes'),
      connections: required('connections', 1),
      depth: num('depth'),
      recvShape: text('recv_shape') || 'mirror',
      verify: text('verify'),
      samples: num('samples'),
      bytesPerS: num('bytes_per_s'),
      gbitPerS: num('gbit_per_s'),
      msgsPerS: num('msgs_per_s'),
      rmePct: num('rme_pct'),
      syscallsPerMsg: num('syscalls_per_msg'),
      partialSends: num('partial_sends'),
      clientCpuSPerGib: num('client_cpu_s_per_gib'),
      serverCpuSPerGib: num('server_cpu_s_per_gib'),
      latencyP50Us: num('latency_p50_us'),
      latencyP99Us: num('latency_p99_us'),
      latencyP999Us: num('latency_p999_us'),
      errors: text('errors'),
      cellKey: text('cell_key'),
      shape: text('shape'),
      nodelay: text('nodelay'),
      affinity: text('affinity'),
      peer: text('peer'),
      threads: text('threads'),
      sampleMs: num('sample_ms'),
      sampleBytes: num('sample_bytes'),
      stealPct: num('steal_pct'),
      preset: text('preset'),
      variant: text('variant'),
    };
  });
}

function parseTable(text: string, file: string): string[][] {
  try {
    return parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (err) {
    const e = err as Error & { lines?: number };
    const where = typeof e.lines === 'number' ? `line ${e.lines}: ` : '';
    throw new CsvFormatError(file, `${where}not a valid CSV (${e.message.replace(/^Invalid (Record|Opening Quote|Closing Quote):\s*/, '')})`);
  }
}
