/**
 * Every flag of every command, given an out-of-range, a malformed and (where two flags can
 * disagree) a contradictory value, is refused before anything starts: exit 2 (3 for a model the
 * platform lacks, as documented), one line on stderr naming the flag and what it allows, no stack
 * trace, nothing on stdout.
 *
 * The addon's Server.start and Session.open are replaced by stand-ins that record the call and
 * throw: a value that slipped through validation shows up as a reached server or session, never as
 * a listening socket or a sweep. `models()` lists every model, completion-port unavailable as the
 * probe reports it on a kernel that refuses io_uring (no model name is missing on either platform).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs, { type Argv, type CommandModule } from 'yargs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import runCommand from '../src/cli/commands/run.js';
import serveCommand from '../src/cli/commands/serve.js';
import compareCommand from '../src/cli/commands/compare.js';
import reportCommand from '../src/cli/commands/report.js';
import adviseCommand from '../src/cli/commands/advise.js';
import modelsCommand from '../src/cli/commands/models.js';
import { cli } from './helpers/in-process-cli.js';

const guard = vi.hoisted(() => ({ reached: [] as string[] }));
const LACKING_MODEL = 'completion-port';

vi.mock('../src/native.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../src/native.js')>();
  const { MODELS } = await import('../src/types.js');
  return {
    ...actual,
    // What the probe reports on a Linux kernel that refuses io_uring for this model; the others available.
    // (Every model name exists on both platforms: none is missing from the list itself.)
    models: () =>
      MODELS.map((model) =>
        model === LACKING_MODEL
          ? { model, state: 'unavailable' as const, mechanism: 'io_uring', reason: 'io_uring_setup failed: EPERM (kernel.io_uring_disabled)' }
          : { model, state: 'available' as const, mechanism: 'stand-in', depth: true },
      ),
    Server: {
      start: (opts: unknown) => {
        guard.reached.push(`Server.start ${JSON.stringify(opts)}`);
        throw new Error('a server was about to listen: validation let a bad value through');
      },
    },
    Session: {
      open: (spec: unknown) => {
        guard.reached.push(`Session.open ${JSON.stringify(spec)}`);
        return Promise.reject(new Error('a cell was about to be measured: validation let a bad value through'));
      },
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'sgbench-bad-flags-'));
/** A regular file: nothing can be written under it. */
const FILE = join(dir, 'a-file');
writeFileSync(FILE, 'not a folder\n');
/** A directory where a file is expected. */
const DIR_CSV = join(dir, 'a-dir.csv');
mkdirSync(DIR_CSV);
/** Where a `run` case would write if it ever got that far (it must not). */
const NEVER = join(dir, 'never');
const MISSING = join(dir, 'missing.samples.csv');
const UNDER_FILE = join(FILE, 'x.csv');

/** One bad invocation. `flag` is the flag the line must start with, when not the one under test. */
interface Case {
  args: string[];
  says: RegExp;
  flag?: string;
  code?: number;
}

/** The cases of one flag; `null` with a reason where no value of that kind exists. */
interface FlagCases {
  /** A value outside the allowed range or set. */
  outOfRange: Case[] | { none: string };
  /** A value that is not of the flag's form. */
  malformed: Case[];
  /** A value that disagrees with another flag. */
  contradictory?: Case[] | { none: string };
  /** A switch (boolean): `--flag=maybe` is added as a malformed case. */
  switch?: boolean;
  /** The value may be left out (`--shuffle`, `--nodelay`): no missing-value cases. */
  optionalValue?: boolean;
}

const c = (args: string[], says: RegExp, more: Partial<Case> = {}): Case => ({ args, says, ...more });
const RANGE_NONE = { none: 'a list of names: a name outside the set is the malformed case' };

