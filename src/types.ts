/**
 * Types shared by the runner, the binding wrapper and the reports.
 * The native addon speaks exactly these shapes (see native/binding/).
 */

/** I/O models, see DESIGN.md. Each platform offers a subset; `models()` says which. */
export const MODELS = [
  'blocking',
  'readiness',
  'overlapped-event',
  'overlapped-callback',
  'completion-port',
] as const;
export type ModelName = (typeof MODELS)[number];

/** How one message of N buffers leaves the client. */
export const STRATEGIES = ['gather', 'coalesce', 'sequential'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const MODES = ['sink', 'echo'] as const;
export type Mode = (typeof MODES)[number];

/**
 * Which way the payload flows, as iperf3 names it: `forward` the client sends; `reverse` the
 * server sends a stream of the cell's buffers and strategy and the client receives it with its
 * model into its receive shape; `bidir` both at once on every connection.
 */
export const DIRECTIONS = ['forward', 'reverse', 'bidir'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const AFFINITIES = ['none', 'same', 'split'] as const;
/** CPU placement of client and in-process server threads: `same` pins both to CPU 0, `split` client to 0 and server to 1. */
export type Affinity = (typeof AFFINITIES)[number];

export const PEERS = ['sgbench', 'raw'] as const;
/** `sgbench`: the peer speaks the harness handshake. `raw`: any TCP peer, no handshake. */
export type Peer = (typeof PEERS)[number];

/** How the receiver lays out its receive buffers. */
export type RecvShape = { kind: 'mirror' } | { kind: 'single'; bytes: number };

/** One cell of the grid, as the native core runs it. All fields validated by `validateCellSpec`. */
export interface CellSpec {
  model: ModelName;
  strategy: Strategy;
  /** Sizes of the N source buffers of one message, each its own allocation. 1..1024 entries, each ≥ 1. */
  buffers: number[];
  recv: RecvShape;
  /** TCP connections, ≥ 1. */
  connections: number;
  /** Operations in flight per connection (models with depth only), ≥ 1. @default 1 */
  depth: number;
  /** @default 'sink' */
  mode: Mode;
  /** `reverse` and `bidir` go with `sink` only. @default 'forward' */
  direction: Direction;
  /** Check every received byte against its stream-offset pattern. @default false */
  verify: boolean;
  /** TCP_NODELAY on every data socket. @default true */
  nodelay: boolean;
  /** @default 'none' */
  affinity: Affinity;
  /** Client threads for the event-driven models (blocking always uses one per connection). 0 = automatic. @default 0 */
  threads: number;
  /** SO_SNDBUF / SO_RCVBUF on client sockets, 0 = kernel default. Tiny values force short completions. @default 0 */
  sndbuf: number;
  rcvbuf: number;
  /** Where the server listens. */
  host: string;
  port: number;
  /** @default 'sgbench' */
  peer: Peer;
  /** A sample that has not finished after this many milliseconds fails with ETIMEDOUT. @default 30000 */
  timeoutMs: number;
}

/**
 * How long one sample runs: a time slice or a byte budget (split evenly over connections, whole
 * messages). `percentiles` (each above 0 and at most 100) asks echo mode for more round-trip
 * percentiles than the fixed p50/p99/p99.9; they come back in `LatencySummary.percentiles`.
 */
export type SampleBudget = ({ durationMs: number } | { bytes: number }) & { percentiles?: number[] };

/** Counters of one sample, all measured natively. */
export interface SampleCounters {
  /** Bytes the receiver confirmed (sink: server's count; echo: bytes echoed back). */
  bytes: number;
  /** Whole messages sent (sink) or round trips completed (echo). */
  messages: number;
  sendCalls: number;
  recvCalls: number;
  /** Send completions that moved fewer bytes than asked and were resumed mid-array. */
  partialSends: number;
  partialRecvs: number;
  /** Native wall time from the first send to the receiver's confirmation. */
  wallNs: number;
  /**
   * User+sys CPU time of the client threads during the sample; null where unknown (a thread clock
   * that did not advance, e.g. Windows' tick-granular GetThreadTimes over a short sample).
   */
  clientCpuNs: number | null;
  /** Bytes of the connection that moved the fewest (sink: sent, echo: echoed) in this sample. */
  minConnBytes: number;
  /** Bytes of the connection that moved the most. */
  maxConnBytes: number;
  /** User+sys CPU time of the server threads during the sample; null where unknown (raw peer). */
  serverCpuNs: number | null;
  /** Round-trip latency in echo mode, else null. */
  latency: LatencySummary | null;
}

export interface LatencySummary {
  count: number;
  p50Us: number;
  p99Us: number;
  p999Us: number;
  maxUs: number;
  /** The percentiles the sample budget asked for, in its order (empty or absent when none were asked). */
  percentiles?: { percentile: number; us: number }[];
}

export type ModelInfo =
  | { model: ModelName; state: 'available'; mechanism: string; depth: boolean }
  | { model: ModelName; state: 'unavailable'; mechanism: string; reason: string };
