import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, tempDir, writeFile } from './helpers/compare-cli.js';
import { createRng, drawRecords, syntheticCells, toCsv } from './helpers/synthetic-samples.js';

// One comparison (one cell 30% slower) printed three ways: terminal table, Markdown, JSON.
describe('compare output formats', () => {
  const dir = tempDir();
  const cells = syntheticCells(3);
  const victim = cells[1]!.cell;
  const rng = createRng(5);
  const base = writeFile(dir, 'base.samples.csv', toCsv(drawRecords(rng, cells, { samples: 9, cv: 0.03 })));
  const next = writeFile(dir, 'new.samples.csv', toCsv(drawRecords(rng, cells, { samples: 9, cv: 0.03, bytesFactor: 0.7, cells: [victim] })));

  it('prints an aligned table with base, new, change, interval, p and verdict, then the verdict line', async () => {
    const r = await compare({ base, new: next });
    expect(r.code).toBe(1);
    const lines = r.out.split('\n');
    const header = lines.find((l) => l.startsWith('cell'))!;
    expect(header).toMatch(/^cell +metric +BASE +NEW +change +interval \(95%\) +p \(Holm\) +verdict$/);
    const row = lines.find((l) => l.startsWith(victim) && l.includes('throughput'))!;
    expect(row).toMatch(/Gbit\/s \(n=9\) +[\d.]+ Gbit\/s \(n=9\) +-3\d\.\d% +-3\d\.\d% … -[23]\d\.\d% +<0\.001 +regression$/);
    expect(r.out).toMatch(/suite throughput: geometric mean over 3 cells -\d+\.\d%/);
    expect(lines.at(-2)).toMatch(/^Verdict: REGRESSION: 1 regressed, \d+ inconclusive, \d+ improved, \d+ ok of 6 comparisons/);
  });

  it('prints a Markdown table for a CI step summary, and appends it to --summary', async () => {
    const summary = join(dir, 'summary.md');
    writeFile(dir, 'summary.md', '# earlier step\n');
    const r = await compare({ base, new: next, markdown: true, summary });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^### sgbench compare \(NEW against BASE\)\n\n\*\*REGRESSION: /);
    expect(r.out).toContain('| cell | metric | BASE | NEW | change | interval (95%) | p (Holm) | verdict |');
    expect(r.out).toContain(`| \`${victim}\` | throughput |`);
    expect(r.out).toContain('| **regression** |');
    expect(readFileSync(summary, 'utf8')).toBe('# earlier step\n' + r.out);
  });

  it('prints JSON with the exit code and every cell', async () => {
    const r = await compare({ base, new: next, json: true });
    const json = JSON.parse(r.out);
    expect(json.schema).toBe('sgbench-compare/1');
    expect(json.exitCode).toBe(1);
    expect(json.outcome).toBe('regression');
    expect(json.cells).toHaveLength(6);
    const cell = json.cells.find((c: { cell: string; metric: string }) => c.cell === victim && c.metric === 'bytes_per_s');
    expect(cell.verdict).toBe('regression');
    expect(cell.ratio).toBeGreaterThan(0.65);
    expect(cell.ratio).toBeLessThan(0.75);
    expect(cell.upper).toBeLessThan(0.9);
    expect(cell.test).toBe('mann-whitney');
    expect(json.suite.map((s: { metric: string }) => s.metric)).toEqual(['bytes_per_s', 'client_cpu_s_per_gib']);
  });

  it('refuses --markdown together with --json', async () => {
    await expect(compare({ base, new: next, json: true, markdown: true })).rejects.toThrow(/--json: choose one of --markdown and --json/);
  });
});