/** `run` flags; every case writes (if it ever wrote) under NEVER. */
const RUN: Record<string, FlagCases> = {
  buffers: {
    outOfRange: [c(['--buffers', '0'], /whole number ≥ 1/), c(['--buffers', '1025'], /at most 1024/)],
    malformed: [c(['--buffers', '1,x'], /whole number ≥ 1/), c(['--buffers', '8..2'], /range must go upwards/)],
    contradictory: [c(['--buffers', '1024', '--sizes', '128k'], /at most 67108864 bytes \(64 MiB\) a message/, { flag: '--sizes' })],
  },
  sizes: {
    outOfRange: [c(['--sizes', '-1'], /whole number of bytes/), c(['--sizes', '0'], /at least 1 byte/), c(['--sizes', '65M'], /at most 67108864/)],
    malformed: [c(['--sizes', '4kb'], /whole number of bytes, optionally with a unit/)],
    contradictory: [c(['--sizes', '1M', '--buffers', '65'], /at most 67108864 bytes \(64 MiB\) a message \(--buffers × --sizes\)/)],
  },
  connections: {
    outOfRange: [c(['--connections', '0'], /whole number ≥ 1/), c(['--connections', '100001'], /from 1 to 100000/)],
    malformed: [c(['--connections', 'four'], /whole number ≥ 1/)],
    contradictory: { none: 'any connection count goes with any other flag' },
  },
  strategy: {
    outOfRange: [c(['--strategy', 'scatter'], /one or more of gather, coalesce, sequential/)],
    malformed: [c(['--strategy', 'gather,,coalesce'], /one or more of gather, coalesce, sequential/)],
    contradictory: { none: 'every strategy goes with every other flag' },
  },
  model: {
    outOfRange: [
      c(['--model', 'nosuch'], /one or more of blocking, readiness, overlapped-event, overlapped-callback, completion-port/),
      // A model the platform lacks: exit 3, as docs/running.md and docs/reliability.md document.
      c(['--model', LACKING_MODEL], /completion-port is unavailable here \(io_uring_setup failed: EPERM.*\); must be one of the available models: blocking, readiness/, { code: 3 }),
    ],
    malformed: [c(['--model', 'blocking;readiness'], /one or more of blocking/)],
    contradictory: { none: 'models combine with every other flag (an unavailable one is the out-of-range case)' },
  },
  depth: {
    outOfRange: [c(['--depth', '0'], /whole number ≥ 1/), c(['--depth', '257'], /at most 256/)],
    malformed: [c(['--depth', '1.5'], /whole number ≥ 1/)],
    contradictory: { none: 'depth applies to every model and mode' },
  },
  recv: {
    outOfRange: [c(['--recv', 'single:0'], /at least 1 byte/), c(['--recv', 'single:65M'], /from 1 to 67108864/)],
    malformed: [c(['--recv', 'half'], /mirror or single:BYTES/), c(['--recv', 'single:'], /mirror or single:BYTES/)],
    contradictory: [c(['--recv', 'single:64', '--mode', 'echo', '--sizes', '4k'], /in echo mode the receive buffer must hold a whole message/)],
  },
  mode: {
    outOfRange: [c(['--mode', 'duplex'], /one or more of sink, echo/)],
    malformed: [c(['--mode', 'sink,,echo'], /one or more of sink, echo/)],
    contradictory: [c(['--mode', 'sink', '--percentiles', '90'], /give --mode echo/, { flag: '--percentiles' })],
  },
  nodelay: {
    outOfRange: [c(['--nodelay', '2'], /on, off or on,off/)],
    malformed: [c(['--nodelay', 'maybe'], /on, off or on,off/)],
    contradictory: { none: 'TCP_NODELAY goes with every other flag' },
    optionalValue: true,
  },
  affinity: {
    outOfRange: [c(['--affinity', 'both'], /one or more of none, same, split/)],
    malformed: [c(['--affinity', 'none,,split'], /one or more of none, same, split/)],
    contradictory: { none: 'placement goes with every other flag' },
  },
  duration: {
    outOfRange: [c(['--duration', '0'], /milliseconds, optionally with a unit: 250, 250ms, 0.5s \(> 0\)/)],
    malformed: [c(['--duration', '1min'], /milliseconds, optionally with a unit/)],
    contradictory: [
      c(['--duration', '1s', '--bytes', '1M'], /give either --duration .* or --bytes .*, not both/),
      c(['--duration', '40s'], /must be longer than a sample \(--duration\) and the warm-up \(--warmup\)/, { flag: '--timeout' }),
    ],
  },
  bytes: {
    outOfRange: [c(['--bytes', '0'], /at least 1 byte/)],
    malformed: [c(['--bytes', 'lots'], /whole number of bytes/)],
    contradictory: [c(['--bytes', '1M', '--duration', '1s'], /give either --duration .* or --bytes .*, not both/, { flag: '--duration' })],
  },
  samples: {
    outOfRange: [c(['--samples', '1'], /at least 2/), c(['--samples', '0'], /whole number ≥ 1/)],
    malformed: [c(['--samples', 'ten'], /whole number ≥ 1/)],
    contradictory: [c(['--samples', '10', '--rme-target', '3', '--max-samples', '5'], /must be at least --samples \(10\)/, { flag: '--max-samples' })],
  },
  'rme-target': {
    outOfRange: [c(['--rme-target', '0'], /percentage > 0/)],
    malformed: [c(['--rme-target', 'three'], /percentage > 0, e\.g\. 3 or 2\.5%/)],
    contradictory: { none: 'it only sets when sampling stops; --max-samples below --samples and --max-samples without it are the cases of --max-samples' },
  },
  'max-samples': {
    outOfRange: [c(['--rme-target', '3', '--max-samples', '0'], /whole number ≥ 1/)],
    malformed: [c(['--rme-target', '3', '--max-samples', 'x'], /whole number ≥ 1/)],
    contradictory: [
      c(['--max-samples', '20'], /applies with --rme-target only/),
      c(['--rme-target', '3', '--samples', '10', '--max-samples', '5'], /must be at least --samples \(10\)/),
    ],
  },
  warmup: {
    outOfRange: [c(['--warmup', '-1'], /milliseconds, optionally with a unit: 250, 250ms, 0\.5s \(≥ 0\)/)],
    malformed: [c(['--warmup', 'soon'], /milliseconds, optionally with a unit/)],
    contradictory: [c(['--warmup', '40s'], /longer than a sample \(--duration\) and the warm-up \(--warmup\)/, { flag: '--timeout' })],
  },
  threads: {
    outOfRange: [c(['--threads', '1025'], /from 0 to 1024/), c(['--threads', '-1'], /whole number ≥ 0/)],
    malformed: [c(['--threads', 'auto'], /whole number ≥ 0/)],
    contradictory: { none: 'threads apply to every model (blocking ignores them, as documented)' },
  },
  shuffle: {
    outOfRange: { none: 'any text is a seed (numbers up to 2³²−1 as they are, other text hashed)' },
    malformed: [c(['--shuffle', '1', '--shuffle', '2'], /given 2 times; give it once/)],
    contradictory: { none: 'the order goes with every other flag' },
    optionalValue: true,
  },
  target: {
    outOfRange: [c(['--target', '127.0.0.1:0'], /HOST:PORT .*port 1 to 65535/), c(['--target', '127.0.0.1:70000'], /port 1 to 65535/)],
    malformed: [c(['--target', 'localhost'], /must be HOST:PORT/)],
    contradictory: [c(['--peer', 'raw'], /raw needs --target HOST:PORT/, { flag: '--peer' })],
  },
  out: {
    outOfRange: [c(['--out', UNDER_FILE], /a CSV path .* in a writable folder; .*is not a directory/)],
    malformed: [c(['--out', DIR_CSV], /a CSV path .* in a writable folder; .*a directory/), c(['--out='], /a CSV path .*: empty/)],
    contradictory: { none: 'the output path goes with every other flag' },
  },
  variant: {
    outOfRange: { none: 'any text is a label' },
    malformed: [c(['--variant', 'A', '--variant', 'B'], /given 2 times; give it once/)],
    contradictory: { none: 'a label goes with every other flag' },
  },
  percentiles: {
    outOfRange: [c(['--mode', 'echo', '--percentiles', '0'], /above 0 and at most 100/), c(['--mode', 'echo', '--percentiles', '101'], /above 0 and at most 100/)],
    malformed: [c(['--mode', 'echo', '--percentiles', 'p99'], /list of percentiles above 0 and at most 100/)],
    contradictory: [
      c(['--mode', 'echo', '--percentiles', '9.99,99.9'], /would share the column latency_p999_us/),
      c(['--percentiles', '90'], /applies to round trips: give --mode echo/),
    ],
  },
  peer: {
    outOfRange: [c(['--peer', 'tcp'], /one of sgbench, raw/)],
    malformed: [c(['--peer', 'sgbench,raw'], /one of sgbench, raw/)],
    contradictory: [c(['--peer', 'raw'], /raw needs --target HOST:PORT/)],
  },
  timeout: {
    outOfRange: [c(['--timeout', '0'], /milliseconds, optionally with a unit.*\(> 0\)/), c(['--timeout', '90000s'], /at most 24 h/)],
    malformed: [c(['--timeout', '10m'], /milliseconds, optionally with a unit/)],
    contradictory: [c(['--timeout', '100ms', '--duration', '250ms'], /longer than a sample \(--duration\)/)],
  },
  verify: { outOfRange: { none: 'a switch' }, malformed: [], contradictory: { none: 'verification goes with every other flag' }, switch: true },
  reverse: {
    outOfRange: { none: 'a switch' },
    malformed: [],
    contradictory: [
      c(['--reverse', '--mode', 'echo'], /goes with --mode sink, not echo/),
      c(['--reverse', '--bidir'], /give either --reverse .* or --bidir .*, not both/, { flag: '--bidir' }),
    ],
    switch: true,
  },
  bidir: {
    outOfRange: { none: 'a switch' },
    malformed: [],
    contradictory: [c(['--bidir', '--mode', 'sink,echo'], /goes with --mode sink, not echo/), c(['--bidir', '--reverse'], /give either --reverse .* or --bidir .*, not both/)],
    switch: true,
  },
  'fail-fast': { outOfRange: { none: 'a switch' }, malformed: [], contradictory: { none: 'goes with every other flag' }, switch: true },
  quiet: { outOfRange: { none: 'a switch' }, malformed: [], contradictory: { none: 'goes with every other flag' }, switch: true },
  report: {
    outOfRange: [c(['--report', join(FILE, 'x.html')], /an HTML file path in a writable folder; .*is not a directory/)],
    malformed: [c(['--report', DIR_CSV], /an HTML file path in a writable folder; .*a directory/), c(['--report', 'a.html', '--report', 'b.html'], /given 2 times/)],
    contradictory: { none: 'the report path goes with every other flag (empty: beside the CSV)' },
    optionalValue: true,
  },
};

