/** From a preset and the `run` flags to the plan of a sweep: axes, sampling, output, peer. */
import { AFFINITIES, MODELS, MODES, PEERS, STRATEGIES, type Direction, type Peer, type RecvShape, type SampleBudget } from '../types.js';
import { DEFAULT_SAMPLE_MS, DEFAULT_SAMPLES, DEFAULT_TIMEOUT_MS, DEFAULT_WARMUP_MS, MAX_TIMEOUT_MS, MAX_BUFFERS, MAX_DEPTH, MAX_MESSAGE_BYTES } from '../constants.js';
import { SpecError } from '../errors.js';
import { FIXED_PERCENTILES, percentileColumn } from '../csv/percentile-columns.js';
import { DEFAULT_AXES, type GridAxes } from './axes.js';
import { parseNameList, parseNumberList } from './lists.js';
import type { Preset } from './preset.js';
import { seedFromText } from './shuffle.js';
import { parseTarget, type Target } from './target.js';
import { parseByteSize, parseCount, parseDurationMs } from './units.js';

/** `run` flags as typed on the command line; undefined = not given (the preset decides). */
export interface RunFlags {
  buffers?: string;
  sizes?: string;
  connections?: string;
  strategy?: string;
  model?: string;
  depth?: string;
  recv?: string;
  mode?: string;
  nodelay?: string;
  affinity?: string;
  duration?: string;
  bytes?: string;
  samples?: string;
  rmeTarget?: string;
  maxSamples?: string;
  warmup?: string;
  verify?: boolean;
  /** The server sends, the client receives (iperf3 -R). */
  reverse?: boolean;
  /** Both send at once (iperf3 --bidir). */
  bidir?: boolean;
  threads?: string;
  /** `''` when given without a value: pick a seed and print it. */
  shuffle?: string;
  target?: string;
  out?: string;
  quiet?: boolean;
  variant?: string;
  /** Per-sample time bound, e.g. 10s. */
  timeout?: string;
  failFast?: boolean;
  /** Latency percentiles in echo mode, e.g. 50,90,99,99.9. */
  percentiles?: string;
  /** `sgbench` (handshake) or `raw` (any TCP server; needs --target). */
  peer?: string;
}

/** Everything a sweep needs to know before it starts. */
export interface RunPlan {
  preset: string | null;
  axes: GridAxes;
  budget: SampleBudget;
  /** Samples per cell; with `rmeTargetPct`, the least. */
  samples: number;
  /** Sample on until the rme is at most this (percent), or null for exactly `samples`. */
  rmeTargetPct: number | null;
  /** Most samples per cell (equals `samples` when there is no rme target). */
  maxSamples: number;
  warmupMs: number;
  verify: boolean;
  /** Client threads for event-driven models, 0 = automatic. */
  threads: number;
  /** Seed of the interleaved order, or null to run cells in grid order. */
  shuffleSeed: number | null;
  /** A running `sgbench serve`, or null for the in-process server. */
  target: Target | null;
  out: string | undefined;
  quiet: boolean;
  /** Free label recorded on every row (e.g. a build or a kernel setting under test). */
  variant: string;
  /** A sample, or opening a cell's connections, that makes no progress for this long fails with ETIMEDOUT. */
  timeoutMs: number;
  /** Stop the sweep after the first failed cell (its row is still written). */
  failFast: boolean;
  /** Latency percentiles asked for with --percentiles (also in `budget.percentiles`); empty if none. */
  percentiles: number[];
  peer: Peer;
}

const ON_OFF_FORM = 'on, off or on,off';

function parseOnOffList(flag: string, text: string): boolean[] {
  const values = text.split(',').map((item) => {
    const v = item.trim().toLowerCase();
    if (['on', 'true', '1', 'yes', ''].includes(v)) return true;
    if (['off', 'false', '0', 'no'].includes(v)) return false;
    throw new SpecError(flag, `must be ${ON_OFF_FORM}; got ${JSON.stringify(item)}`);
  });
  return [...new Set(values)];
}

function parseRecvList(text: string): RecvShape[] {
  return text.split(',').map((item): RecvShape => {
    const v = item.trim();
    if (v === 'mirror') return { kind: 'mirror' };
    const single = /^single:(.+)$/.exec(v);
    if (single?.[1]) return { kind: 'single', bytes: parseByteSize('--recv', single[1]) };
    throw new SpecError('--recv', `must be mirror or single:BYTES (e.g. single:64k), comma-separated; got ${JSON.stringify(item)}`);
  });
}

