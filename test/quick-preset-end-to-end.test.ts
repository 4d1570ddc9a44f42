import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, buildCli, runCli, type CliResult } from './helpers/cli.js';
import { readCsv } from './helpers/csv-files.js';

describe('the quick preset, end to end', () => {
  let dir: string;
  let result: CliResult;
  let elapsedMs: number;
  beforeAll(async () => {
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'sgbench-quick-'));
    const start = Date.now();
    result = await runCli(['run', 'quick', '--out', join(dir, 'quick.csv')]);
    elapsedMs = Date.now() - start;
  }, BUILD_TIMEOUT_MS + 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finishes in under a minute with exit code 0', () => {
    expect(result.stderr).toMatch(/24 cells, 10 samples of 100 ms a cell after a 100 ms warm-up; estimated/);
    expect(result.code).toBe(0);
    expect(elapsedMs).toBeLessThan(60_000);
  });

  it('measures every cell: verified bytes, throughput and a relative error', () => {
    const cells = readCsv(join(dir, 'quick.csv')).rows;
    expect(cells).toHaveLength(24);
    for (const row of cells) {
      expect(row.errors).toBe('');
      expect(row.verify).toBe('true');
      expect(row.samples).toBe('10');
      expect(Number(row.bytes_per_s)).toBeGreaterThan(0);
      expect(Number(row.rme_pct)).toBeGreaterThanOrEqual(0);
      expect(Number(row.syscalls_per_msg)).toBeGreaterThan(0);
      expect(row.backend).not.toBe('');
    }
    const samples = readCsv(join(dir, 'quick.samples.csv')).rows;
    expect(samples).toHaveLength(24 * 10);
    for (const s of samples) expect(Number(s.bytes) % Number(s.message_bytes)).toBe(0);
  });

  it('sends one call a message for gather and N for sequential', () => {
    const cells = readCsv(join(dir, 'quick.csv')).rows;
    const sendsPerMessage = (strategy: string, buffers: string) => {
      const samples = readCsv(join(dir, 'quick.samples.csv')).rows.filter((s) => s.strategy === strategy && s.buffers === buffers);
      const sends = samples.reduce((a, s) => a + Number(s.send_calls), 0);
      const messages = samples.reduce((a, s) => a + Number(s.messages), 0);
      return sends / messages;
    };
    expect(cells.length).toBe(24);
    expect(sendsPerMessage('gather', '16')).toBeLessThan(1.5);
    expect(sendsPerMessage('sequential', '16')).toBeGreaterThanOrEqual(16);
  });

  it('prints the strategy ratios for every shape and the timing check', () => {
    expect(result.stdout).toMatch(/Gather against the other strategies, per shape/);
    const ratioLines = result.stdout.split('\n').filter((l) => /^\s+overlapped-event\s+\d+\s+\d+x\d+\s/.test(l));
    expect(ratioLines).toHaveLength(8);
    expect(result.stdout).toMatch(/timing: tinybench's clock saw [+-]\d+\.\d+% against the native wall time/);
  });
});