const SERVE: Record<string, FlagCases> = {
  host: {
    outOfRange: [c(['--host', '256.1.1.1'], /IPv4 or IPv6 address or a host name/)],
    malformed: [c(['--host', '127.0.0.1:7100'], /without a port/), c(['--host', 'bad host'], /IPv4 or IPv6 address or a host name/), c(['--host='], /IPv4 or IPv6/)],
    contradictory: { none: 'the address goes with every other flag' },
  },
  port: {
    outOfRange: [c(['--port', '70000'], /integer from 0 \(ephemeral\) to 65535/), c(['--port', '-1'], /integer from 0 \(ephemeral\) to 65535/)],
    malformed: [c(['--port', 'abc'], /integer from 0 \(ephemeral\) to 65535, got "abc"/), c(['--port', '80.5'], /integer from 0/)],
    contradictory: { none: 'the port goes with every other flag' },
  },
  threads: {
    outOfRange: [c(['--threads', '65'], /integer from 0 \(automatic\) to 64/), c(['--threads', '-1'], /from 0 \(automatic\) to 64/)],
    malformed: [c(['--threads', 'two'], /from 0 \(automatic\) to 64, got "two"/)],
    contradictory: { none: 'threads go with every other flag' },
  },
  cpu: {
    outOfRange: [c(['--cpu', '-2'], /-1 \(no pinning\) or a CPU number from 0 to 4095/), c(['--cpu', '4096'], /from 0 to 4095/)],
    malformed: [c(['--cpu', 'x'], /-1 \(no pinning\) or a CPU number/)],
    contradictory: { none: 'pinning goes with every other flag' },
  },
  log: { outOfRange: { none: 'a switch' }, malformed: [], contradictory: { none: 'goes with every other flag' }, switch: true },
  peer: {
    outOfRange: [c(['--peer', 'tcp'], /one of sgbench, raw/)],
    malformed: [c(['--peer', 'raw,sgbench'], /one of sgbench, raw/)],
    contradictory: [c(['--peer', 'sgbench', '--mode', 'echo'], /applies to --peer raw only/, { flag: '--mode' })],
  },
  mode: {
    outOfRange: [c(['--peer', 'raw', '--mode', 'duplex'], /one of sink, echo/)],
    malformed: [c(['--peer', 'raw', '--mode', 'sink,echo'], /one of sink, echo/)],
    contradictory: [c(['--mode', 'echo'], /applies to --peer raw only/)],
  },
  recv: {
    outOfRange: [c(['--peer', 'raw', '--recv', 'single:0'], /at least 1 byte/), c(['--peer', 'raw', '--recv', 'single:65M'], /at most 67108864 bytes/)],
    malformed: [c(['--peer', 'raw', '--recv', 'single:4kb'], /whole number of bytes/)],
    contradictory: [
      c(['--recv', 'single:4k'], /applies to --peer raw only/),
      c(['--peer', 'raw', '--recv', 'mirror'], /a raw peer has no message shape to mirror: give single:BYTES/),
    ],
  },
};

