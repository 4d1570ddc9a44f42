/** Runs `compare` in-process on files in a temporary folder and captures what it prints. */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCompare, type CompareArgs } from '../../src/cli/commands/compare.js';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sgbench-compare-'));
}

export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export async function compare(args: CompareArgs): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCompare(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
