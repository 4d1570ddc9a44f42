/** Rows of the cell and sample CSV files, built from a cell's coordinates and its measurements. */
import { percentileFields } from '../csv/percentile-columns.js';
import type { CellRow, SampleRow } from '../csv/schema.js';
import type { RunEnvironment } from '../env.js';
import { recvShapeLabel } from '../grid/axes.js';
import type { GridCell } from '../grid/cells.js';
import type { Peer, SampleBudget } from '../types.js';
import { cpuSecondsPerGib, sampleBytesPerS, type CellStatistics } from './cell-statistics.js';
import type { MeasuredSample } from './measure-cell.js';

/** What every row of one run shares. */
export interface RunContext {
  runId: string;
  /** ISO 8601, UTC. */
  startedAt: string;
  env: RunEnvironment;
  preset: string | null;
  variant: string;
  budget: SampleBudget;
  verify: boolean;
  peer: Peer;
  /** Client threads asked for; 0 = chosen by the native core (recorded as empty). */
  threads: number;
  /** `--percentiles`: the extra ones get columns after the schema's (see percentile-columns.ts). */
  percentiles?: number[];
}

/** How a cell ended: measured, or failed with the error's message. */
export type CellOutcome =
  | { state: 'measured'; stats: CellStatistics; stealFraction: number | null }
  | { state: 'failed'; error: string; samplesDone: number; stealFraction: number | null };

/** A number, or '' for "does not apply". */
function orEmpty(value: number | null | undefined): number | '' {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : value;
}

function environmentFields(ctx: RunContext) {
  return {
    run_id: ctx.runId,
    started_at: ctx.startedAt,
    host: ctx.env.host,
    os: ctx.env.os,
    kernel: ctx.env.kernel,
    cpu_model: ctx.env.cpu_model,
    cores: ctx.env.cores,
    sgbench_version: ctx.env.sgbench_version,
  };
}

function identityFields(ctx: RunContext, cell: GridCell, backend: string) {
  return {
    model: cell.model,
    backend,
    strategy: cell.strategy,
    mode: cell.mode,
    buffers: cell.buffers,
    buffer_bytes: cell.bufferBytes,
    message_bytes: cell.buffers * cell.bufferBytes,
    connections: cell.connections,
    depth: cell.depth,
    recv_shape: recvShapeLabel(cell.recv),
    verify: String(ctx.verify),
  };
}

/** The cell file's row for one cell. */
export function cellRow(ctx: RunContext, cell: GridCell, backend: string, outcome: CellOutcome): CellRow {
  const s = outcome.state === 'measured' ? outcome.stats : null;
  return {
    ...environmentFields(ctx),
    ...identityFields(ctx, cell, backend),
    samples: s ? s.samples : outcome.state === 'failed' ? outcome.samplesDone : '',
    bytes_per_s: orEmpty(s?.bytesPerS),
    gbit_per_s: orEmpty(s?.gbitPerS),
    msgs_per_s: orEmpty(s?.msgsPerS),
    rme_pct: orEmpty(s?.rmePct),
    sd_bytes_per_s: orEmpty(s?.sdBytesPerS),
    min_bytes_per_s: orEmpty(s?.minBytesPerS),
    p50_bytes_per_s: orEmpty(s?.p50BytesPerS),
    max_bytes_per_s: orEmpty(s?.maxBytesPerS),
    syscalls_per_msg: orEmpty(s?.syscallsPerMsg),
    partial_sends: orEmpty(s?.partialSends),
    client_cpu_s_per_gib: orEmpty(s?.clientCpuSPerGib),
    server_cpu_s_per_gib: orEmpty(s?.serverCpuSPerGib),
    latency_p50_us: orEmpty(s?.latencyP50Us),
    latency_p99_us: orEmpty(s?.latencyP99Us),
    latency_p999_us: orEmpty(s?.latencyP999Us),
    errors: outcome.state === 'failed' ? outcome.error : '',
    cell_key: cell.key,
    shape: cell.shape,
    nodelay: String(cell.nodelay),
    affinity: cell.affinity,
    peer: ctx.peer,
    threads: ctx.threads > 0 ? ctx.threads : '',
    sample_ms: 'durationMs' in ctx.budget ? ctx.budget.durationMs : '',
    sample_bytes: 'bytes' in ctx.budget ? ctx.budget.bytes : '',
    latency_max_us: orEmpty(s?.latencyMaxUs),
    steal_pct: orEmpty(outcome.stealFraction === null ? null : outcome.stealFraction * 100),
    preset: ctx.preset ?? '',
    variant: ctx.variant,
    direction: cell.direction,
    ...percentileFields(ctx.percentiles ?? [], s?.latencyPercentilesUs),
  };
}

/** The sample file's rows for one cell, numbered from 0. */
export function sampleRows(ctx: RunContext, cell: GridCell, backend: string, samples: readonly MeasuredSample[]): SampleRow[] {
  return samples.map(({ counters: c }, index) => ({
    ...environmentFields(ctx),
    cell_key: cell.key,
    ...identityFields(ctx, cell, backend),
    shape: cell.shape,
    nodelay: String(cell.nodelay),
    affinity: cell.affinity,
    peer: ctx.peer,
    variant: ctx.variant,
    sample: index,
    bytes: c.bytes,
    messages: c.messages,
    send_calls: c.sendCalls,
    recv_calls: c.recvCalls,
    partial_sends: c.partialSends,
    partial_recvs: c.partialRecvs,
    wall_ns: c.wallNs,
    bytes_per_s: sampleBytesPerS(c),
    client_cpu_ns: orEmpty(c.clientCpuNs),
    server_cpu_ns: orEmpty(c.serverCpuNs),
    client_cpu_s_per_gib: orEmpty(cpuSecondsPerGib(c.clientCpuNs, c.bytes)),
    server_cpu_s_per_gib: orEmpty(cpuSecondsPerGib(c.serverCpuNs, c.bytes)),
    latency_p50_us: orEmpty(c.latency?.p50Us),
    latency_p99_us: orEmpty(c.latency?.p99Us),
    latency_p999_us: orEmpty(c.latency?.p999Us),
    latency_max_us: orEmpty(c.latency?.maxUs),
    min_conn_bytes: c.minConnBytes,
    max_conn_bytes: c.maxConnBytes,
    direction: cell.direction,
    ...percentileFields(ctx.percentiles ?? [], c.latency?.percentiles),
  }));
}
