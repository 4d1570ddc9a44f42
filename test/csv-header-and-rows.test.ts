import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandHandler } from '../src/cli/commands/run.js';
import { CELL_COLUMNS, SAMPLE_COLUMNS } from '../src/csv/schema.js';
import { fakeNative } from './helpers/fake-native.js';
import { documentedColumns, readCsv } from './helpers/csv-files.js';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const NUMERIC_CELL_COLUMNS = [
  'cores', 'buffers', 'buffer_bytes', 'message_bytes', 'connections', 'depth', 'samples', 'bytes_per_s', 'gbit_per_s',
  'msgs_per_s', 'rme_pct', 'sd_bytes_per_s', 'min_bytes_per_s', 'p50_bytes_per_s', 'max_bytes_per_s', 'syscalls_per_msg',
  'partial_sends', 'client_cpu_s_per_gib', 'server_cpu_s_per_gib', 'sample_ms',
];

describe('CSV header and rows', () => {
  let dir: string;
  let code: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sgbench-csv-'));
    code = await runCommandHandler(
      {
        preset: 'quick',
        out: join(dir, 'run.csv'),
        quiet: true,
        duration: '1ms',
        warmup: '0',
        samples: '3',
        mode: 'sink,echo',
        variant: 'a "quoted", label',
      },
      fakeNative(),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes both files with the documented header, in schema order', () => {
    expect(code).toBe(0);
    const cells = readCsv(join(dir, 'run.csv'));
    const samples = readCsv(join(dir, 'run.samples.csv'));
    expect(cells.header).toEqual([...CELL_COLUMNS]);
    expect(samples.header).toEqual([...SAMPLE_COLUMNS]);
    expect(documentedColumns('Cell file')).toEqual([...CELL_COLUMNS]);
    expect(documentedColumns('Sample file')).toEqual([...SAMPLE_COLUMNS]);
  });

  it('writes one row per cell and one per sample, every field parsed back', () => {
    const cells = readCsv(join(dir, 'run.csv')).rows;
    const samples = readCsv(join(dir, 'run.samples.csv')).rows;
    // quick: 2 buffer counts × 2 sizes × 2 connection counts × 3 strategies, here × 2 modes.
    expect(cells).toHaveLength(48);
    expect(samples).toHaveLength(48 * 3);
    expect(new Set(cells.map((r) => r.cell_key)).size).toBe(48);
    for (const row of cells) {
      expect(row.variant).toBe('a "quoted", label');
      expect(row.preset).toBe('quick');
      expect(row.verify).toBe('true');
      expect(row.backend).toBe('fake-uring');
      expect(row.errors).toBe('');
      for (const column of NUMERIC_CELL_COLUMNS) expect(row[column], column).toMatch(PLAIN_NUMBER);
      expect(Number(row.message_bytes)).toBe(Number(row.buffers) * Number(row.buffer_bytes));
      expect(row.sample_bytes).toBe('');
      expect(row.threads).toBe('');
    }
  });

  it('leaves latency empty in sink mode and fills it in echo mode', () => {
    const cells = readCsv(join(dir, 'run.csv')).rows;
    for (const row of cells) {
      const latency = [row.latency_p50_us, row.latency_p99_us, row.latency_p999_us, row.latency_max_us];
      if (row.mode === 'sink') expect(latency).toEqual(['', '', '', '']);
      else expect(latency).toEqual(['10', '20', '30', '40']);
    }
  });

  it('reports Σbytes / Σwall of its samples as the cell throughput', () => {
    const cells = readCsv(join(dir, 'run.csv')).rows;
    const samples = readCsv(join(dir, 'run.samples.csv')).rows;
    for (const cell of cells) {
      const own = samples.filter((s) => s.cell_key === cell.cell_key);
      expect(own.map((s) => s.sample)).toEqual(['0', '1', '2']);
      const bytes = own.reduce((a, s) => a + Number(s.bytes), 0);
      const wall = own.reduce((a, s) => a + Number(s.wall_ns), 0);
      expect(Number(cell.bytes_per_s) / ((bytes * 1e9) / wall)).toBeCloseTo(1, 7);
      for (const s of own) for (const column of ['bytes', 'wall_ns', 'bytes_per_s', 'client_cpu_s_per_gib']) expect(s[column]).toMatch(PLAIN_NUMBER);
    }
  });

  it('records a failed cell with its error and empty results, and exits 1', async () => {
    const out = join(dir, 'failing.csv');
    const failing = await runCommandHandler(
      { preset: 'quick', out, quiet: true, duration: '1ms', warmup: '0', samples: '2', buffers: '1', sizes: '64', connections: '1' },
      fakeNative({ failKey: (spec) => spec.strategy === 'coalesce' }),
    );
    expect(failing).toBe(1);
    const rows = readCsv(out).rows;
    expect(rows.map((r) => [r.strategy, r.errors])).toEqual([
      ['gather', ''],
      ['coalesce', 'fake failure'],
      ['sequential', ''],
    ]);
    expect(rows[1]?.bytes_per_s).toBe('');
    expect(rows[1]?.rme_pct).toBe('');
    expect(rows[1]?.samples).toBe('0');
  });
});
