import { expect, test } from 'vitest';
import { readCsv, parseCsv } from './csv.js';
import { runWine, scratchFile, winPath, WIN_EXE } from './wine.js';

/**
 * Most bytes one connection moved in a 1 s slice over the fewest. Measured under Wine with every
 * connection taking one turn per wake-up: 1.1–1.4 alone, up to 2.8 beside another Wine cell (a
 * waiting thread that serviced one connection until it had nothing new gave 2 800–6 700). The
 * margin covers a worker thread that starts late on a loaded machine.
 */
const MAX_OVER_MIN = 8;

test('130 connections on overlapped-event (three waiting threads of ≤ 64 events): all complete, each moves a fair share of every time slice', async () => {
  const samples = scratchFile('130.samples.csv');
  const r = await runWine(WIN_EXE, [
    'run', '--model', 'overlapped-event', '--strategy', 'gather', '--buffers', '16', '--size', '64',
    '--connections', '130', '--duration', '1000', '--samples', '3', '--warmup', '0', '--verify',
    '--samples-out', winPath(samples),
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(parseCsv(r.stdout).rows[0]!.errors).toBe('');
  const rows = readCsv(samples).rows;
  expect(rows).toHaveLength(3);
  for (const row of rows) {
    const min = Number(row.min_conn_bytes);
    const max = Number(row.max_conn_bytes);
    // Printed for the record: how evenly 130 connections shared a time slice.
    console.log(`130 connections, 1 s slice: min ${min} B, max ${max} B per connection, ${row.messages} messages`);
    expect(min).toBeGreaterThanOrEqual(1024);
    expect(max).toBeGreaterThanOrEqual(min);
    expect(max / min).toBeLessThanOrEqual(MAX_OVER_MIN);
  }
}, 300_000);

test('1000 connections on overlapped-event: every connection completes its budget, verified', async () => {
  const samples = scratchFile('1000.samples.csv');
  const r = await runWine(WIN_EXE, [
    'run', '--model', 'overlapped-event', '--strategy', 'gather', '--buffers', '16', '--size', '64',
    '--connections', '1000', '--bytes', String(1000 * 2 * 1024), '--samples', '1', '--warmup', '0', '--verify',
    '--timeout', '240000', '--samples-out', winPath(samples),
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const row = readCsv(samples).rows[0]!;
  expect(Number(row.bytes)).toBe(1000 * 2 * 1024);
  expect(Number(row.messages)).toBe(2000);
  expect([Number(row.min_conn_bytes), Number(row.max_conn_bytes)]).toEqual([2048, 2048]);
}, 300_000);
