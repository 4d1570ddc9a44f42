import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import adviseCommand from '../src/cli/commands/advise.js';
import { SAMPLE_COLUMNS } from '../src/csv/schema.js';
import { runCommand } from './helpers/run-command.js';
import { cellRows, grid, writeCsv, type Measure } from './helpers/synthetic-results.js';

// Gather is 10 % faster. The cell file claims 20 % margins (within noise); the samples say ±1 %.
const measure: Measure = (c) => ({ bytesPerS: 1e9 * (c.strategy === 'gather' ? 1.1 : 1), rmePct: 20 });

describe('advise --samples', () => {
  it('takes the intervals from the sample file instead of rme_pct', async () => {
    const cells = grid({ models: ['completion-port'], strategies: ['gather', 'coalesce'], buffers: [32], sizes: [2048], connections: [8] });
    const rows = cellRows(cells, measure);
    const csv = writeCsv(rows);
    const samples = join(dirname(csv), 'cells.samples.csv');
    const sampleRows = rows.flatMap((r) =>
      [0.99, 1.0, 1.01, 1.0, 0.995, 1.005].map((f, i) => {
        const row: Record<string, string> = Object.fromEntries(SAMPLE_COLUMNS.map((k) => [k, r[k] ?? '']));
        return { ...row, sample: String(i), bytes_per_s: String(Number(r.bytes_per_s) * f) };
      }),
    );
    writeFileSync(samples, stringify(sampleRows, { header: true, columns: [...SAMPLE_COLUMNS] }));

    const fromRme = JSON.parse((await runCommand(adviseCommand, ['advise', csv, '--json'])).stdout);
    expect(fromRme.intervals).toBe('rme_pct');
    expect(fromRme.advice[0].outcome).toBe('no-difference');

    const result = await runCommand(adviseCommand, ['advise', csv, '--samples', samples, '--json']);
    expect(result.code).toBe(0);
    const fromSamples = JSON.parse(result.stdout);
    expect(fromSamples.intervals).toBe('samples');
    expect(fromSamples.advice[0].outcome).toBe('gather');
    expect(fromSamples.advice[0].at.high / fromSamples.advice[0].at.low).toBeLessThan(1.03);
  });
});
