/** `sgbench run [preset]`: sweep a grid of cells and write the cell and sample CSVs. */
import type { Argv, CommandModule } from 'yargs';
import { models, Server, Session } from '../../native.js';
import { newRunId, runEnvironment } from '../../env.js';
import { checkWritablePath, outputPaths } from '../../grid/output-paths.js';
import { planRun, type RunFlags, type RunPlan } from '../../grid/plan.js';
import { loadPreset, PRESETS } from '../../grid/presets.js';
import { checkCells, estimateSweepMs, orderedCells, resolveModels, runSweep, type SweepNative, type SweepOutcome } from '../../runner/sweep.js';
import { LineProgress, QuietProgress, TerminalProgress, type Progress } from '../../runner/progress.js';
import { summaryLines } from '../../runner/summary.js';
import { formatDuration } from '../../runner/format.js';
import { STEAL_WARN_FRACTION } from '../../constants.js';
import { EXIT } from '../exit-codes.js';
import { ModelUnavailableError, SpecError } from '../../errors.js';
import type { ModelInfo } from '../../types.js';
import { writeReport } from '../../report/index.js';

/** results/x.csv → results/x.html; results/<run>.cells.csv → results/<run>.html */
function reportPathBeside(cellsPath: string): string {
  return cellsPath.replace(/(\.cells)?\.csv$/, '') + '.html';
}

/** `run` arguments as yargs hands them over: text until the grid parser reads it. */
export interface RunArgs extends Omit<RunFlags, 'nodelay' | 'shuffle'> {
  preset?: string;
  nodelay?: string | boolean;
  shuffle?: string | boolean;
  /** Also write the HTML report: to this path, or beside the cell CSV when given without one. */
  report?: string;
}

/** The addon behind a sweep. */
const nativeSweep: SweepNative = {
  models,
  openSession: (spec) => Session.open(spec),
  startServer: ({ host, cpu }) => Server.start({ host, port: 0, cpu }),
};

const RUN_OPTIONS = {
  buffers: { alias: 'b', describe: 'Buffers per message, N: 1,2,4 or 1..64 (doubling) or 1..16+1 (linear)' },
  sizes: { alias: 's', describe: 'Bytes per buffer: 64,4k,64KiB or 64..64k' },
  connections: { alias: 'c', describe: 'TCP connections: 1,4,16 or 1..16' },
  strategy: { describe: 'gather, coalesce, sequential (comma-separated) or all' },
  model: { describe: 'I/O models (see `sgbench models`), all, or available' },
  depth: { describe: 'Operations in flight per connection: 1,4' },
  recv: { describe: 'Receive shape: mirror or single:BYTES (comma-separated to sweep)' },
  mode: { describe: 'sink (one way) or echo (round trips, latency percentiles); sink,echo sweeps both' },
  nodelay: { describe: 'TCP_NODELAY: on, off or on,off' },
  affinity: { describe: 'CPU placement: none, same (client and server on CPU 0), split (0 and 1); a list sweeps' },
  duration: { describe: 'Per sample: a time slice, e.g. 250ms or 0.5s (default 250ms)' },
  bytes: { describe: 'Per sample: a byte budget instead of a time slice, e.g. 256M' },
  samples: { alias: 'n', describe: 'Samples per cell (default 10); with --rme-target, the least' },
  'rme-target': { describe: 'Keep sampling a cell until its relative margin of error is at most this, e.g. 3 (percent)' },
  'max-samples': { describe: 'Most samples per cell with --rme-target (default 3 × --samples)' },
  warmup: { describe: 'Warm-up per cell before sampling, e.g. 250ms; 0 for none' },
  threads: { describe: 'Client threads for the event-driven models; 0 = automatic' },
  shuffle: { describe: 'Run cells in a random order from this seed (a seed is picked and printed if none given)' },
  target: { describe: 'HOST:PORT of a running `sgbench serve` instead of the in-process server' },
  out: { alias: 'o', describe: 'Cell CSV path; samples go next to it (x.csv → x.samples.csv). Default results/<run_id>.*.csv' },
  variant: { describe: 'A label recorded on every row, e.g. a build or a setting under test' },
  percentiles: { describe: 'Echo mode: latency percentiles to report, e.g. 50,90,99,99.9 (p50, p99, p99.9 always; others add columns)' },
  peer: { describe: 'sgbench (the harness server, default) or raw: any TCP server at --target, no handshake' },
  timeout: { describe: 'A sample (or connecting a cell) that makes no progress this long fails with ETIMEDOUT, e.g. 10s (default 30s)' },
} as const;

