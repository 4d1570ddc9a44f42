import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_COLUMNS, SAMPLE_COLUMNS } from '../src/csv/schema.js';
import { BUILD_TIMEOUT_MS, buildCli, finished, startCli, waitForOutput } from './helpers/cli.js';
import { readCsv } from './helpers/csv-files.js';

const SAMPLES = 3;

/** Starts a long sweep, sends `signal` once `cellsBefore` cells have finished, returns the result. */
async function interruptedRun(dir: string, name: string, signal: NodeJS.Signals, cellsBefore: number) {
  const out = join(dir, `${name}.csv`);
  const child = startCli(['run', 'default', '--samples', String(SAMPLES), '--duration', '40ms', '--warmup', '0', '--out', out]);
  const done = finished(child);
  await waitForOutput(child.stderr, new RegExp(`\\[\\s*${cellsBefore}/378\\]`));
  child.kill(signal);
  const result = await done;
  return { result, cells: readCsv(out), samples: readCsv(join(dir, `${name}.samples.csv`)) };
}

describe('an interrupted run keeps its finished rows', () => {
  let dir: string;
  beforeAll(() => {
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'sgbench-interrupt-'));
  }, BUILD_TIMEOUT_MS);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Ctrl-C: exit code 130, both files valid CSV with every finished cell and its samples', async () => {
    const { result, cells, samples } = await interruptedRun(dir, 'sigint', 'SIGINT', 4);
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted by SIGINT after \d+ of 378 cells; finished rows kept/);
    expect(cells.header).toEqual([...CELL_COLUMNS]);
    expect(samples.header).toEqual([...SAMPLE_COLUMNS]);
    expect(cells.rows.length).toBeGreaterThanOrEqual(4);
    expect(cells.rows.length).toBeLessThan(378);
    for (const row of cells.rows) {
      expect(row.errors).toBe('');
      expect(Number(row.bytes_per_s)).toBeGreaterThan(0);
    }
    expect(samples.rows).toHaveLength(cells.rows.length * SAMPLES);
    expect(new Set(samples.rows.map((r) => r.cell_key))).toEqual(new Set(cells.rows.map((r) => r.cell_key)));
  });

  it('SIGTERM: exit code 143, rows kept the same way', async () => {
    const { result, cells, samples } = await interruptedRun(dir, 'sigterm', 'SIGTERM', 2);
    expect(result.code).toBe(143);
    expect(cells.rows.length).toBeGreaterThanOrEqual(2);
    expect(samples.rows).toHaveLength(cells.rows.length * SAMPLES);
  });
});
