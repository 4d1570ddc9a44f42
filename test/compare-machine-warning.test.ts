import { describe, expect, it } from 'vitest';
import { compare, tempDir, writeFile } from './helpers/compare-cli.js';
import { createRng, drawRecords, syntheticCells, toCsv } from './helpers/synthetic-samples.js';

describe('compare warns when BASE and NEW come from different machines', () => {
  const dir = tempDir();
  const cells = syntheticCells(3);
  const rng = createRng(21);

  it('names the fields that differ and still decides', async () => {
    const base = writeFile(dir, 'base.samples.csv', toCsv(drawRecords(rng, cells, { samples: 9, cv: 0.03, host: 'runner-a' })));
    const next = writeFile(dir, 'new.samples.csv', toCsv(drawRecords(rng, cells, { samples: 9, cv: 0.03, host: 'runner-b' })));
    const r = await compare({ base, new: next });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/warning: BASE and NEW come from different machines \(host: runner-a vs runner-b\).*Hint: .*--ab/);
    expect(r.out).not.toMatch(/kernel:|CPU model:/);
  });

  it('says nothing when the machine is the same', async () => {
    const base = writeFile(dir, 'same-a.samples.csv', toCsv(drawRecords(rng, cells, { samples: 9, cv: 0.03 })));
    const next = writeFile(dir, 'same-b.samples.csv', toCsv(drawRecords(rng, cells, { samples: 9, cv: 0.03 })));
    const r = await compare({ base, new: next });
    expect(r.out).not.toContain('different machines');
  });
});
