/**
 * The typed face of the native addon. Specs are validated here, with messages that name the field
 * and the allowed range; the addon trusts what it is given and only converts it.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AFFINITIES,
  DIRECTIONS,
  MODELS,
  MODES,
  PEERS,
  STRATEGIES,
  type CellSpec,
  type ModelInfo,
  type Mode,
  type ModelName,
  type Peer,
  type SampleBudget,
  type SampleCounters,
} from './types.js';
import { MAX_BUFFERS, MAX_CONNECTIONS, MAX_DEPTH, MAX_MESSAGE_BYTES, MAX_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, DEFAULT_HOST } from './constants.js';
import { ModelUnavailableError, NativeIoError, SpecError } from './errors.js';

interface NativeSession {
  sample(budget: { durationNs: number; bytes: number; percentiles: number[] }): Promise<SampleCounters>;
  close(): Promise<void>;
  cancel(): void;
}
interface NativeServer {
  port: number;
  stats(): ServerStats;
  stop(): Promise<void>;
}
interface Addon {
  initialize(errorClass: typeof NativeIoError): void;
  models(): ModelInfo[];
  openSession(spec: CellSpec): Promise<NativeSession>;
  startServer(opts: ServerOptions): NativeServer;
  platform: string;
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('sgbench: cannot find the package root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

let loaded: Addon | undefined;

/** Loads the addon once. `SGBENCH_ADDON` points at another build (sanitizer or cross builds). */
export function addon(): Addon {
  if (loaded) return loaded;
  const path = process.env.SGBENCH_ADDON ?? join(packageRoot(), 'build', 'Release', 'sgbench.node');
  if (!existsSync(path)) {
    throw new Error(`sgbench: native addon not found at ${path}; run \`npm ci\` (or \`npm run build:native\`) first`);
  }
  const a = createRequire(import.meta.url)(path) as Addon;
  a.initialize(NativeIoError);
  loaded = a;
  return a;
}

/** What this platform offers: every model, available or not and why. */
export function models(): ModelInfo[] {
  return addon().models();
}

