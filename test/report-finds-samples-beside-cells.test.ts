import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { rmeFromSamples } from '../src/advise/rme-from-samples.js';
import reportCommand from '../src/cli/commands/report.js';
import { CELL_COLUMNS } from '../src/csv/schema.js';
import { reportData } from './helpers/report-data.js';
import { runCommand } from './helpers/run-command.js';
import { cellRows, grid, realisticMeasure } from './helpers/synthetic-results.js';
import { createRng, drawRecords, toCsv } from './helpers/synthetic-samples.js';

const cells = grid({ models: ['blocking'], strategies: ['gather', 'coalesce'], buffers: [4], sizes: [4096], connections: [1] });
const key = (strategy: string) => `model=blocking/strategy=${strategy}/buffers=4/bytes=4096/connections=1/depth=1`;
// 9 % noise in the samples against the 2 % of rme_pct, so the error bars tell which was used.
const records = drawRecords(createRng(7), cells.map((c) => ({ cell: key(c.strategy), bytesPerS: realisticMeasure(c).bytesPerS, cpuSPerGib: 0.2 })), { samples: 6, cv: 0.09 });

/** Writes the cell CSV (and the sample CSV, if named) into a fresh folder; returns their paths. */
function writeRun(cellName: string, sampleName?: string): { cellsPath: string; samplesPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sgbench-beside-'));
  const cellsPath = join(dir, cellName);
  writeFileSync(cellsPath, stringify(cellRows(cells, realisticMeasure), { header: true, columns: [...CELL_COLUMNS] }));
  const samplesPath = join(dir, sampleName ?? 'none.samples.csv');
  if (sampleName) writeFileSync(samplesPath, toCsv(records));
  return { cellsPath, samplesPath };
}

async function report(cellsPath: string) {
  const out = cellsPath.replace(/\.csv$/, '.html');
  const result = await runCommand(reportCommand, ['report', cellsPath, '--out', out]);
  expect(result.code).toBe(0);
  return reportData(out);
}

describe('sgbench report RESULTS.csv without --samples', () => {
  for (const [cellName, sampleName] of [['x.csv', 'x.samples.csv'], ['run-1.cells.csv', 'run-1.samples.csv']] as const) {
    it(`reads ${sampleName} beside ${cellName} and says so`, async () => {
      const { cellsPath, samplesPath } = writeRun(cellName, sampleName);
      const model = await report(cellsPath);
      expect(model.sources).toEqual([`${cellsPath} (samples: ${samplesPath})`]);
      expect(model.advice.intervals).toBe(`Intervals from the sample CSV ${samplesPath}.`);
      const gather = model.sections.find((s) => s.id === 'gbit')!.blocks[0]!.panels[0]!;
      if (gather.kind !== 'lines') throw new Error('expected a line panel');
      const point = gather.points.find((p) => p.series === 'gather')!;
      const rme = rmeFromSamples(records.filter((r) => r.cell === key('gather')).map((r) => r.values.bytes_per_s!))!;
      expect(rme).toBeGreaterThan(4);
      expect(point.hi! / point.y - 1).toBeCloseTo(rme / 100, 9);
    });
  }

  it('falls back to rme_pct and names the file it looked for', async () => {
    const { cellsPath } = writeRun('y.csv');
    const model = await report(cellsPath);
    const looked = cellsPath.replace(/\.csv$/, '.samples.csv');
    expect(model.advice.intervals).toBe(`Intervals from each cell’s rme_pct (no sample CSV: ${looked} not found).`);
    const gather = model.sections.find((s) => s.id === 'gbit')!.blocks[0]!.panels[0]!;
    if (gather.kind !== 'lines') throw new Error('expected a line panel');
    const point = gather.points.find((p) => p.series === 'gather')!;
    expect(point.hi! / point.y - 1).toBeCloseTo(0.02, 9);
  });
});
