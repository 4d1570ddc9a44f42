/**
 * One row of a cell CSV (src/csv/schema.ts `CELL_COLUMNS`), typed for reading. Columns that do not
 * apply are empty in the file and `null` here, never 0.
 */
export interface CellRecord {
  /** 1-based line of the row in its file, for messages. */
  line: number;
  runId: string;
  startedAt: string;
  host: string;
  os: string;
  kernel: string;
  cpuModel: string;
  cores: number | null;
  sgbenchVersion: string;
  model: string;
  backend: string;
  strategy: string;
  mode: string;
  buffers: number;
  /** Size of every buffer when the shape is uniform, else null (see `shape`). */
  bufferBytes: number | null;
  messageBytes: number | null;
  connections: number;
  depth: number | null;
  recvShape: string;
  verify: string;
  samples: number | null;
  /** Mean throughput; null when the cell failed. */
  bytesPerS: number | null;
  gbitPerS: number | null;
  msgsPerS: number | null;
  /** Relative margin of error of the mean at 95 %, in percent. */
  rmePct: number | null;
  syscallsPerMsg: number | null;
  partialSends: number | null;
  clientCpuSPerGib: number | null;
  serverCpuSPerGib: number | null;
  latencyP50Us: number | null;
  latencyP99Us: number | null;
  latencyP999Us: number | null;
  errors: string;
  cellKey: string;
  shape: string;
  nodelay: string;
  affinity: string;
  peer: string;
  threads: string;
  sampleMs: number | null;
  sampleBytes: number | null;
  stealPct: number | null;
  preset: string;
  variant: string;
}

/** True when the row carries a usable throughput (the cell did not fail). */
export function measured(c: CellRecord): c is CellRecord & { bytesPerS: number } {
  return c.bytesPerS !== null && c.bytesPerS > 0 && (c.errors === '' || c.errors === '0');
}

/** Throughput in Gbit/s, from `gbit_per_s` or derived from `bytes_per_s`. */
export function gbitPerS(c: CellRecord): number | null {
  if (c.gbitPerS !== null) return c.gbitPerS;
  return c.bytesPerS === null ? null : (c.bytesPerS * 8) / 1e9;
}

/**
 * The cell's stable key: `cell_key` when the file has it, else rebuilt from the identity columns
 * (older files), so rows of two runs can be joined.
 */
export function keyOf(c: CellRecord): string {
  if (c.cellKey !== '') return c.cellKey;
  return [
    `model=${c.model}`,
    `strategy=${c.strategy}`,
    `buffers=${c.buffers}`,
    c.bufferBytes !== null ? `bytes=${c.bufferBytes}` : `shape=${c.shape}`,
    `connections=${c.connections}`,
    `depth=${c.depth ?? 1}`,
    `mode=${c.mode}`,
    `recv=${c.recvShape}`,
    `nodelay=${c.nodelay}`,
    `affinity=${c.affinity}`,
  ].join('/');
}
