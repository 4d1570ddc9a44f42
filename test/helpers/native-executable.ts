/** Runs the standalone `sgbench-native` executable (built next to the addon by cmake-js). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const NATIVE_EXE = fileURLToPath(new URL('../../build/sgbench-native', import.meta.url));

export interface NativeResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `sgbench-native <args>` to completion. */
export function runNative(args: string[], timeoutMs = 60_000): NativeResult {
  if (!existsSync(NATIVE_EXE)) throw new Error(`${NATIVE_EXE} is missing: run \`npm run build:native\` first`);
  const r = spawnSync(NATIVE_EXE, args, { encoding: 'utf8', timeout: timeoutMs });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Header and rows of CSV text, parsed strictly (every row as long as the header). */
export function parseCsv(text: string): { header: string[]; rows: Record<string, string>[] } {
  const records = parse(text, { relax_column_count: false }) as string[][];
  const [header = [], ...body] = records;
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}
