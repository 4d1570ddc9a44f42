import { describe, expect, it } from 'vitest';
import { CELL_COLUMNS } from '../src/csv/schema.js';
import { compare, tempDir, writeFile } from './helpers/compare-cli.js';
import { createRng, drawRecords, syntheticCells, toCsv } from './helpers/synthetic-samples.js';

// Bad or incomplete input exits 2 with `Error: FILE: problem`, never a verdict.
describe('compare on malformed input', () => {
  const dir = tempDir();
  const good = toCsv(drawRecords(createRng(1), syntheticCells(3), { samples: 9, cv: 0.05 }));
  const base = writeFile(dir, 'base.samples.csv', good);

  async function expectBadInput(name: string, text: string, problem: RegExp): Promise<void> {
    const path = writeFile(dir, name, text);
    const r = await compare({ base, new: path });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`Error: ${path}: `);
    expect(r.err).toMatch(problem);
  }

  it('accepts the well-formed file (the cases below differ only in the defect)', async () => {
    const r = await compare({ base, new: writeFile(dir, 'same.samples.csv', good) });
    expect(r.code).toBe(0);
  });

  it('rejects a file truncated in the middle of a row', async () => {
    await expectBadInput('cut.samples.csv', good.slice(0, good.lastIndexOf(',', good.length - 40)) + '\n', /different number of fields.*truncated/);
  });

  it('rejects a file whose last row has no newline', async () => {
    await expectBadInput('cut-nl.samples.csv', good.slice(0, -5), /not terminated by a newline.*truncated/);
  });

  it('rejects a file cut inside a quoted field', async () => {
    const cut = good.slice(0, good.indexOf('"Test CPU', good.indexOf('\n') + 1) + 4) + '\n';
    await expectBadInput('cut-quote.samples.csv', cut, /never closed.*truncated/);
  });

  it('rejects a wrong header and names the missing columns', async () => {
    await expectBadInput('renamed.samples.csv', good.replace('bytes_per_s', 'throughput'), /wrong header, missing column bytes_per_s/);
    await expectBadInput('foreign.samples.csv', 'a,b,c\n1,2,3\n', /not an sgbench sample CSV/);
  });

  it('points at the per-sample file when given the per-cell results file', async () => {
    await expectBadInput('quick.csv', CELL_COLUMNS.join(',') + '\n', /per-cell results file.*samples\.csv/);
  });

  it('rejects text in a numeric column with its line and column', async () => {
    const lines = good.split('\n');
    const header = lines[0]!.split(',');
    const row = lines[3]!.split(',');
    row[header.indexOf('bytes_per_s')] = 'fast';
    lines[3] = row.join(',');
    await expectBadInput('text.samples.csv', lines.join('\n'), /line 4, column bytes_per_s: "fast" is not a number/);
  });

  it('rejects an empty file, a header without rows, and a missing file', async () => {
    await expectBadInput('empty.samples.csv', '', /the file is empty/);
    await expectBadInput('header-only.samples.csv', good.slice(0, good.indexOf('\n') + 1), /no sample rows/);
    const r = await compare({ base, new: `${dir}/absent.samples.csv` });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/absent\.samples\.csv: no such file/);
  });

  it('rejects a repeated sample and a negative value', async () => {
    const lines = good.split('\n');
    await expectBadInput('dup.samples.csv', [...lines.slice(0, 3), lines[2], ...lines.slice(3)].join('\n'), /line 4: sample 1 of cell .* repeats line 3/);
    const header = lines[0]!.split(',');
    const row = lines[1]!.split(',');
    row[header.indexOf('client_cpu_s_per_gib')] = '-0.5';
    await expectBadInput('neg.samples.csv', [lines[0], row.join(','), ...lines.slice(2)].join('\n'), /line 2, column client_cpu_s_per_gib: -0.5 is not positive/);
  });

  it('names BASE too when BASE is the bad file', async () => {
    const bad = writeFile(dir, 'bad-base.samples.csv', '');
    const r = await compare({ base: bad, new: base });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`Error: ${bad}: the file is empty`);
  });
});
