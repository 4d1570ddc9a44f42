/** Synthetic sample sets for the compare tests: known distributions, fixed seeds, real CSV text. */

import { SAMPLE_COLUMNS } from '../../src/csv/schema.js';
import type { SampleFile, SampleRecord } from '../../src/compare/sample-file.js';
import { createRng, randomNormal, type Rng } from '../../src/stats/prng.js';

export interface SyntheticCell {
  cell: string;
  /** Mean bytes/s. */
  bytesPerS: number;
  /** Mean client CPU s/GiB. */
  cpuSPerGib: number;
}

/** `count` distinct cells with plausible magnitudes. */
export function syntheticCells(count: number): SyntheticCell[] {
  return Array.from({ length: count }, (_, i) => ({
    cell: `model=overlapped-event/strategy=gather/buffers=${2 ** (i % 8)}/bytes=${64 << (i % 5)}/connections=${1 + (i >> 3)}/depth=1`,
    bytesPerS: 1e8 * (1 + i),
    cpuSPerGib: 0.2 + 0.05 * i,
  }));
}

export interface DrawOptions {
  samples: number;
  /** Sample-to-sample coefficient of variation. */
  cv: number;
  /** Multiplies the mean of bytes/s of the listed cells (all cells when `cells` is omitted). */
  bytesFactor?: number;
  /** Multiplies the mean of CPU s/GiB. */
  cpuFactor?: number;
  /** Cells the factors apply to. @default every cell */
  cells?: readonly string[];
  variant?: string;
  runId?: string;
  host?: string;
}

/** Draws one sample record per sample and cell: mean × (1 + cv·z), z standard normal. */
export function drawRecords(rng: Rng, cells: readonly SyntheticCell[], o: DrawOptions): SampleRecord[] {
  const records: SampleRecord[] = [];
  for (const c of cells) {
    const hit = o.cells === undefined || o.cells.includes(c.cell);
    const bytes = c.bytesPerS * (hit ? (o.bytesFactor ?? 1) : 1);
    const cpu = c.cpuSPerGib * (hit ? (o.cpuFactor ?? 1) : 1);
    for (let s = 0; s < o.samples; s++) {
      records.push({
        cell: c.cell,
        variant: o.variant ?? '',
        runId: o.runId ?? 'run-1',
        sample: s,
        line: records.length + 2,
        values: {
          bytes_per_s: Math.max(1, bytes * (1 + o.cv * randomNormal(rng))),
          client_cpu_s_per_gib: Math.max(1e-6, cpu * (1 + o.cv * randomNormal(rng))),
        },
        machine: { host: o.host ?? 'ci-runner', cpuModel: 'Test CPU @ 3.0GHz', kernel: '6.8.0' },
      });
    }
  }
  return records;
}

export function sampleFile(path: string, records: SampleRecord[]): SampleFile {
  return { path, records };
}

/** The records as a sample CSV with the real header (other columns filled plausibly). */
export function toCsv(records: readonly SampleRecord[]): string {
  const lines = [SAMPLE_COLUMNS.join(',')];
  for (const r of records) {
    const row: Record<string, string> = {
      run_id: r.runId,
      started_at: '2026-01-01T00:00:00.000Z',
      host: r.machine.host,
      os: 'linux',
      kernel: r.machine.kernel,
      cpu_model: `"${r.machine.cpuModel}"`,
      cores: '2',
      sgbench_version: '0.1.0',
      cell_key: r.cell,
      model: 'overlapped-event',
      backend: 'linux_uring',
      strategy: 'gather',
      mode: 'sink',
      buffers: '16',
      buffer_bytes: '64',
      message_bytes: '1024',
      connections: '1',
      depth: '1',
      recv_shape: 'mirror',
      verify: 'true',
      shape: '',
      nodelay: 'true',
      affinity: 'none',
      peer: 'sgbench',
      variant: r.variant,
      sample: String(r.sample),
      bytes: '1000000',
      messages: '1000',
      send_calls: '1000',
      recv_calls: '900',
      partial_sends: '0',
      partial_recvs: '0',
      wall_ns: '100000000',
      bytes_per_s: String(r.values.bytes_per_s),
      client_cpu_ns: '50000000',
      server_cpu_ns: '40000000',
      client_cpu_s_per_gib: r.values.client_cpu_s_per_gib === null ? '' : String(r.values.client_cpu_s_per_gib),
      server_cpu_s_per_gib: '0.1',
      latency_p50_us: '',
      latency_p99_us: '',
      latency_p999_us: '',
      latency_max_us: '',
    };
    lines.push(SAMPLE_COLUMNS.map((c) => row[c] ?? '').join(','));
  }
  return lines.join('\n') + '\n';
}

export { createRng };
