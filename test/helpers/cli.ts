/** Runs the built `sgbench` executable (dist/src/cli/main.js) as a user would. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

/** Time a cold `tsc` of the whole project may take on a busy two-core machine. */
export const BUILD_TIMEOUT_MS = 240_000;

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMs(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Compiles the TypeScript sources to dist/ (the `build:ts` script) unless dist/ is already newer
 * than every source file, so the executable under test is current.
 */
export function buildCli(): void {
  const sources = Math.max(newestSourceMs(join(ROOT, 'src')), newestSourceMs(join(ROOT, 'bench')));
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= sources) return;
  execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.json'], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  if (!existsSync(CLI)) throw new Error(`build did not produce ${CLI}`);
}

/** Starts `sgbench <args>` with pipes for stdout and stderr. */
export function startCli(args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a started process's output until it exits. */
export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `sgbench <args>` to completion. */
export function runCli(args: string[]): Promise<CliResult> {
  return finished(startCli(args));
}

/** Resolves with the output so far once `pattern` appears in the stream. */
export function waitForOutput(stream: NodeJS.ReadableStream | null, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; got: ${seen}`)), timeoutMs);
    stream?.on('data', (d: Buffer | string) => {
      seen += d.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
  });
}