function withOptions(y: Argv<object>): Argv<RunArgs> {
  let out = y.positional('preset', {
    type: 'string',
    describe: `Preset: ${Object.keys(PRESETS).join(', ')}, or a path to a preset module`,
  }) as Argv<object>;
  for (const [name, spec] of Object.entries(RUN_OPTIONS)) {
    out = out.option(name, { type: 'string', requiresArg: !['shuffle', 'nodelay'].includes(name), ...spec });
  }
  return out
    .option('verify', { type: 'boolean', describe: 'Check every received byte against its stream-offset pattern' })
    .option('reverse', { alias: 'R', type: 'boolean', describe: 'The server sends and the client receives, with its model, into its receive shape (as iperf3 -R)' })
    .option('bidir', { type: 'boolean', describe: 'Both send at once on every connection (as iperf3 --bidir); bytes count both directions' })
    .option('fail-fast', { type: 'boolean', describe: 'Stop after the first failed cell (default: record it in the errors column and go on)' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress and no summary; only warnings, failures and the file names' })
    .option('report', { type: 'string', describe: 'Also write the HTML report (`sgbench report`): to this path, or beside the cell CSV as .html' })
    .example('$0 run', 'the default preset (same as `npm run bench`)')
    .example('$0 run quick', 'a smoke sweep of under a minute')
    .example('$0 run --buffers 1..64 --sizes 64,4k --connections 1,4 --strategy gather,coalesce', 'a grid of your own')
    .example('$0 run --buffers 1..16+1 --sizes 1k --strategy gather', 'a linear sweep of buffer counts')
    .example('$0 run default --shuffle 42 --out results/nightly.csv', 'interleaved order, fixed file names')
    .example('$0 run quick --target 10.0.0.2:7100', 'against `sgbench serve` on another host')
    .example('$0 run --buffers 16 --sizes 4k --reverse', 'scatter receives: the server sends, the client reads into 16 buffers')
    .example('$0 run quick --report', 'and the HTML report beside the CSVs') as Argv<RunArgs>;
}

function toFlags(argv: RunArgs): RunFlags {
  const { preset: _preset, nodelay, shuffle, report: _report, 'fail-fast': _failFast, ...rest } = argv as RunArgs & { 'fail-fast'?: boolean };
  for (const name of Object.keys(RUN_OPTIONS)) {
    // yargs turns a repeated flag into an array; a list is written once, comma-separated.
    const value: unknown = (argv as Record<string, unknown>)[name];
    if (Array.isArray(value)) throw new SpecError(`--${name}`, `given ${value.length} times; give it once, as one list (e.g. 1,2,4)`);
  }
  const flags: RunFlags = { ...rest };
  if (nodelay !== undefined) flags.nodelay = nodelay === true ? 'on' : nodelay === false ? 'off' : nodelay;
  if (shuffle !== undefined) flags.shuffle = shuffle === true ? '' : shuffle === false ? undefined : shuffle;
  if (flags.shuffle === undefined) delete flags.shuffle;
  return flags;
}

/** A model named with --model that this platform or kernel cannot run (still exit 3, never replaced). */
class UnavailableModelFlag extends ModelUnavailableError {
  constructor(err: ModelUnavailableError, offered: readonly ModelInfo[]) {
    super(err.model, err.reason);
    const available = offered.filter((m) => m.state === 'available').map((m) => m.model);
    this.message =
      `--model: ${err.model} is unavailable here (${err.reason}); ` +
      `must be one of the available models: ${available.join(', ') || 'none'} (see sgbench models), or available`;
  }
}

function resolveModelsNamingFlag(requested: RunPlan['axes']['models'], offered: readonly ModelInfo[]): ReturnType<typeof resolveModels> {
  try {
    return resolveModels(requested, offered);
  } catch (err) {
    throw err instanceof ModelUnavailableError ? new UnavailableModelFlag(err, offered) : err;
  }
}

function describeBudget(plan: RunPlan): string {
  const each = 'durationMs' in plan.budget ? `${plan.budget.durationMs} ms` : `${plan.budget.bytes} bytes`;
  const warm = plan.warmupMs > 0 ? ` after a ${plan.warmupMs} ms warm-up` : '';
  const count =
    plan.rmeTargetPct === null ? `${plan.samples} samples` : `${plan.samples} to ${plan.maxSamples} samples (until rme ≤ ${plan.rmeTargetPct}%)`;
  return `${count} of ${each} a cell${warm}`;
}

/** Stops the sweep on the first SIGINT/SIGTERM; a second one exits at once (the files stay valid). */
function abortOnSignals(controller: AbortController): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
    controller.abort(signal);
    // If a native call does not honour the cancel, do not hang: the rows on disk are complete.
    setTimeout(() => process.exit(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated), 10_000).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

function exitCodeOf(outcome: SweepOutcome): number {
  if (outcome.interrupted === 'SIGINT') return EXIT.interrupted;
  if (outcome.interrupted !== null) return EXIT.terminated;
  return outcome.cellsFailed > 0 ? EXIT.failed : EXIT.ok;
}

/** Runs `sgbench run` with parsed arguments and returns the exit code. */
export async function runCommandHandler(argv: RunArgs, native: SweepNative = nativeSweep): Promise<number> {
  const preset = await loadPreset(argv.preset ?? 'default');
  const plan = planRun(preset, toFlags(argv));
  if (Array.isArray(argv.report)) throw new SpecError('--report', `given ${(argv.report as unknown[]).length} times; give it once`);
  const offered = native.models();
  const models = resolveModelsNamingFlag(plan.axes.models, offered);
  const cells = orderedCells(plan, models.run);
  checkCells(plan, cells);

  const startedAt = new Date();
  const runId = newRunId(startedAt);
  const paths = outputPaths(plan.out, runId);
  if (plan.out !== undefined) {
    const form = 'a CSV path (x.csv writes x.csv and x.samples.csv)';
    checkWritablePath('--out', plan.out.trim() === '' ? plan.out : paths.cells, form);
    checkWritablePath('--out', paths.samples, form);
  }
  if (argv.report) checkWritablePath('--report', argv.report, 'an HTML file path');
  const err = process.stderr;
  const estimate = estimateSweepMs(plan, cells.length);
  for (const s of models.skipped) err.write(`note: skipping model ${s.model}: ${s.reason}\n`);
  if (!plan.quiet) {
    err.write(
      `sgbench run ${plan.preset ?? ''}: ${cells.length} cells, ${describeBudget(plan)}; ` +
        `estimated ${estimate === null ? 'after the first cell' : formatDuration(estimate)}\n`,
    );
    if (plan.shuffleSeed !== null) err.write(`order: shuffled with seed ${plan.shuffleSeed} (--shuffle ${plan.shuffleSeed} repeats it)\n`);
    err.write(`server: ${plan.target ? `${plan.target.host}:${plan.target.port}` : 'in-process on 127.0.0.1'}\n`);
    err.write(`writing ${paths.cells} and ${paths.samples}\n`);
  }
  const progress: Progress = plan.quiet
    ? new QuietProgress(err)
    : err.isTTY
      ? new TerminalProgress(err, cells.length, estimate)
      : new LineProgress(err, cells.length, estimate);

  const controller = new AbortController();
  const releaseSignals = abortOnSignals(controller);
  let outcome: SweepOutcome;
  try {
    outcome = await runSweep({
      plan,
      cells,
      models: offered,
      paths,
      native,
      progress,
      signal: controller.signal,
      context: {
        runId,
        startedAt: startedAt.toISOString(),
        env: runEnvironment(),
        preset: plan.preset,
        variant: plan.variant,
        budget: plan.budget,
        verify: plan.verify,
        peer: plan.peer,
        percentiles: plan.percentiles,
        threads: plan.threads,
      },
    });
  } finally {
    releaseSignals();
  }

  const out = process.stdout;
  if (!plan.quiet) {
    out.write(summaryLines(outcome.measured).join('\n') + '\n');
    if (outcome.nativeWallNs > 0) {
      const diff = (100 * (outcome.observedNs - outcome.nativeWallNs)) / outcome.nativeWallNs;
      out.write(
        `\ntiming: tinybench's clock saw ${diff >= 0 ? '+' : ''}${diff.toFixed(2)}% against the native wall time over all samples ` +
          `(largest for one cell ${outcome.worstCellTimingDiffPct.toFixed(2)}%)\n`,
      );
    }
    if (outcome.stealWarnings > 0) {
      out.write(`steal time above ${STEAL_WARN_FRACTION * 100}% in ${outcome.stealWarnings} cells: see the steal_pct column\n`);
    }
  }
  if (outcome.interrupted !== null) {
    err.write(
      `interrupted by ${outcome.interrupted} after ${outcome.cellsMeasured + outcome.cellsFailed} of ${outcome.cellsPlanned} cells; finished rows kept\n`,
    );
  }
  if (outcome.cellsFailed > 0) err.write(`${outcome.cellsFailed} cells failed: see the errors column\n`);
  out.write(`cells:   ${paths.cells}\nsamples: ${paths.samples}\n`);
  if (argv.report !== undefined && outcome.cellsMeasured > 0) {
    const written = writeReport(paths.cells, argv.report || reportPathBeside(paths.cells), { samplesPath: paths.samples });
    for (const w of written.warnings) err.write(`warning: ${w}\n`);
    out.write(`report:  ${written.outPath}\n`);
  }
  return exitCodeOf(outcome);
}

const runCommand: CommandModule<object, RunArgs> = {
  command: 'run [preset]',
  describe: 'Sweep a grid of cells (a preset, overridden by flags) and write CSV results',
  builder: withOptions,
  handler: async (argv) => {
    process.exitCode = await runCommandHandler(argv);
  },
};

export default runCommand;
