/**
 * `sgbench compare BASE NEW` and `sgbench compare --ab FILE…`: the regression gate for CI.
 * Exit codes: 0 no regression, 1 regression confirmed, 2 bad or incomplete input, 3 inconclusive
 * with --strict (see docs/compare.md).
 */
import { appendFile } from 'node:fs/promises';
import type { CommandModule } from 'yargs';
import { SpecError } from '../../errors.js';
import { checkWritablePath } from '../../grid/output-paths.js';
import { checkInputFile } from '../input-file.js';
import { compareAb } from '../../compare/compare-ab.js';
import { compareRuns } from '../../compare/compare-runs.js';
import { COMPARE_EXIT, exitCodeForOutcome } from '../../compare/exit-code.js';
import { formatJson } from '../../compare/format-json.js';
import { formatMarkdown } from '../../compare/format-markdown.js';
import { formatTable } from '../../compare/format-table.js';
import { CompareInputError } from '../../compare/input-error.js';
import { METRICS, parseMetric, type MetricName } from '../../compare/metrics.js';
import { readSampleFile } from '../../compare/sample-file.js';
import { defaultSettings, type CompareSettings } from '../../compare/settings.js';

/** `compare` flags as yargs hands them over. */
export interface CompareArgs {
  base?: string;
  new?: string;
  ab?: string[];
  baseVariant?: string;
  newVariant?: string;
  metric?: string[];
  threshold?: string[];
  /** Numbers; the command line hands them over as typed, and `settingsFrom` reads and checks them. */
  alpha?: number | string;
  suiteThreshold?: number | string;
  noisyCv?: number | string;
  seed?: number | string;
  markdown?: boolean;
  json?: boolean;
  summary?: string;
  strict?: boolean;
}

/** Where the command writes; the CLI passes the process streams. */
export interface CompareIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/**
 * Runs a comparison and returns its exit code. Input problems print `Error: FILE: problem` and
 * return 2; bad flag values throw `SpecError` (also exit 2 through the CLI).
 */
export async function runCompare(args: CompareArgs, io: CompareIo): Promise<number> {
  const settings = settingsFrom(args);
  if (args.markdown && args.json) throw new SpecError('--json', 'choose one of --markdown and --json');
  checkVariants(args);
  if (args.summary !== undefined) checkWritablePath('--summary', args.summary, 'a Markdown file path (e.g. $GITHUB_STEP_SUMMARY)');
  try {
    let report;
    if (args.ab !== undefined) {
      if (args.base !== undefined || args.new !== undefined) {
        throw new SpecError('--ab', 'takes the A/B sample files itself; do not also give BASE and NEW');
      }
      if (args.ab.length === 0) throw new SpecError('--ab', 'needs at least one sample file');
      for (const path of args.ab) checkInputFile('--ab', path);
      const files = [];
      for (const path of args.ab) files.push(await readSampleFile(path));
      report = compareAb(files, { base: args.baseVariant, next: args.newVariant }, settings);
    } else {
      if (args.base === undefined || args.new === undefined) {
        throw new SpecError('compare', 'needs BASE and NEW sample files (or --ab FILE…); e.g. sgbench compare results/baseline/quick.samples.csv results/quick.samples.csv');
      }
      if (args.baseVariant !== undefined || args.newVariant !== undefined) {
        throw new SpecError('--base-variant', 'only applies with --ab');
      }
      const [base, next] = await Promise.all([readSampleFile(args.base), readSampleFile(args.new)]);
      report = compareRuns(base, next, settings);
    }
    const code = exitCodeForOutcome(report.outcome, args.strict ?? false);
    if (args.json) io.out(formatJson(report, code));
    else if (args.markdown) io.out(formatMarkdown(report));
    else io.out(formatTable(report));
    if (args.summary) await appendFile(args.summary, formatMarkdown(report));
    return code;
  } catch (err) {
    if (err instanceof CompareInputError) {
      io.err(`Error: ${err.message}\n`);
      return COMPARE_EXIT.badInput;
    }
    throw err;
  }
}

