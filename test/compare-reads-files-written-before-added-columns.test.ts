import { describe, expect, it } from 'vitest';
import { readSampleFileSync } from '../src/compare/sample-file.js';
import { SAMPLE_COLUMNS } from '../src/csv/schema.js';
import { tempDir, writeFile } from './helpers/compare-cli.js';
import { createRng, drawRecords, syntheticCells, toCsv } from './helpers/synthetic-samples.js';

/** Drops the named columns from a CSV whose fields contain no commas. */
function withoutColumns(csv: string, drop: string[]): string {
  const lines = csv.trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const keep = header.map((h, i) => (drop.includes(h) ? -1 : i)).filter((i) => i >= 0);
  return lines.map((l) => keep.map((i) => l.split(',')[i]).join(',')).join('\n') + '\n';
}

// Columns are only ever appended to the schema, so a baseline written by an older version lacks
// the newest ones: compare must still read it, as long as the columns it uses are there.
describe('compare reads sample files written before later columns were added', () => {
  const dir = tempDir();
  const cells = syntheticCells(3);
  const csv = toCsv(drawRecords(createRng(7), cells, { samples: 9, cv: 0.03 }));

  it('accepts a file without the fairness columns', () => {
    expect(SAMPLE_COLUMNS).toContain('min_conn_bytes');
    const old = writeFile(dir, 'old.samples.csv', withoutColumns(csv, ['min_conn_bytes', 'max_conn_bytes']));
    const file = readSampleFileSync(old);
    expect(new Set(file.records.map((r) => r.cell)).size).toBe(3);
  });

  it('still refuses a file without a column it reads, naming it', () => {
    const broken = writeFile(dir, 'broken.samples.csv', withoutColumns(csv, ['bytes_per_s']));
    expect(() => readSampleFileSync(broken)).toThrow(/missing column bytes_per_s/);
  });
});
