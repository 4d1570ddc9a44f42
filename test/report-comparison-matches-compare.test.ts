import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import reportCommand from '../src/cli/commands/report.js';
import { CELL_COLUMNS } from '../src/csv/schema.js';
import type { CompareRow } from '../src/report/report-model.js';
import { renderInChromium } from './helpers/chromium.js';
import { compare } from './helpers/compare-cli.js';
import { reportData } from './helpers/report-data.js';
import { runCommand } from './helpers/run-command.js';
import { cellRows, grid, realisticMeasure, type SyntheticCell } from './helpers/synthetic-results.js';
import { createRng, drawRecords, toCsv } from './helpers/synthetic-samples.js';

const keyOf = (c: SyntheticCell) => `model=${c.model}/strategy=${c.strategy}/buffers=${c.buffers}/bytes=${c.bufferBytes}/connections=${c.connections}/depth=1`;

/** A run as the runner leaves it: `name.csv` and `name.samples.csv` side by side. */
function writeRun(name: string, cells: SyntheticCell[], samples: string): string {
  const dir = mkdtempSync(join(tmpdir(), `sgbench-${name}-`));
  writeFileSync(join(dir, `${name}.csv`), stringify(cellRows(cells, realisticMeasure), { header: true, columns: [...CELL_COLUMNS] }));
  writeFileSync(join(dir, `${name}.samples.csv`), samples);
  return join(dir, `${name}.csv`);
}

describe('sgbench report BASE NEW with sample CSVs', () => {
  it('shows the cells, intervals, p values, verdicts and suite gate of sgbench compare', async () => {
    const cells = grid({ models: ['overlapped-event'], strategies: ['gather', 'coalesce'], buffers: [4, 16], sizes: [64, 4096], connections: [1, 4] });
    const sampleCells = cells.map((c) => ({ cell: keyOf(c), bytesPerS: realisticMeasure(c).bytesPerS, cpuSPerGib: 0.2 }));
    const [regressed, improved, noisy, dropped] = [sampleCells[5]!.cell, sampleCells[2]!.cell, sampleCells[9]!.cell, sampleCells[15]!.cell];
    const rng = createRng(20260301);
    const draw = { samples: 12, cv: 0.03 };
    const base = drawRecords(rng, sampleCells, draw);
    const kept = sampleCells.filter((c) => c.cell !== dropped && c.cell !== noisy);
    const next = [
      ...drawRecords(rng, kept, { ...draw, bytesFactor: 0.7, cells: [regressed] }).map((r) =>
        r.cell === improved ? { ...r, values: { ...r.values, bytes_per_s: r.values.bytes_per_s! * 1.3 } } : r,
      ),
      ...drawRecords(rng, sampleCells.filter((c) => c.cell === noisy), { samples: 12, cv: 0.25 }),
    ];
    const basePath = writeRun('base', cells, toCsv(base));
    const newPath = writeRun('new', cells.filter((c) => keyOf(c) !== dropped), toCsv(next));

    const gate = await compare({ base: basePath.replace(/\.csv$/, '.samples.csv'), new: newPath.replace(/\.csv$/, '.samples.csv'), json: true });
    expect(gate.err).toBe('');
    const decided = JSON.parse(gate.out);
    expect(decided.exitCode).toBe(1);

    const out = join(mkdtempSync(join(tmpdir(), 'sgbench-report-')), 'cmp.html');
    const result = await runCommand(reportCommand, ['report', basePath, newPath, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const model = reportData(out);
    const shown = model.comparison!;
    expect(shown.basis).toBe('compare');
    const { schema: _schema, exitCode: _exitCode, ...report } = decided;
    expect(shown.gate).toEqual(report);

    // Every verdict compare makes is a row of the charts, with its interval and p value.
    const rows = model.sections.find((s) => s.id === 'compare')!.blocks.flatMap((b) => b.panels.flatMap((p) => (p.kind === 'compare' ? p.rows : [])));
    const asRow = (c: { ratio: number; lower: number; upper: number; verdict: string; noisy: boolean; pAdjusted: number }) =>
      JSON.stringify([c.ratio, c.lower, c.upper, c.verdict, c.noisy, c.pAdjusted]);
    const asShown = (r: CompareRow) => JSON.stringify([r.ratio, r.low, r.high, r.verdict, r.noisy, r.p]);
    expect(rows.map(asShown).sort()).toEqual(decided.cells.map(asRow).sort());

    const verdict = (cell: string) => decided.cells.find((c: { cell: string; metric: string }) => c.cell === cell && c.metric === 'bytes_per_s');
    expect(verdict(regressed).verdict).toBe('regression');
    expect(verdict(improved).verdict).toBe('improvement');
    expect(verdict(noisy).noisy).toBe(true);
    expect(decided.onlyBase).toEqual([dropped]);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain(`Only in BASE, not compared: ${dropped}.`);
    expect(html).toContain('Suite gate, throughput: geometric mean over 15 cells');
    expect(html).toMatch(/Regression: overlapped-event, coalesce 4 × 4 KiB at 1 connection: 0\.\d\d× \[0\.\d\d, 0\.\d\d\] of BASE \(p &#60; 0\.001 after Holm, significant/);

    const page = await renderInChromium(out, 'test-artifacts/report-comparison-matches-compare.png');
    expect(page.errors).toEqual([]);
    expect(page.failedPanels).toEqual([]);
    expect(page.charts).toBe(page.panels);
  });
});