/**
 * Reads `--percentiles 50,90,99,99.9`: each above 0 and at most 100, each with a column name of
 * its own (9.99 and 99.9 would share `latency_p999_us`).
 */
export function parsePercentiles(text: string): number[] {
  const byColumn = new Map<string, number>(FIXED_PERCENTILES.map((p) => [percentileColumn(p), p]));
  const out: number[] = [];
  for (const item of text.split(',')) {
    const p = Number(item.trim());
    if (item.trim() === '' || !Number.isFinite(p) || p <= 0 || p > 100) {
      throw new SpecError('--percentiles', `must be a list of percentiles above 0 and at most 100, e.g. 50,90,99,99.9; got ${JSON.stringify(item)}`);
    }
    const column = percentileColumn(p);
    const other = byColumn.get(column);
    if (other !== undefined && other !== p) {
      throw new SpecError('--percentiles', `${p} and ${other} would share the column ${column}; leave one out`);
    }
    byColumn.set(column, p);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

function checkEach(flag: string, values: number[], max: number, what: string): number[] {
  const bad = values.find((v) => v > max);
  if (bad !== undefined) throw new SpecError(flag, `${what} at most ${max}; got ${bad}`);
  return values;
}

/**
 * Merges a preset with flags (flags win) and checks every value, naming the flag at fault.
 * @throws SpecError for any value outside its allowed form or range.
 */
export function planRun(preset: Preset | null, flags: RunFlags): RunPlan {
  const base: GridAxes = { ...DEFAULT_AXES, ...(preset?.axes ?? {}) };
  const axes: GridAxes = {
    models: flags.model === undefined ? base.models : parseModels(flags.model),
    strategies: flags.strategy === undefined ? base.strategies : parseNameList('--strategy', flags.strategy, STRATEGIES),
    buffers: flags.buffers === undefined ? base.buffers : checkEach('--buffers', parseNumberList('--buffers', flags.buffers, parseCount), MAX_BUFFERS, 'a message holds'),
    sizes: flags.sizes === undefined ? base.sizes : checkEach('--sizes', parseNumberList('--sizes', flags.sizes, parseByteSize), MAX_MESSAGE_BYTES, 'a buffer holds'),
    connections: flags.connections === undefined ? base.connections : parseNumberList('--connections', flags.connections, parseCount),
    depths: flags.depth === undefined ? base.depths : checkEach('--depth', parseNumberList('--depth', flags.depth, parseCount), MAX_DEPTH, 'operations in flight are'),
    recv: flags.recv === undefined ? base.recv : parseRecvList(flags.recv),
    modes: flags.mode === undefined ? base.modes : parseNameList('--mode', flags.mode, MODES),
    directions: parseDirections(flags, base.directions),
    nodelay: flags.nodelay === undefined ? base.nodelay : parseOnOffList('--nodelay', flags.nodelay),
    affinity: flags.affinity === undefined ? base.affinity : parseNameList('--affinity', flags.affinity, AFFINITIES),
  };
  const streamed = axes.directions.find((d) => d !== 'forward');
  if (streamed && axes.modes.includes('echo')) {
    throw new SpecError(`--${streamed}`, 'the server streams to the client: it goes with --mode sink, not echo');
  }
  for (const buffers of axes.buffers) {
    for (const size of axes.sizes) {
      if (buffers * size > MAX_MESSAGE_BYTES) {
        throw new SpecError('--sizes', `buffers × size must be at most ${MAX_MESSAGE_BYTES} bytes (64 MiB) a message (--buffers × --sizes); ${buffers} × ${size} is ${buffers * size}`);
      }
    }
  }

  if (flags.duration !== undefined && flags.bytes !== undefined) {
    throw new SpecError('--duration', 'give either --duration (a time slice per sample) or --bytes (a byte budget per sample), not both');
  }
  const budget: SampleBudget =
    flags.duration !== undefined
      ? { durationMs: parseDurationMs('--duration', flags.duration) }
      : flags.bytes !== undefined
        ? { bytes: parseByteSize('--bytes', flags.bytes) }
        : (preset?.sample ?? { durationMs: DEFAULT_SAMPLE_MS });

  const percentiles = flags.percentiles === undefined ? [] : parsePercentiles(flags.percentiles);
  if (percentiles.length > 0 && !axes.modes.includes('echo')) {
    throw new SpecError('--percentiles', 'applies to round trips: give --mode echo (or sink,echo); this sweep has no echo cells');
  }
  const peerName = (flags.peer ?? 'sgbench').trim() as Peer;
  if (!PEERS.includes(peerName)) throw new SpecError('--peer', `must be one of ${PEERS.join(', ')}; got ${JSON.stringify(flags.peer)}`);
  if (peerName === 'raw' && flags.target === undefined) {
    throw new SpecError('--peer', 'raw needs --target HOST:PORT: the server to load (the in-process server speaks the handshake)');
  }

  const samples = flags.samples === undefined ? (preset?.samples ?? DEFAULT_SAMPLES) : parseCount('--samples', flags.samples);
  if (samples < 2) throw new SpecError('--samples', `must be at least 2 (a relative error needs two samples); got ${samples}`);

  const timeoutMs = flags.timeout === undefined ? DEFAULT_TIMEOUT_MS : Math.ceil(parseDurationMs('--timeout', flags.timeout));
  if (timeoutMs > MAX_TIMEOUT_MS) throw new SpecError('--timeout', `must be at most ${MAX_TIMEOUT_MS / 3_600_000} h; got ${flags.timeout}`);
  const warmupMs = flags.warmup === undefined ? (preset?.warmupMs ?? DEFAULT_WARMUP_MS) : parseDurationMs('--warmup', flags.warmup, true);
  const longestSliceMs = Math.max(warmupMs, 'durationMs' in budget ? budget.durationMs : 0);
  if (longestSliceMs >= timeoutMs) {
    throw new SpecError('--timeout', `must be longer than a sample (--duration) and the warm-up (--warmup), here ${longestSliceMs} ms; got ${timeoutMs} ms`);
  }

  const rmeTargetPct = flags.rmeTarget === undefined ? (preset?.rmeTargetPct ?? null) : parsePercent('--rme-target', flags.rmeTarget);
  if (rmeTargetPct === null && flags.maxSamples !== undefined) {
    throw new SpecError('--max-samples', 'applies with --rme-target only (without it every cell takes exactly --samples samples); e.g. --rme-target 3 --max-samples 30');
  }
  const maxSamples =
    rmeTargetPct === null
      ? samples
      : flags.maxSamples === undefined
        ? Math.max(samples, preset?.maxSamples ?? 3 * samples)
        : parseCount('--max-samples', flags.maxSamples);
  if (maxSamples < samples) {
    throw new SpecError('--max-samples', `must be at least --samples (${samples}); got ${maxSamples}`);
  }

  return {
    preset: preset?.name ?? null,
    axes,
    budget: percentiles.length > 0 ? { ...budget, percentiles } : budget,
    samples,
    rmeTargetPct,
    maxSamples,
    warmupMs,
    verify: flags.verify ?? preset?.verify ?? false,
    threads: flags.threads === undefined ? 0 : parseCount('--threads', flags.threads, 0),
    shuffleSeed: flags.shuffle === undefined ? null : flags.shuffle === '' ? randomSeed() : seedFromText(flags.shuffle),
    target: flags.target === undefined ? null : parseTarget(flags.target),
    out: flags.out,
    quiet: flags.quiet ?? false,
    variant: flags.variant ?? '',
    timeoutMs,
    failFast: flags.failFast ?? false,
    percentiles,
    peer: peerName,
  };
}

function parseDirections(flags: RunFlags, preset: Direction[]): Direction[] {
  if (flags.reverse && flags.bidir) {
    throw new SpecError('--bidir', 'give either --reverse (the server sends) or --bidir (both send), not both');
  }
  if (flags.reverse) return ['reverse'];
  if (flags.bidir) return ['bidir'];
  return preset;
}

function parsePercent(flag: string, text: string): number {
  const value = Number(text.trim().replace(/%$/, ''));
  if (!Number.isFinite(value) || value <= 0 || text.trim() === '') {
    throw new SpecError(flag, `must be a percentage > 0, e.g. 3 or 2.5%; got ${JSON.stringify(text)}`);
  }
  return value;
}

function parseModels(text: string): GridAxes['models'] {
  if (text.trim() === 'available') return 'available';
  return parseNameList('--model', text, MODELS);
}

function randomSeed(): number {
  return Math.floor(Math.random() * 0xffffffff);
}
