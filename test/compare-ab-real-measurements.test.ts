import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, buildCli, runCli } from './helpers/cli.js';

// Real measurements, gated the way CI should gate on a noisy shared machine: the same build run
// as variants A and B in alternating rounds (A B, B A, …), compared pair by pair. Then the same
// files with one cell of B made 30% slower must fail, naming that cell and no other.
// 16 pairs a cell of 250 ms samples: 7 would reach significance for 4 comparisons after Holm;
// the rest, and samples longer than quick's, buy power against a neighbour's bursts of load.
const ROUNDS = 8;
const SAMPLES_PER_ROUND = 2;
const GRID = ['--buffers', '16', '--sizes', '64,16k', '--connections', '1', '--strategy', 'gather'];
const SLOWED = 'model=overlapped-event/strategy=gather/buffers=16/bytes=16384/connections=1/depth=1';

interface Verdicts {
  code: number | null;
  cells: { cell: string; metric: string; verdict: string; ratio: number }[];
}

async function compareAb(files: string[]): Promise<Verdicts> {
  const r = await runCli(['compare', '--ab', ...files, '--json']);
  const json = JSON.parse(r.stdout) as { cells: Verdicts['cells'] };
  return { code: r.code, cells: json.cells };
}

describe('compare --ab on real interleaved measurements', () => {
  let dir: string;
  let files: string[];

  beforeAll(async () => {
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'sgbench-ab-'));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const variant of round % 2 === 1 ? ['A', 'B'] : ['B', 'A']) {
        const out = join(dir, `round-${String(round).padStart(2, '0')}-${variant}.csv`);
        const r = await runCli(['run', ...GRID, '--samples', String(SAMPLES_PER_ROUND), '--duration', '250ms', '--warmup', '50ms',
          '--verify', '--quiet', '--variant', variant, '--out', out]);
        expect(r.code, r.stderr).toBe(0);
      }
    }
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.samples.csv'))
      .sort()
      .map((f) => join(dir, f));
  }, BUILD_TIMEOUT_MS + 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the same build against itself: no regression, exit 0', async () => {
    const r = await compareAb(files);
    expect(r.cells).toHaveLength(4);
    expect(r.cells.filter((c) => c.verdict === 'regression')).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('one cell of B at 0.7× its throughput: exit 1, that cell named, no other', async () => {
    const slowed = files.map((path) => {
      if (!path.endsWith('-B.samples.csv')) return path;
      const rows = parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
      for (const row of rows) if (row.cell_key === SLOWED) row.bytes_per_s = String(Number(row.bytes_per_s) * 0.7);
      const copy = path.replace('-B.samples.csv', '-B-slowed.samples.csv');
      writeFileSync(copy, stringify(rows, { header: true, columns: Object.keys(rows[0]!) }));
      return copy;
    });
    const r = await compareAb(slowed);
    const regressed = r.cells.filter((c) => c.verdict === 'regression');
    expect(regressed.map((c) => [c.cell, c.metric])).toEqual([[SLOWED, 'bytes_per_s']]);
    expect(regressed[0]!.ratio).toBeGreaterThan(0.6);
    expect(regressed[0]!.ratio).toBeLessThan(0.8);
    expect(r.code).toBe(1);
  });
});