function intIn(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new SpecError(field, `must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new SpecError(field, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** Fills defaults and checks every field of a cell spec; throws `SpecError` naming the field. */
export function validateCellSpec(input: Partial<CellSpec> & Pick<CellSpec, 'buffers'>): CellSpec {
  const buffers = input.buffers;
  if (!Array.isArray(buffers) || buffers.length < 1 || buffers.length > MAX_BUFFERS) {
    throw new SpecError('buffers', `must list 1 to ${MAX_BUFFERS} buffer sizes, got ${Array.isArray(buffers) ? buffers.length : typeof buffers}`);
  }
  buffers.forEach((b, i) => intIn(`buffers[${i}]`, b, 1, MAX_MESSAGE_BYTES));
  const total = buffers.reduce((a, b) => a + b, 0);
  if (total > MAX_MESSAGE_BYTES) {
    throw new SpecError('buffers', `a message may hold at most ${MAX_MESSAGE_BYTES} bytes (64 MiB), got ${total}`);
  }
  const recv = input.recv ?? { kind: 'mirror' };
  if (recv.kind === 'single') intIn('recv', recv.bytes, 1, MAX_MESSAGE_BYTES);
  else if (recv.kind !== 'mirror') throw new SpecError('recv', `must be mirror or single:BYTES`);
  const spec: CellSpec = {
    model: oneOf('model', input.model ?? 'overlapped-event', MODELS),
    strategy: oneOf('strategy', input.strategy ?? 'gather', STRATEGIES),
    buffers: [...buffers],
    recv,
    connections: intIn('connections', input.connections ?? 1, 1, MAX_CONNECTIONS),
    depth: intIn('depth', input.depth ?? 1, 1, MAX_DEPTH),
    mode: oneOf('mode', input.mode ?? 'sink', MODES),
    direction: oneOf('direction', input.direction ?? 'forward', DIRECTIONS),
    verify: input.verify ?? false,
    nodelay: input.nodelay ?? true,
    affinity: oneOf('affinity', input.affinity ?? 'none', AFFINITIES),
    threads: intIn('threads', input.threads ?? 0, 0, 1024),
    sndbuf: intIn('sndbuf', input.sndbuf ?? 0, 0, 1 << 30),
    rcvbuf: intIn('rcvbuf', input.rcvbuf ?? 0, 0, 1 << 30),
    host: input.host ?? DEFAULT_HOST,
    port: intIn('port', input.port ?? 0, 0, 65535),
    peer: oneOf('peer', input.peer ?? 'sgbench', PEERS),
    timeoutMs: intIn('timeoutMs', input.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, MAX_TIMEOUT_MS),
  };
  if (spec.mode === 'echo' && spec.recv.kind === 'single' && spec.recv.bytes < total) {
    throw new SpecError('recv', `in echo mode the receive buffer must hold a whole message (${total} bytes), got single:${spec.recv.bytes}`);
  }
  if (spec.direction !== 'forward' && spec.mode === 'echo') {
    throw new SpecError('direction', `${spec.direction} streams from the server and goes with mode sink, not echo`);
  }
  if (spec.port === 0) throw new SpecError('port', 'must name the server port (1 to 65535)');
  return spec;
}

function requireAvailable(model: ModelName): void {
  const info = models().find((m) => m.model === model);
  if (!info) throw new ModelUnavailableError(model, 'not a model of this build');
  if (info.state === 'unavailable') throw new ModelUnavailableError(model, info.reason);
}

/**
 * Open connections for one cell. Samples then run on native threads, one promise each;
 * the connections stay open between samples. Always `close()` it.
 */
export class Session {
  private constructor(
    readonly spec: CellSpec,
    private readonly native: NativeSession,
  ) {}

  static async open(input: Partial<CellSpec> & Pick<CellSpec, 'buffers'>): Promise<Session> {
    const spec = validateCellSpec(input);
    requireAvailable(spec.model);
    return new Session(spec, await addon().openSession(spec));
  }

  /** Runs one sample: a time slice or a byte budget on every connection. */
  sample(budget: SampleBudget): Promise<SampleCounters> {
    const percentiles = budget.percentiles ?? [];
    percentiles.forEach((p, i) => {
      if (typeof p !== 'number' || !(p > 0 && p <= 100)) {
        throw new SpecError(`percentiles[${i}]`, `must be a number above 0 and at most 100, got ${JSON.stringify(p)}`);
      }
    });
    if ('durationMs' in budget) {
      if (!(budget.durationMs > 0)) throw new SpecError('duration', `must be > 0 ms, got ${budget.durationMs}`);
      return this.native.sample({ durationNs: Math.round(budget.durationMs * 1e6), bytes: 0, percentiles });
    }
    if (!Number.isSafeInteger(budget.bytes) || budget.bytes < 1) {
      throw new SpecError('bytes', `must be a whole number of bytes ≥ 1, got ${budget.bytes}`);
    }
    return this.native.sample({ durationNs: 0, bytes: budget.bytes, percentiles });
  }

  /** Stops a running sample as soon as possible (it rejects with ECANCELED). */
  cancel(): void {
    this.native.cancel();
  }

  close(): Promise<void> {
    return this.native.close();
  }
}

export interface ServerOptions {
  /** @default '127.0.0.1' */
  host: string;
  /** 0 = ephemeral. @default 0 */
  port: number;
  /** Event-loop threads. 0 = automatic. @default 0 */
  threads: number;
  /** Pin server threads to this CPU, -1 = no pinning. @default -1 */
  cpu: number;
  /** Log handshake refusals and connection faults to stderr. @default false */
  log: boolean;
  /** Receive buffers all connections together may hold, in bytes; 0 = the built-in 1 GiB. @default 0 */
  memoryBudget: number;
  /** `sgbench`: every connection opens with the handshake. `raw`: any TCP client, no handshake. @default 'sgbench' */
  peer: Peer;
  /** Raw peers only: `sink` counts what arrives, `echo` sends every received chunk back. @default 'sink' */
  mode: Mode;
  /** Raw peers only: the size of each connection's one receive buffer. @default 65536 */
  recvBytes: number;
}

/** Counters of a running server, read at any time. */
export interface ServerStats {
  accepted: number;
  /** Handshakes answered with a refusal (malformed, out of bounds, over the memory budget). */
  refused: number;
  /** Handshakes not finished within the handshake time bound. */
  timedOut: number;
  /** Connections open now. */
  active: number;
  bytesReceived: number;
  /** What the server's sends moved to --reverse and --bidir clients. */
  bytesSent: number;
  /** Receive buffers held now, in bytes; never above the memory budget. */
  memoryReserved: number;
}

/** The harness's event-based server (overlapped-event model), on native threads in this process. */
export class Server {
  private constructor(
    readonly host: string,
    private readonly native: NativeServer,
  ) {}

  get port(): number {
    return this.native.port;
  }

  static start(opts: Partial<ServerOptions> = {}): Server {
    const full: ServerOptions = {
      host: opts.host ?? DEFAULT_HOST,
      port: intIn('port', opts.port ?? 0, 0, 65535),
      threads: intIn('threads', opts.threads ?? 0, 0, 64),
      cpu: intIn('cpu', opts.cpu ?? -1, -1, 4095),
      log: opts.log ?? false,
      memoryBudget: intIn('memoryBudget', opts.memoryBudget ?? 0, 0, Number.MAX_SAFE_INTEGER),
      peer: oneOf('peer', opts.peer ?? 'sgbench', PEERS),
      mode: oneOf('mode', opts.mode ?? 'sink', MODES),
      recvBytes: intIn('recvBytes', opts.recvBytes ?? 65536, 1, MAX_MESSAGE_BYTES),
    };
    return new Server(full.host, addon().startServer(full));
  }

  stats(): ServerStats {
    return this.native.stats();
  }

  stop(): Promise<void> {
    return this.native.stop();
  }
}
