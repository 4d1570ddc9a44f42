import { describe, expect, it } from 'vitest';
import { drawAbRecords } from './helpers/synthetic-ab.js';
import { compare, tempDir, writeFile } from './helpers/compare-cli.js';
import { createRng, drawRecords, syntheticCells, toCsv } from './helpers/synthetic-samples.js';

// The A/B data format end to end: variant column, one file per round or one file for all.
describe('compare --ab on sample files', () => {
  const dir = tempDir();
  const cells = syntheticCells(4);
  const victim = cells[2]!.cell;
  const records = drawAbRecords(createRng(9), cells, { rounds: 6, samplesPerRound: 2, cv: 0.03, drift: 0.05, bytesFactor: 0.7, affected: [victim] });

  it('reads rounds spread over several files, pairs them in order, exits 1 naming the cell', async () => {
    const files = [0, 1, 2, 3, 4, 5].map((r) => writeFile(dir, `round-${r}.samples.csv`, toCsv(records.filter((x) => x.runId === `round-${r}`))));
    const r = await compare({ ab: files });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`regression: ${victim.replace(/[/.]/g, '\\$&')} throughput -3\\d\\.\\d%`));
    expect(r.out).toContain('variant B against A');
    const single = await compare({ ab: [writeFile(dir, 'all.samples.csv', toCsv(records))], json: true });
    expect(single.code).toBe(1);
    expect(JSON.parse(single.out).cells.filter((c: { verdict: string }) => c.verdict === 'regression')).toHaveLength(1);
  });

  it('takes other variant names when told which is the baseline', async () => {
    const named = drawAbRecords(createRng(10), cells, { rounds: 6, samplesPerRound: 2, cv: 0.03, drift: 0.05, labels: ['main', 'pr'] });
    const path = writeFile(dir, 'named.samples.csv', toCsv(named));
    const refused = await compare({ ab: [path] });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/variants found: main, pr; say which is the baseline .*--base-variant/);
    const r = await compare({ ab: [path], baseVariant: 'main', newVariant: 'pr' });
    expect(r.code).toBe(0);
    expect(r.out).toContain('variant pr against main');
  });

  it('exits 2 when a row has no variant, or a named variant is absent', async () => {
    const plain = writeFile(dir, 'plain.samples.csv', toCsv(drawRecords(createRng(11), cells, { samples: 5, cv: 0.03 })));
    const r = await compare({ ab: [plain] });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/plain\.samples\.csv: line 2: the variant column is empty/);
    const all = writeFile(dir, 'all2.samples.csv', toCsv(records));
    const absent = await compare({ ab: [all], baseVariant: 'A', newVariant: 'C' });
    expect(absent.code).toBe(2);
    expect(absent.err).toMatch(/no sample has variant C/);
  });

  it('warns and pairs the common prefix when a cell has more samples under one variant', async () => {
    const extra = [...records, ...drawRecords(createRng(12), [cells[0]!], { samples: 1, cv: 0.03, variant: 'A', runId: 'round-6' })];
    const r = await compare({ ab: [writeFile(dir, 'extra.samples.csv', toCsv(extra))] });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/warning: cell .*: 13 samples under A, 12 under B; pairing the first 12/);
  });

  it('refuses a variant-labelled file in BASE/NEW mode', async () => {
    const all = writeFile(dir, 'all3.samples.csv', toCsv(records));
    const r = await compare({ base: all, new: all });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/holds several variants \(A, B\).*--ab/);
  });
});
