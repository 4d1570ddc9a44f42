import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BUILD_TIMEOUT_MS, buildCli, runCli, type CliResult } from './helpers/cli.js';

let dir: string;
let result: CliResult;
beforeAll(async () => {
  buildCli();
  dir = mkdtempSync(join(tmpdir(), 'sgbench-run-report-'));
  result = await runCli([
    'run', '--buffers', '1,4', '--sizes', '1k', '--connections', '1', '--strategy', 'gather,coalesce',
    '--samples', '3', '--duration', '50ms', '--warmup', '0', '--quiet', '--out', join(dir, 'r.csv'), '--report',
  ]);
}, BUILD_TIMEOUT_MS + 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('run --report writes the HTML report beside the CSVs, from the samples written in the same run', () => {
  expect(result.code, result.stderr).toBe(0);
  const html = join(dir, 'r.html');
  expect(result.stdout).toContain(`report:  ${html}`);
  expect(existsSync(html)).toBe(true);
  const page = readFileSync(html, 'utf8');
  expect(page).toMatch(/^<!doctype html>/i);
  // The page names the sample file it took its intervals from.
  expect(page).toContain('r.samples.csv');
  expect(result.stderr).not.toMatch(/warning/);
});
