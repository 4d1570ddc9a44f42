/**
 * A sweep, start to end: resolve models, expand and order the grid, start the server, then per
 * cell open the connections, warm up, sample with tinybench, close, and append the cell's rows to
 * both CSV files before the next cell starts. An abort (Ctrl-C) cancels the running sample; the
 * rows of every finished cell stay and both files remain valid CSV.
 */
import { extraPercentileColumns } from '../csv/percentile-columns.js';
import { CELL_COLUMNS, SAMPLE_COLUMNS } from '../csv/schema.js';
import { CsvAppendWriter } from '../csv/writer.js';
import { ModelUnavailableError, NativeIoError, SpecError } from '../errors.js';
import { expandGrid, bufferSizes, type GridCell } from '../grid/cells.js';
import type { RunPlan } from '../grid/plan.js';
import { seededShuffle } from '../grid/shuffle.js';
import type { OutputPaths } from '../grid/output-paths.js';
import { validateCellSpec } from '../native.js';
import { STEAL_WARN_FRACTION } from '../constants.js';
import type { Affinity, CellSpec, ModelInfo, ModelName } from '../types.js';
import { cellStatistics, sampleBytesPerS } from './cell-statistics.js';
import { cellRow, sampleRows, type RunContext } from './csv-rows.js';
import { measureCell, type MeasuredSample, type Sampler } from './measure-cell.js';
import type { Progress } from './progress.js';
import { readCpuTicks, stealFraction } from './steal.js';
import type { SummaryCell } from './summary.js';

/** An open cell: samples on demand, cancellable, closed after the cell. */
export interface SweepSession extends Sampler {
  cancel(): void;
  close(): Promise<void>;
}

/** A server the sweep started. */
export interface SweepServer {
  readonly port: number;
  stop(): Promise<void>;
}

/** The native side of a sweep (the addon's `models`, `Session.open`, `Server.start`, or stand-ins). */
export interface SweepNative {
  models(): ModelInfo[];
  openSession(spec: CellSpec): Promise<SweepSession>;
  startServer(options: { host: string; cpu: number }): SweepServer;
}

/** The models a plan will run and the ones it skips (only with `models: 'available'`). */
export interface ResolvedModels {
  run: ModelName[];
  skipped: { model: ModelName; reason: string }[];
}

/**
 * Picks the models of a plan. `available` takes every available model and notes the others;
 * an explicitly requested model that is unavailable stops the run before it starts.
 * @throws ModelUnavailableError
 */
export function resolveModels(requested: RunPlan['axes']['models'], offered: readonly ModelInfo[]): ResolvedModels {
  if (requested === 'available') {
    return {
      run: offered.filter((m) => m.state === 'available').map((m) => m.model),
      skipped: offered.flatMap((m) => (m.state === 'unavailable' ? [{ model: m.model, reason: m.reason }] : [])),
    };
  }
  for (const model of requested) {
    const info = offered.find((m) => m.model === model);
    if (!info) throw new ModelUnavailableError(model, 'not a model of this build');
    if (info.state === 'unavailable') throw new ModelUnavailableError(model, info.reason);
  }
  return { run: [...requested], skipped: [] };
}

/** The cells of a plan in the order they will run. */
export function orderedCells(plan: RunPlan, models: ModelName[]): GridCell[] {
  const cells = expandGrid({ ...plan.axes, models });
  return plan.shuffleSeed === null ? cells : seededShuffle(cells, plan.shuffleSeed);
}

/** Rough duration of a sweep with a time budget (null with a byte budget: unknown until measured). */
export function estimateSweepMs(plan: RunPlan, cellCount: number): number | null {
  if (!('durationMs' in plan.budget)) return null;
  // Connecting, handshakes and closing: measured at some tens of ms a cell on loopback.
  const setupMs = 40;
  return cellCount * (setupMs + plan.warmupMs + plan.samples * plan.budget.durationMs);
}

/** The spec the native core runs for a cell. */
export function cellSpec(plan: RunPlan, cell: GridCell, host: string, port: number): CellSpec {
  return validateCellSpec({
    model: cell.model,
    strategy: cell.strategy,
    buffers: bufferSizes(cell),
    recv: cell.recv,
    connections: cell.connections,
    depth: cell.depth,
    mode: cell.mode,
    direction: cell.direction,
    verify: plan.verify,
    nodelay: cell.nodelay,
    affinity: cell.affinity,
    threads: plan.threads,
    host,
    port,
    peer: plan.peer,
    timeoutMs: plan.timeoutMs,
  });
}

/** Checks every cell's spec before anything runs, so a bad combination fails fast and names its flag. */
export function checkCells(plan: RunPlan, cells: readonly GridCell[]): void {
  for (const cell of cells) {
    try {
      cellSpec(plan, cell, '127.0.0.1', 1);
    } catch (err) {
      if (err instanceof SpecError) throw new SpecError(`--${err.field.replace(/\[\d+\]$/, '')}`, `${err.message.replace(/^[^:]+: /, '')} (cell ${cell.key})`);
      throw err;
    }
  }
}

/** How a sweep ended. */
export interface SweepOutcome {
  cellsPlanned: number;
  cellsMeasured: number;
  cellsFailed: number;
  /** The reason passed to `abort` (e.g. `SIGINT`), or null when every cell ran. */
  interrupted: string | null;
  measured: SummaryCell[];
  /** Σ tinybench-clock time and Σ native wall time of all samples, for the runner's overhead. */
  observedNs: number;
  nativeWallNs: number;
  /** Largest per-cell relative difference of the two, in percent. */
  worstCellTimingDiffPct: number;
  /** Cells whose steal time exceeded the warning threshold. */
  stealWarnings: number;
}

