/** `sgbench serve` as a separate process, for tests that kill, signal or overload the server. */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, ROOT, waitForOutput } from './cli.js';

export interface ServeProcess {
  child: ChildProcess;
  host: string;
  port: number;
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout: () => string;
  stderr: () => string;
}

/**
 * Starts `sgbench serve` (built by `buildCli()`) and waits for its "listening on" line.
 * `shellPrefix` runs it through `sh -c` (e.g. `ulimit -n 20000;`); `wrapper` is a command that
 * execs it (e.g. `ip netns exec NAME`), so the child's pid stays the server's.
 */
export async function startServe(args: string[] = [], shellPrefix = '', wrapper: string[] = []): Promise<ServeProcess> {
  const argv = [...wrapper.slice(1), process.execPath, CLI, 'serve', ...args];
  const first = wrapper[0] ?? argv.shift()!;
  const child = shellPrefix
    ? spawn('sh', ['-c', `${shellPrefix} exec "$0" "$@"`, first, ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(first, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const line = await Promise.race([
    waitForOutput(child.stdout, /listening on (\S+):(\d+)\n/, 120_000),
    exited.then((e) => {
      throw new Error(`sgbench serve exited early (${e.code ?? e.signal}): ${err}`);
    }),
  ]);
  const m = /listening on (\S+):(\d+)\n/.exec(line)!;
  return { child, host: m[1]!, port: Number(m[2]), exited, stdout: () => out, stderr: () => err };
}