/** `compare` flags; BASE and NEW are missing files, so a flag that got through would be reported as a file problem. */
const BASE_NEW = [join(dir, 'base.samples.csv'), join(dir, 'new.samples.csv')];
const COMPARE: Record<string, FlagCases> = {
  ab: {
    outOfRange: [c(['--ab', MISSING], /sample CSV file written by sgbench run .*no such file/)],
    malformed: [c(['--ab', DIR_CSV], /sample CSV file.*not a file/)],
    contradictory: [c([...BASE_NEW, '--ab', MISSING], /do not also give BASE and NEW/)],
  },
  'base-variant': {
    outOfRange: { none: 'any label; one the files lack is a problem of the files, named with the file' },
    malformed: [c(['--ab', MISSING, '--base-variant=', '--new-variant', 'B'], /variant label/)],
    contradictory: [
      c([...BASE_NEW, '--base-variant', 'A'], /only applies with --ab/),
      c(['--ab', MISSING, '--base-variant', 'A'], /give both --base-variant and --new-variant, or neither/, { flag: '--new-variant' }),
    ],
  },
  'new-variant': {
    outOfRange: { none: 'any label; one the files lack is a problem of the files, named with the file' },
    malformed: [c(['--ab', MISSING, '--base-variant', 'A', '--new-variant='], /variant label/)],
    contradictory: [c(['--ab', MISSING, '--base-variant', 'A', '--new-variant', 'A'], /must differ from --base-variant/)],
  },
  metric: {
    outOfRange: [c([...BASE_NEW, '--metric', 'speed'], /must be bytes or cpu/)],
    malformed: [c([...BASE_NEW, '--metric', 'bytes,,cpu'], /must be bytes or cpu/)],
    contradictory: { none: 'metrics go with every other flag' },
  },
  threshold: {
    outOfRange: [c([...BASE_NEW, '--threshold', '0'], /percentage in \(0, 100\)/), c([...BASE_NEW, '--threshold', '100'], /percentage in \(0, 100\)/)],
    malformed: [c([...BASE_NEW, '--threshold', 'ten'], /percentage in \(0, 100\), optionally per metric/), c([...BASE_NEW, '--threshold', 'speed=5'], /per metric \(bytes=10, cpu=7\)/)],
    contradictory: { none: 'a threshold goes with every other flag' },
  },
  alpha: {
    outOfRange: [c([...BASE_NEW, '--alpha', '0'], /must be in \(0, 1\)/), c([...BASE_NEW, '--alpha', '1'], /must be in \(0, 1\)/)],
    malformed: [c([...BASE_NEW, '--alpha', 'abc'], /must be in \(0, 1\), e\.g\. 0\.05; got "abc"/)],
    contradictory: { none: 'the level goes with every other flag' },
  },
  'suite-threshold': {
    outOfRange: [c([...BASE_NEW, '--suite-threshold', '-1'], /percentage in \[0, 100\)/), c([...BASE_NEW, '--suite-threshold', '100'], /percentage in \[0, 100\)/)],
    malformed: [c([...BASE_NEW, '--suite-threshold', 'abc'], /percentage in \[0, 100\); got "abc"/)],
    contradictory: { none: 'goes with every other flag' },
  },
  'noisy-cv': {
    outOfRange: [c([...BASE_NEW, '--noisy-cv', '0'], /positive percentage/), c([...BASE_NEW, '--noisy-cv', '-5'], /positive percentage/)],
    malformed: [c([...BASE_NEW, '--noisy-cv', 'abc'], /positive percentage; got "abc"/)],
    contradictory: { none: 'goes with every other flag' },
  },
  seed: {
    outOfRange: [c([...BASE_NEW, '--seed', '1.5'], /must be an integer/)],
    malformed: [c([...BASE_NEW, '--seed', 'abc'], /must be an integer; got "abc"/)],
    contradictory: { none: 'goes with every other flag' },
  },
  markdown: {
    outOfRange: { none: 'a switch' },
    malformed: [],
    contradictory: [c([...BASE_NEW, '--markdown', '--json'], /choose one of --markdown and --json/, { flag: '--json' })],
    switch: true,
  },
  json: {
    outOfRange: { none: 'a switch' },
    malformed: [],
    contradictory: [c([...BASE_NEW, '--json', '--markdown'], /choose one of --markdown and --json/)],
    switch: true,
  },
  summary: {
    outOfRange: [c([...BASE_NEW, '--summary', UNDER_FILE], /Markdown file path .* in a writable folder; .*is not a directory/)],
    malformed: [c([...BASE_NEW, '--summary', DIR_CSV], /in a writable folder; .*a directory/)],
    contradictory: { none: 'goes with every other flag' },
  },
  strict: { outOfRange: { none: 'a switch' }, malformed: [], contradictory: { none: 'goes with every other flag' }, switch: true },
};

