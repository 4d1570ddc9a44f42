/**
 * Running Windows programs under Wine for the Windows suite. `scripts/test-windows.sh` builds them
 * and sets the variables below. Every Wine process writes stdout and stderr to files: Wine's
 * node.exe fails with EBADF on pipes, and files are safer for every Wine process.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

function required(name: string): string {
  const v = process.env[name];
  if (!v || !existsSync(v)) throw new Error(`${name} is not set or missing (${v ?? 'unset'}): run the suite with \`npm run test:windows\``);
  return v;
}

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WIN_EXE = required('SGBENCH_WIN_EXE');
export const WIN_ADDON = required('SGBENCH_WIN_ADDON');
export const WIN_NODE = required('SGBENCH_WIN_NODE');
export const LINUX_EXE = join(ROOT, 'build', 'sgbench-native');

export const WINDOWS_MODELS = ['blocking', 'readiness', 'overlapped-event', 'overlapped-callback', 'completion-port'] as const;

const scratch = mkdtempSync(join(tmpdir(), 'sgbench-wine-out-'));
let serial = 0;

/** A Unix path as a Windows program sees it through Wine's Z: drive. */
export function winPath(unixPath: string): string {
  return 'Z:' + unixPath.replace(/\//g, '\\');
}

/** A fresh file path in this run's scratch directory. */
export function scratchFile(name: string): string {
  return join(scratch, `${++serial}-${name}`);
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface Started {
  /** What the process has written to stdout so far. */
  stdout(): string;
  stderr(): string;
  kill(signal?: NodeJS.Signals): void;
  exited: Promise<Finished>;
}

/** Starts `wine <program> <args>` with stdout and stderr going to files. */
export function startWine(program: string, args: string[], env: Record<string, string> = {}): Started {
  const base = scratchFile('wine');
  const outPath = `${base}.out`;
  const errPath = `${base}.err`;
  const out = openSync(outPath, 'w');
  const err = openSync(errPath, 'w');
  const t0 = Date.now();
  const child = spawn('wine', [program, ...args], { cwd: ROOT, stdio: ['ignore', out, err], env: { ...process.env, ...env } });
  closeSync(out);
  closeSync(err);
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : '');
  const exited = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout: read(outPath), stderr: read(errPath), ms: Date.now() - t0 }));
  });
  return { stdout: () => read(outPath), stderr: () => read(errPath), kill: (s) => child.kill(s), exited };
}

/** Runs `wine <program> <args>` to completion. */
export function runWine(program: string, args: string[], env: Record<string, string> = {}): Promise<Finished> {
  return startWine(program, args, env).exited;
}

/** `sgbench-native.exe serve` under Wine; resolves once it prints its port. */
export async function startWineServe(args: string[] = []): Promise<{ port: number; process: Started }> {
  const p = startWine(WIN_EXE, ['serve', ...args]);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = /listening on [^:\s]+:(\d+)/.exec(p.stdout());
    if (m) return { port: Number(m[1]), process: p };
    if (Date.now() > deadline) {
      p.kill('SIGKILL');
      throw new Error(`sgbench-native serve printed no port in 30 s; stderr: ${p.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
