import { describe, expect, it } from 'vitest';
import adviseCommand from '../src/cli/commands/advise.js';
import { cellRows, grid, realisticMeasure, writeCsv } from './helpers/synthetic-results.js';
import { runCommand } from './helpers/run-command.js';

describe('sgbench advise --json', () => {
  it('prints every answer with its sentence, ratio, interval and per-size verdicts', async () => {
    const cells = grid({ models: ['overlapped-event', 'blocking'], strategies: ['gather', 'coalesce'], buffers: [2, 16], sizes: [64, 4096], connections: [1, 4] });
    const path = writeCsv(cellRows(cells, realisticMeasure));
    const { code, stdout, stderr } = await runCommand(adviseCommand, ['advise', path, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.file).toBe(path);
    expect(doc.intervals).toBe('rme_pct');
    expect(doc.advice).toHaveLength(2 * 2 * 2);
    const a = doc.advice.find((x: { model: string; connections: number; buffers: number }) => x.model === 'blocking' && x.connections === 4 && x.buffers === 16);
    expect(a.outcome).toBe('gather');
    expect(a.crossoverBytes).toBe(4096);
    expect(a.at.ratio).toBeCloseTo(1.2, 10);
    expect(a.at.low).toBeLessThan(1.2);
    expect(a.at.high).toBeGreaterThan(1.2);
    expect(a.sizes.map((s: { verdict: string }) => s.verdict)).toEqual(['lower', 'higher']);
    expect(a.sentence).toMatch(/^At 4 connections with blocking, gather 16 × 4 KiB buffers rather than copying: 1\.20× \[/);
  });

  it('prints plain sentences without --json', async () => {
    const cells = grid({ models: ['readiness'], strategies: ['gather', 'coalesce'], buffers: [2], sizes: [64, 4096], connections: [2] });
    const path = writeCsv(cellRows(cells, realisticMeasure));
    const { code, stdout } = await runCommand(adviseCommand, ['advise', path]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^At 2 connections with readiness, copy 2 buffers into one rather than gathering them at 64 B: 0\.80× \[0\.78, 0\.82\] \(no difference at 4 KiB\)\.$/m,
    );
  });
});