const RESULTS = join(dir, 'results.csv');
const NEW_RESULTS = join(dir, 'new.csv');
const REPORT: Record<string, FlagCases> = {
  out: {
    outOfRange: [c([RESULTS, '--out', join(FILE, 'r.html')], /HTML file path in a writable folder; .*is not a directory/)],
    malformed: [c([RESULTS, '--out', DIR_CSV], /HTML file path in a writable folder; .*a directory/)],
    contradictory: { none: 'the output path goes with every other flag' },
  },
  samples: {
    outOfRange: [c([RESULTS, '--samples', MISSING], /sample CSV file .*no such file/)],
    malformed: [c([RESULTS, '--samples', DIR_CSV], /sample CSV file .*not a file/)],
    contradictory: { none: 'the samples of the (NEW) run go with every other flag' },
  },
  'base-samples': {
    outOfRange: [c([RESULTS, NEW_RESULTS, '--base-samples', MISSING], /sample CSV file .*no such file/)],
    malformed: [c([RESULTS, NEW_RESULTS, '--base-samples', DIR_CSV], /sample CSV file .*not a file/)],
    contradictory: [c([RESULTS, '--base-samples', MISSING], /applies to a comparison only/)],
  },
};

const ADVISE: Record<string, FlagCases> = {
  samples: {
    outOfRange: [c([RESULTS, '--samples', MISSING], /sample CSV file .*no such file/)],
    malformed: [c([RESULTS, '--samples', DIR_CSV], /sample CSV file .*not a file/)],
    contradictory: { none: 'goes with every other flag' },
  },
  json: { outOfRange: { none: 'a switch' }, malformed: [], contradictory: { none: 'goes with every other flag' }, switch: true },
};