/** Turns the flags into settings, naming the flag of any bad value. */
export function settingsFrom(args: CompareArgs): CompareSettings {
  const s = defaultSettings();
  if (args.metric && args.metric.length > 0) {
    const names = args.metric.flatMap((m) => m.split(',')).map((m) => {
      const name = parseMetric(m);
      if (!name) throw new SpecError('--metric', `must be bytes or cpu (or ${METRICS.join(', ')}); got ${JSON.stringify(m)}`);
      return name;
    });
    s.metrics = [...new Set(names)];
  }
  for (const item of (args.threshold ?? []).flatMap((t) => String(t).split(','))) {
    const m = /^\s*(?:([a-z_]+)\s*=\s*)?([0-9.]+)\s*%?\s*$/i.exec(item);
    const percent = m ? Number(m[2]) : Number.NaN;
    const metric = m?.[1] === undefined ? undefined : parseMetric(m[1]);
    if (!m || !(percent > 0 && percent < 100) || (m[1] !== undefined && !metric)) {
      throw new SpecError('--threshold', `must be a percentage in (0, 100), optionally per metric (bytes=10, cpu=7); got ${JSON.stringify(item)}`);
    }
    const targets: MetricName[] = metric ? [metric] : s.metrics;
    for (const t of targets) s.thresholds[t] = percent / 100;
  }
  if (args.alpha !== undefined) s.alpha = numberFlag('--alpha', args.alpha, 'must be in (0, 1), e.g. 0.05', (v) => v > 0 && v < 1);
  if (args.suiteThreshold !== undefined) {
    s.suiteThreshold = numberFlag('--suite-threshold', args.suiteThreshold, 'must be a percentage in [0, 100)', (v) => v >= 0 && v < 100) / 100;
  }
  if (args.noisyCv !== undefined) s.noisyCv = numberFlag('--noisy-cv', args.noisyCv, 'must be a positive percentage', (v) => v > 0) / 100;
  if (args.seed !== undefined) s.seed = numberFlag('--seed', args.seed, 'must be an integer', Number.isInteger);
  return s;
}

/** A number flag as given (a number, or the text typed), checked by `ok`; `allowed` says what is allowed. */
function numberFlag(flag: string, value: number | string, allowed: string, ok: (v: number) => boolean): number {
  const n = typeof value === 'number' ? value : /^\s*[+-]?(?:\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!ok(n)) throw new SpecError(flag, `${allowed}; got ${typeof value === 'number' ? value : JSON.stringify(value)}`);
  return n;
}

/** The A/B variant flags, checked before any file is read. */
function checkVariants(args: CompareArgs): void {
  for (const [flag, value] of [['--base-variant', args.baseVariant], ['--new-variant', args.newVariant]] as const) {
    if (value !== undefined && value.trim() === '') throw new SpecError(flag, 'must be a variant label of the A/B files (e.g. A or B); got ""');
  }
  if (args.ab === undefined) return;
  if ((args.baseVariant === undefined) !== (args.newVariant === undefined)) {
    throw new SpecError(args.baseVariant === undefined ? '--base-variant' : '--new-variant', 'give both --base-variant and --new-variant, or neither (then the variants must be A and B)');
  }
  if (args.baseVariant !== undefined && args.baseVariant === args.newVariant) {
    throw new SpecError('--new-variant', `must differ from --base-variant: both are ${JSON.stringify(args.baseVariant)}`);
  }
}

const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare [base] [new]',
  describe: 'Gate on a throughput or CPU regression: NEW samples against BASE, or variants A/B of one job',
  builder: (y) =>
    y
      .positional('base', { type: 'string', describe: 'BASE sample CSV (e.g. results/baseline/quick.samples.csv)' })
      .positional('new', { type: 'string', describe: 'NEW sample CSV' })
      .option('ab', { type: 'string', array: true, requiresArg: true, describe: 'A/B mode: sample CSVs holding two variants measured alternately' })
      .option('base-variant', { type: 'string', requiresArg: true, describe: 'A/B: the baseline variant (default A)' })
      .option('new-variant', { type: 'string', requiresArg: true, describe: 'A/B: the candidate variant (default B)' })
      .option('metric', { type: 'string', array: true, requiresArg: true, describe: 'Metrics to gate on: bytes, cpu (default both)' })
      .option('threshold', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'Per-cell threshold τ in percent, for all metrics or per metric (bytes=10, cpu=7)',
      })
      .option('alpha', { type: 'string', requiresArg: true, describe: 'Family-wise significance level (default 0.05)' })
      .option('suite-threshold', { type: 'string', requiresArg: true, describe: 'Suite gate: geometric mean worse than this many percent (default 3)' })
      .option('noisy-cv', { type: 'string', requiresArg: true, describe: 'CV in percent above which a cell is noisy and its τ widens 1.5× (default 10)' })
      .option('seed', { type: 'string', requiresArg: true, describe: 'Bootstrap seed (default 1)' })
      .option('markdown', { type: 'boolean', describe: 'Print Markdown (for a CI step summary)' })
      .option('json', { type: 'boolean', describe: 'Print JSON' })
      .option('summary', { type: 'string', requiresArg: true, describe: 'Also append the Markdown report to this file (e.g. $GITHUB_STEP_SUMMARY)' })
      .option('strict', { type: 'boolean', describe: 'Exit 3 when the result is inconclusive' })
      .example('$0 compare results/baseline/quick.samples.csv results/quick.samples.csv', 'NEW against the committed baseline')
      .example('$0 compare --ab ab/*.samples.csv', 'variant B against variant A, measured alternately'),
  handler: async (argv) => {
    process.exitCode = await runCompare(argv, {
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
    });
  },
};

export default compareCommand;
