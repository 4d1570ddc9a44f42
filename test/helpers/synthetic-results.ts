/** Synthetic cell CSVs with known answers, written with the real column list. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { CELL_COLUMNS } from '../../src/csv/schema.js';

export interface SyntheticCell {
  model: string;
  strategy: string;
  buffers: number;
  bufferBytes: number;
  connections: number;
  mode?: string;
}

/** Throughput and noise of a synthetic cell. */
export type Measure = (c: SyntheticCell) => { bytesPerS: number; rmePct: number | null };

/** Every combination of the axes. */
export function grid(axes: { models: string[]; strategies: string[]; buffers: number[]; sizes: number[]; connections: number[] }): SyntheticCell[] {
  const cells: SyntheticCell[] = [];
  for (const model of axes.models)
    for (const connections of axes.connections)
      for (const bufferBytes of axes.sizes)
        for (const buffers of axes.buffers)
          for (const strategy of axes.strategies) cells.push({ model, strategy, buffers, bufferBytes, connections });
  return cells;
}

/** Full rows with every CELL_COLUMNS column; latency columns empty unless `mode` is echo. */
export function cellRows(cells: SyntheticCell[], measure: Measure): Record<string, string>[] {
  return cells.map((c, i) => {
    const { bytesPerS, rmePct } = measure(c);
    const messageBytes = c.buffers * c.bufferBytes;
    const msgs = bytesPerS / messageBytes;
    const echo = c.mode === 'echo';
    const row: Record<string, string> = Object.fromEntries(CELL_COLUMNS.map((k) => [k, '']));
    Object.assign(row, {
      run_id: 'synthetic-1', started_at: `2025-11-28T08:00:${String(i % 60).padStart(2, '0')}Z`, host: 'testhost', os: 'linux',
      kernel: '6.1.0', cpu_model: 'Synthetic CPU @ 3.0GHz', cores: '2', sgbench_version: '0.1.0',
      model: c.model, backend: c.model === 'overlapped-event' ? 'linux_uring' : 'posix_blocking', strategy: c.strategy,
      mode: c.mode ?? 'sink', buffers: String(c.buffers), buffer_bytes: String(c.bufferBytes), message_bytes: String(messageBytes),
      connections: String(c.connections), depth: '1', recv_shape: 'mirror', verify: 'false', samples: '10',
      bytes_per_s: String(bytesPerS), gbit_per_s: String((bytesPerS * 8) / 1e9), msgs_per_s: String(msgs),
      rme_pct: rmePct === null ? '' : String(rmePct), sd_bytes_per_s: String(bytesPerS * 0.02),
      min_bytes_per_s: String(bytesPerS * 0.97), p50_bytes_per_s: String(bytesPerS), max_bytes_per_s: String(bytesPerS * 1.03),
      syscalls_per_msg: String(c.strategy === 'sequential' ? c.buffers + 0.1 : 1.1), partial_sends: '0',
      client_cpu_s_per_gib: String(0.2 + (c.strategy === 'coalesce' ? 0.05 : 0)), server_cpu_s_per_gib: '0.15',
      latency_p50_us: echo ? '40' : '', latency_p99_us: echo ? '90' : '', latency_p999_us: echo ? '200' : '',
      errors: '0',
      cell_key: `model=${c.model}/strategy=${c.strategy}/buffers=${c.buffers}/bytes=${c.bufferBytes}/connections=${c.connections}/depth=1${echo ? '/mode=echo' : ''}`,
      shape: `${c.buffers}x${c.bufferBytes}`, nodelay: 'true', affinity: 'none', peer: 'sgbench', threads: '0',
      sample_ms: '250', latency_max_us: echo ? '400' : '', steal_pct: '0.1', preset: 'synthetic', variant: '',
    });
    return row;
  });
}

/** Writes rows as an RFC 4180 CSV with the given columns (all of CELL_COLUMNS by default); returns the path. */
export function writeCsv(rows: Record<string, string>[], columns: readonly string[] = CELL_COLUMNS, name = 'cells.csv'): string {
  const dir = mkdtempSync(join(tmpdir(), 'sgbench-report-'));
  const path = join(dir, name);
  writeFileSync(path, stringify(rows, { header: true, columns: [...columns] }));
  return path;
}

/**
 * The shape of the facts in DESIGN.md: copying wins below about 4 KiB a buffer, gathering wins
 * from 4 KiB with many buffers; 2 % noise.
 */
export const realisticMeasure: Measure = (c) => {
  const base = 1e9 * Math.log2(c.bufferBytes) * c.connections ** 0.5;
  const gatherGain = c.bufferBytes >= 4096 && c.buffers >= 4 ? 1.2 : c.bufferBytes >= 4096 ? 1.0 : 0.8;
  const factor = c.strategy === 'gather' ? gatherGain : c.strategy === 'sequential' ? 0.5 : 1;
  return { bytesPerS: base * factor * (1 + c.buffers / 64), rmePct: 2 };
};
