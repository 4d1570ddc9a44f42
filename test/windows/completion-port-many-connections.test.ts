import { expect, test } from 'vitest';
import { readCsv, parseCsv } from './csv.js';
import { runWine, scratchFile, winPath, WIN_EXE } from './wine.js';

/**
 * Most bytes one connection moved in a 1 s slice over the fewest. Measured under Wine: 1.1–3.6
 * with a connection whose operations complete at once (skip-on-success) queued behind the others
 * for its next turn; 2 800 when the worker kept driving it while its sends completed at once.
 */
const MAX_OVER_MIN = 8;

test('130 connections on completion-port: sends that complete at once do not let one connection take the time slice', async () => {
  const samples = scratchFile('cp130.samples.csv');
  const r = await runWine(WIN_EXE, [
    'run', '--model', 'completion-port', '--strategy', 'gather', '--buffers', '16', '--size', '64',
    '--connections', '130', '--duration', '1000', '--samples', '2', '--warmup', '0', '--verify',
    '--samples-out', winPath(samples),
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(parseCsv(r.stdout).rows[0]!.errors).toBe('');
  const rows = readCsv(samples).rows;
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    const min = Number(row.min_conn_bytes);
    const max = Number(row.max_conn_bytes);
    console.log(`completion-port, 130 connections, 1 s slice: min ${min} B, max ${max} B per connection`);
    expect(Number(row.bytes)).toBe(Number(row.messages) * 1024);
    expect(min).toBeGreaterThanOrEqual(1024);
    expect(max / min).toBeLessThanOrEqual(MAX_OVER_MIN);
  }
}, 300_000);