const MODELS: Record<string, FlagCases> = {
  json: { outOfRange: { none: 'a switch' }, malformed: [], contradictory: { none: 'the only flag' }, switch: true },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every module has its own argument types
const COMMANDS: [string, CommandModule<any, any>, Record<string, FlagCases>, string[]][] = [
  ['run', runCommand, RUN, ['--out', join(NEVER, 'x.csv')]],
  ['serve', serveCommand, SERVE, []],
  ['compare', compareCommand, COMPARE, []],
  ['report', reportCommand, REPORT, []],
  ['advise', adviseCommand, ADVISE, []],
  ['models', modelsCommand, MODELS, []],
];

/** The option keys a command's builder registers, without aliases, positionals, help and version. */
function registeredFlags(module: CommandModule<object, object>): string[] {
  const y = (module.builder as (y: Argv) => Argv)(yargs([]));
  const o = (y as unknown as { getOptions(): { key: Record<string, unknown>; alias: Record<string, string[]> } }).getOptions();
  const aliases = new Set(Object.values(o.alias).flat());
  const positionals = [...String(module.command).matchAll(/[<[](\w+)[\]>]/g)].map((m) => m[1]);
  return Object.keys(o.key)
    .filter((k) => !aliases.has(k) && !positionals.includes(k) && k !== 'help' && k !== 'version')
    .sort();
}

/** Positional arguments a case needs so that only the flag is wrong (report and advise need a results file). */
function positionalsFor(command: string, args: string[]): string[] {
  if ((command === 'report' || command === 'advise') && args[0] !== RESULTS) return [RESULTS];
  if (command === 'compare' && !args.includes('--ab') && args[0] !== BASE_NEW[0]) return BASE_NEW;
  return [];
}

interface Row {
  command: string;
  flag: string;
  kind: string;
  args: string[];
  says: RegExp;
  names: string;
  code: number;
}

function rows(): Row[] {
  const out: Row[] = [];
  for (const [command, , table, extra] of COMMANDS) {
    for (const [flag, cases] of Object.entries(table)) {
      // The cases of --out give their own.
      const tail = flag === 'out' ? [] : extra;
      const add = (kind: string, k: Case) =>
        out.push({ command, flag, kind, args: [command, ...positionalsFor(command, k.args), ...k.args, ...tail], says: k.says, names: k.flag ?? `--${flag}`, code: k.code ?? 2 });
      if (Array.isArray(cases.outOfRange)) for (const k of cases.outOfRange) add('out of range', k);
      for (const k of cases.malformed) add('malformed', k);
      if (Array.isArray(cases.contradictory)) for (const k of cases.contradictory) add('contradictory', k);
      // Forms every flag has: a switch given a value; a value flag given none, or negated.
      if (cases.switch) {
        add('malformed', c([`--${flag}=maybe`], new RegExp(`is a switch: give --${flag} or --no-${flag}.*; got "maybe"`)));
      } else if (!cases.optionalValue) {
        // The missing value goes last, so nothing after it can be taken for the value.
        out.push({ command, flag, kind: 'malformed', args: [command, ...positionalsFor(command, []), ...tail, `--${flag}`], says: /needs a value: \S/, names: `--${flag}`, code: 2 });
        add('malformed', c([`--no-${flag}`], new RegExp(`needs a value, not --no-${flag}: \\S`)));
      }
    }
  }
  return out;
}

const ROWS = rows();

describe('every flag of every command rejects bad values with one line and exit code 2', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(COMMANDS.map(([name, module, table]) => [name, module, table] as const))(
    '%s: the table covers every flag the command registers, and no other',
    (_name, module, table) => {
      const registered = registeredFlags(module as CommandModule<object, object>);
      const covered = Object.keys(table).sort();
      expect(
        { notCovered: registered.filter((f) => !covered.includes(f)), notRegistered: covered.filter((f) => !registered.includes(f)) },
        'add a row per new flag with its out-of-range, malformed and contradictory values (or the reason there is none)',
      ).toEqual({ notCovered: [], notRegistered: [] });
    },
  );

  it('the table holds every case the issue names', () => {
    const has = (args: string[]) => ROWS.some((r) => args.every((a) => r.args.includes(a)));
    expect(has(['run', '--buffers', '0'])).toBe(true);
    expect(has(['run', '--buffers', '1025'])).toBe(true);
    expect(has(['run', '--sizes', '-1'])).toBe(true);
    expect(has(['run', '--depth', '0'])).toBe(true);
    expect(has(['run', '--model', 'nosuch'])).toBe(true);
    expect(has(['run', '--model', LACKING_MODEL])).toBe(true);
    expect(has(['run', '--bytes', '1M', '--duration', '1s'])).toBe(true);
    expect(has(['run', '--out', UNDER_FILE])).toBe(true);
  });

  it('every flag has a malformed case, and an out-of-range and a contradictory one or the reason there is none', () => {
    for (const [command, , table] of COMMANDS) {
      for (const [flag, cases] of Object.entries(table)) {
        expect(ROWS.filter((r) => r.command === command && r.flag === flag && r.kind === 'malformed').length, `${command} --${flag}`).toBeGreaterThan(0);
        expect(Array.isArray(cases.outOfRange) ? cases.outOfRange.length > 0 : cases.outOfRange.none.length > 0, `${command} --${flag}`).toBe(true);
        expect(cases.contradictory === undefined ? false : Array.isArray(cases.contradictory) ? cases.contradictory.length > 0 : cases.contradictory.none.length > 0, `${command} --${flag}`).toBe(true);
      }
    }
  });

  it.each(ROWS.map((r) => [r.command, r.flag, r.kind, r.args.slice(1).join(' ').replaceAll(dir, '$TMP'), r] as const))(
    '%s --%s, %s: %s',
    { timeout: 10_000 },
    async (_command, _flag, _kind, _shown, row) => {
      guard.reached.length = 0;
      const { code, stdout, stderr } = await cli(row.args);
      expect(guard.reached, 'nothing may start before every flag is checked').toEqual([]);
      expect(stderr, 'no stack trace').not.toMatch(/^\s+at /m);
      expect(stderr.split('\n'), 'exactly one line on stderr').toHaveLength(2);
      expect(stderr.endsWith('\n')).toBe(true);
      const line = stderr.trimEnd();
      expect(line.startsWith(`Error: ${row.names}: `), line).toBe(true);
      expect(line, 'the line names the flag under test').toContain(`--${row.flag}`);
      expect(line).toMatch(row.says);
      expect(stdout).toBe('');
      expect(code, line).toBe(row.code);
    },
  );

  it('no case wrote anything where a run would have written', () => {
    expect(readdirSync(dir).sort()).toEqual(['a-dir.csv', 'a-file']);
  });
});
