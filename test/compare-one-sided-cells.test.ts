import { describe, expect, it } from 'vitest';
import { compare, tempDir, writeFile } from './helpers/compare-cli.js';
import { createRng, drawRecords, syntheticCells, toCsv } from './helpers/synthetic-samples.js';

// Cells measured on one side only are listed, never failed; no common cell at all is bad input.
describe('compare with cells on one side only', () => {
  const dir = tempDir();
  const cells = syntheticCells(5);
  const rng = createRng(8);

  it('lists cells only in BASE or only in NEW and compares the rest', async () => {
    const base = writeFile(dir, 'base.samples.csv', toCsv(drawRecords(rng, cells.slice(0, 4), { samples: 9, cv: 0.03 })));
    const next = writeFile(dir, 'new.samples.csv', toCsv(drawRecords(rng, cells.slice(1), { samples: 9, cv: 0.03 })));
    const r = await compare({ base, new: next, json: true });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.onlyBase).toEqual([cells[0]!.cell]);
    expect(json.onlyNew).toEqual([cells[4]!.cell]);
    expect(new Set(json.cells.map((c: { cell: string }) => c.cell)).size).toBe(3);
    const table = await compare({ base, new: next });
    expect(table.out).toContain(`only in BASE (not compared): ${cells[0]!.cell}`);
    expect(table.out).toContain(`only in NEW (not compared): ${cells[4]!.cell}`);
  });

  it('exits 2 when the files share no cell', async () => {
    const base = writeFile(dir, 'a.samples.csv', toCsv(drawRecords(rng, cells.slice(0, 2), { samples: 9, cv: 0.03 })));
    const next = writeFile(dir, 'b.samples.csv', toCsv(drawRecords(rng, cells.slice(2), { samples: 9, cv: 0.03 })));
    const r = await compare({ base, new: next });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/b\.samples\.csv: no cell in common with .*a\.samples\.csv/);
  });

  it('skips the CPU metric of a cell whose CPU column is empty, without failing', async () => {
    const records = drawRecords(rng, cells.slice(0, 2), { samples: 9, cv: 0.03 });
    for (const r of records) if (r.cell === cells[0]!.cell) r.values.client_cpu_s_per_gib = null;
    const base = writeFile(dir, 'c.samples.csv', toCsv(records));
    const r = await compare({ base, new: base, json: true });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.cells.filter((c: { metric: string }) => c.metric === 'client_cpu_s_per_gib')).toHaveLength(1);
  });
});
