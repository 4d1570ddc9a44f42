import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { tempDir, writeFile } from './helpers/compare-cli.js';
import { createRng, drawRecords, syntheticCells, toCsv } from './helpers/synthetic-samples.js';

// `sgbench compare` through the real yargs parser: positionals, array flags, exit codes.
describe('sgbench compare command line', () => {
  const dir = tempDir();
  const cells = syntheticCells(3);
  const rng = createRng(41);
  const base = writeFile(dir, 'base.samples.csv', toCsv(drawRecords(rng, cells, { samples: 9, cv: 0.03 })));
  const next = writeFile(dir, 'new.samples.csv', toCsv(drawRecords(rng, cells, { samples: 9, cv: 0.03, bytesFactor: 0.7, cells: [cells[0]!.cell] })));

  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
    try {
      const code = await main(args);
      return { code, out, err };
    } finally {
      vi.restoreAllMocks();
      process.exitCode = undefined;
    }
  }

  afterEach(() => {
    process.exitCode = undefined;
  });

  it('exits 1 on a regression and 0 when the threshold is raised past it', async () => {
    const r = await run(['compare', base, next]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`regression: ${cells[0]!.cell} throughput`);
    expect((await run(['compare', base, next, '--threshold', 'bytes=40', '--suite-threshold', '20'])).code).toBe(0);
  });

  it('takes --metric, --json and --ab with several files', async () => {
    const r = await run(['compare', base, next, '--metric', 'cpu', '--json']);
    expect(r.code).toBe(0);
    expect(new Set(JSON.parse(r.out).cells.map((c: { metric: string }) => c.metric))).toEqual(new Set(['client_cpu_s_per_gib']));
    const a = writeFile(dir, 'a.samples.csv', toCsv(drawRecords(rng, cells, { samples: 12, cv: 0.03, variant: 'A' })));
    const b = writeFile(dir, 'b.samples.csv', toCsv(drawRecords(rng, cells, { samples: 12, cv: 0.03, variant: 'B' })));
    const ab = await run(['compare', '--ab', a, b, '--json']);
    expect(ab.code).toBe(0);
    expect(JSON.parse(ab.out).mode).toBe('ab');
  });

  it('exits 2 with the flag named on bad values or a missing file argument', async () => {
    const bad = await run(['compare', base, next, '--threshold', 'bytes=150']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^Error: --threshold: must be a percentage in \(0, 100\)/);
    const missing = await run(['compare', base]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/needs BASE and NEW sample files/);
    const both = await run(['compare', base, next, '--ab', base]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--ab: takes the A\/B sample files itself/);
  });
});