export interface SweepOptions {
  plan: RunPlan;
  cells: GridCell[];
  models: ModelInfo[];
  paths: OutputPaths;
  context: RunContext;
  native: SweepNative;
  progress: Progress;
  signal: AbortSignal;
}

function abortReason(signal: AbortSignal): string {
  return typeof signal.reason === 'string' ? signal.reason : 'aborted';
}

function describeError(err: unknown): string {
  if (err instanceof NativeIoError) return `${err.code} ${err.syscall}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** Runs the cells in order; see the module comment. Never throws for a failing cell: it records it. */
export async function runSweep(o: SweepOptions): Promise<SweepOutcome> {
  const { plan, cells, progress, signal } = o;
  const outcome: SweepOutcome = {
    cellsPlanned: cells.length,
    cellsMeasured: 0,
    cellsFailed: 0,
    interrupted: null,
    measured: [],
    observedNs: 0,
    nativeWallNs: 0,
    worstCellTimingDiffPct: 0,
    stealWarnings: 0,
  };
  const extra = extraPercentileColumns(o.context.percentiles ?? []);
  const cellFile = CsvAppendWriter.create<string>(o.paths.cells, [...CELL_COLUMNS, ...extra]);
  const sampleFile = CsvAppendWriter.create<string>(o.paths.samples, [...SAMPLE_COLUMNS, ...extra]);
  const servers = new Map<Affinity, SweepServer>();
  const serverFor = (affinity: Affinity): { host: string; port: number } => {
    if (plan.target) return plan.target;
    let server = servers.get(affinity);
    if (!server) {
      // The in-process server shares the core with the client (same) or takes the other one (split).
      const cpu = affinity === 'same' ? 0 : affinity === 'split' ? 1 : -1;
      server = o.native.startServer({ host: '127.0.0.1', cpu });
      servers.set(affinity, server);
    }
    return { host: '127.0.0.1', port: server.port };
  };
  const backendOf = (model: ModelName) => o.models.find((m) => m.model === model)?.mechanism ?? '';

  try {
    for (const [index, cell] of cells.entries()) {
      if (signal.aborted) break;
      progress.cellStarted(index, cell);
      const { host, port } = serverFor(cell.affinity);
      const stealBefore = readCpuTicks();
      const samples: MeasuredSample[] = [];
      const open: { session: SweepSession | null } = { session: null };
      const cancel = () => open.session?.cancel();
      signal.addEventListener('abort', cancel);
      try {
        const session = (open.session = await o.native.openSession(cellSpec(plan, cell, host, port)));
        if (signal.aborted) break;
        const m = await measureCell(session, {
          budget: plan.budget,
          samples: plan.samples,
          rmeTargetPct: plan.rmeTargetPct,
          maxSamples: plan.maxSamples,
          warmupMs: plan.warmupMs,
          signal,
          onSample: (s) => {
            samples.push(s);
            progress.sampleFinished(sampleBytesPerS(s.counters));
          },
        });
        const steal = stealFraction(stealBefore, readCpuTicks());
        const stats = cellStatistics(m.samples.map((s) => s.counters), m.throughput);
        sampleFile.append(sampleRows(o.context, cell, backendOf(cell.model), m.samples));
        cellFile.append([cellRow(o.context, cell, backendOf(cell.model), { state: 'measured', stats, stealFraction: steal })]);
        outcome.cellsMeasured++;
        outcome.measured.push({ cell, stats });
        const observed = m.samples.reduce((a, s) => a + s.observedNs, 0);
        const wall = m.samples.reduce((a, s) => a + s.counters.wallNs, 0);
        outcome.observedNs += observed;
        outcome.nativeWallNs += wall;
        outcome.worstCellTimingDiffPct = Math.max(outcome.worstCellTimingDiffPct, (100 * Math.abs(observed - wall)) / wall);
        progress.cellFinished(index, cell, { bytesPerS: stats.bytesPerS, rmePct: stats.rmePct, error: null });
        if (steal !== null && steal > STEAL_WARN_FRACTION) {
          outcome.stealWarnings++;
          progress.warn(
            `steal time was ${(steal * 100).toFixed(1)}% during ${cell.key}: another guest took CPU from this VM; ` +
              'rerun on a quieter host or compare only runs with low steal_pct',
          );
        }
      } catch (err) {
        if (signal.aborted) break;
        const error = describeError(err);
        cellFile.append([
          cellRow(o.context, cell, backendOf(cell.model), {
            state: 'failed',
            error,
            samplesDone: samples.length,
            stealFraction: stealFraction(stealBefore, readCpuTicks()),
          }),
        ]);
        outcome.cellsFailed++;
        progress.cellFinished(index, cell, { bytesPerS: null, rmePct: null, error });
        if (plan.failFast) break;
      } finally {
        signal.removeEventListener('abort', cancel);
        // A session that failed to close must not hide the cell's own result.
        await open.session?.close().catch(() => undefined);
      }
    }
  } finally {
    progress.end();
    cellFile.close();
    sampleFile.close();
    await Promise.allSettled([...servers.values()].map((s) => s.stop()));
  }
  if (signal.aborted) outcome.interrupted = abortReason(signal);
  return outcome;
}
