/**
 * The CSV schema of sgbench, in one place. Columns are only ever added at the end, never renamed
 * or reordered: spreadsheets, `compare` and `report` read them by name. A value that does not
 * apply is the empty string, never 0. Units are in the column names.
 */

/** Identity of a run and its machine, repeated on every row so a row stands alone. */
export const ENVIRONMENT_COLUMNS = [
  'run_id',
  'started_at',
  'host',
  'os',
  'kernel',
  'cpu_model',
  'cores',
  'sgbench_version',
] as const;

/** What was measured: the cell's coordinates in the grid. */
export const CELL_IDENTITY_COLUMNS = [
  'model',
  'backend',
  'strategy',
  'mode',
  'buffers',
  'buffer_bytes',
  'message_bytes',
  'connections',
  'depth',
  'recv_shape',
  'verify',
] as const;

/** One row per cell: identity, then results (DESIGN.md), then the extra settings recorded since. */
export const CELL_COLUMNS = [
  ...ENVIRONMENT_COLUMNS,
  ...CELL_IDENTITY_COLUMNS,
  'samples',
  'bytes_per_s',
  'gbit_per_s',
  'msgs_per_s',
  'rme_pct',
  'sd_bytes_per_s',
  'min_bytes_per_s',
  'p50_bytes_per_s',
  'max_bytes_per_s',
  'syscalls_per_msg',
  'partial_sends',
  'client_cpu_s_per_gib',
  'server_cpu_s_per_gib',
  'latency_p50_us',
  'latency_p99_us',
  'latency_p999_us',
  'errors',
  // Added after the DESIGN.md list:
  'cell_key',
  'shape',
  'nodelay',
  'affinity',
  'peer',
  'threads',
  'sample_ms',
  'sample_bytes',
  'latency_max_us',
  'steal_pct',
  'preset',
  'variant',
  'direction',
] as const;

/** One row per sample: enough to recompute every statistic (`compare` reads this file). */
export const SAMPLE_COLUMNS = [
  ...ENVIRONMENT_COLUMNS,
  'cell_key',
  ...CELL_IDENTITY_COLUMNS,
  'shape',
  'nodelay',
  'affinity',
  'peer',
  'variant',
  'sample',
  'bytes',
  'messages',
  'send_calls',
  'recv_calls',
  'partial_sends',
  'partial_recvs',
  'wall_ns',
  'bytes_per_s',
  'client_cpu_ns',
  'server_cpu_ns',
  'client_cpu_s_per_gib',
  'server_cpu_s_per_gib',
  'latency_p50_us',
  'latency_p99_us',
  'latency_p999_us',
  'latency_max_us',
  // Added since: fairness across connections.
  'min_conn_bytes',
  'max_conn_bytes',
  // Added since: which way the payload flows (forward, reverse, bidir).
  'direction',
] as const;

export type CellColumn = (typeof CELL_COLUMNS)[number];
export type SampleColumn = (typeof SAMPLE_COLUMNS)[number];
export type CellRow = Record<CellColumn, string | number>;
export type SampleRow = Record<SampleColumn, string | number>;

/**
 * The stable key of a cell, used to join runs: the same cell measured twice has the same key.
 * e.g. `model=overlapped-event/strategy=gather/buffers=16/bytes=64/connections=4/depth=1`.
 * Settings at their defaults are left out so keys stay short and stable as options are added.
 */
export function cellKey(c: {
  model: string;
  strategy: string;
  buffers: number;
  shape: string;
  uniformBytes: number | null;
  connections: number;
  depth: number;
  mode: string;
  /** forward, reverse or bidir; absent in files written before the column existed. */
  direction?: string;
  recvShape: string;
  nodelay: boolean;
  affinity: string;
}): string {
  const parts = [
    `model=${c.model}`,
    `strategy=${c.strategy}`,
    `buffers=${c.buffers}`,
    c.uniformBytes !== null ? `bytes=${c.uniformBytes}` : `shape=${c.shape}`,
    `connections=${c.connections}`,
    `depth=${c.depth}`,
  ];
  if (c.mode !== 'sink') parts.push(`mode=${c.mode}`);
  if (c.direction !== undefined && c.direction !== 'forward') parts.push(`direction=${c.direction}`);
  if (c.recvShape !== 'mirror') parts.push(`recv=${c.recvShape}`);
  if (!c.nodelay) parts.push('nodelay=false');
  if (c.affinity !== 'none') parts.push(`affinity=${c.affinity}`);
  return parts.join('/');
}
