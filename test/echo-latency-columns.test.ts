import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_COLUMNS, SAMPLE_COLUMNS } from '../src/csv/schema.js';
import { BUILD_TIMEOUT_MS, buildCli, runCli } from './helpers/cli.js';
import { readCsv } from './helpers/csv-files.js';

describe('run --mode echo: round-trip latency columns over loopback', () => {
  let dir: string;
  beforeAll(() => {
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'sgbench-echo-'));
  }, BUILD_TIMEOUT_MS);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('1×64 B: p50 and p99 in microseconds, --percentiles adds columns after the schema, sink leaves them empty', async () => {
    const out = join(dir, 'echo.csv');
    const run = await runCli([
      'run', '--mode', 'sink,echo', '--buffers', '1', '--sizes', '64', '--connections', '1',
      '--strategy', 'gather', '--model', 'overlapped-event', '--samples', '5', '--duration', '200ms',
      '--percentiles', '50,90,99,99.9', '--out', out,
    ]);
    expect(run.stderr).not.toMatch(/failed/);
    expect(run.code).toBe(0);

    const cells = readCsv(out);
    expect(cells.header).toEqual([...CELL_COLUMNS, 'latency_p90_us']);
    const echo = cells.rows.find((r) => r.mode === 'echo')!;
    const sink = cells.rows.find((r) => r.mode === 'sink')!;
    const p50 = Number(echo.latency_p50_us);
    const p90 = Number(echo.latency_p90_us);
    const p99 = Number(echo.latency_p99_us);
    // A loopback round trip of 64 bytes takes tens of microseconds; a 1 ms timer would report 1000.
    expect(p50).toBeGreaterThan(1);
    expect(p50).toBeLessThan(500);
    expect(p90).toBeGreaterThanOrEqual(p50);
    expect(p99).toBeGreaterThanOrEqual(p90);
    expect(Number(echo.latency_p999_us)).toBeGreaterThanOrEqual(p99);
    expect(Number(echo.latency_max_us)).toBeGreaterThanOrEqual(Number(echo.latency_p999_us));
    // msgs_per_s counts round trips: each carried one 64-byte message back.
    expect(Number(echo.msgs_per_s) * 64).toBeCloseTo(Number(echo.bytes_per_s), 0);
    expect(Number(echo.msgs_per_s)).toBeGreaterThan(1000);
    for (const c of ['latency_p50_us', 'latency_p99_us', 'latency_p999_us', 'latency_max_us', 'latency_p90_us']) {
      expect(sink[c], c).toBe('');
    }

    const samples = readCsv(join(dir, 'echo.samples.csv'));
    expect(samples.header).toEqual([...SAMPLE_COLUMNS, 'latency_p90_us']);
    const echoSamples = samples.rows.filter((r) => r.mode === 'echo');
    expect(echoSamples).toHaveLength(5);
    for (const s of echoSamples) {
      expect(Number(s.latency_p90_us)).toBeGreaterThanOrEqual(Number(s.latency_p50_us));
      expect(Number(s.latency_p99_us)).toBeGreaterThanOrEqual(Number(s.latency_p90_us));
    }
  });

  it('rejects a percentile outside (0, 100] and two percentiles that would share a column', async () => {
    const bad = await runCli(['run', '--mode', 'echo', '--percentiles', '50,100.5', '--out', join(dir, 'x.csv')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--percentiles/);
    const clash = await runCli(['run', '--mode', 'echo', '--percentiles', '9.99,99.9', '--out', join(dir, 'y.csv')]);
    expect(clash.code).not.toBe(0);
    expect(clash.stderr).toMatch(/latency_p999_us/);
  });
});
