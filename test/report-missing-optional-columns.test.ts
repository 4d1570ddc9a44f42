import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../src/report/index.js';
import { renderInChromium } from './helpers/chromium.js';
import { cellRows, grid, realisticMeasure, writeCsv } from './helpers/synthetic-results.js';

// A minimal file: one model, no echo data, no CPU, syscall, latency, environment or key columns.
const COLUMNS = ['model', 'strategy', 'buffers', 'buffer_bytes', 'connections', 'bytes_per_s', 'rme_pct'];

describe('report from a CSV missing optional columns', () => {
  it('still draws throughput charts and heat maps, and the crossover answer', async () => {
    const cells = grid({ models: ['readiness'], strategies: ['gather', 'coalesce'], buffers: [1, 8], sizes: [512, 8192], connections: [2] });
    const csv = writeCsv(cellRows(cells, realisticMeasure), COLUMNS);
    const html = join(dirname(csv), 'minimal.html');

    const written = writeReport(csv, html);
    // Throughput (derived from bytes_per_s) for 2 sizes, one heat map; nothing for the absent columns.
    expect(written.panels).toBe(2 + 1);
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('At 2 connections with readiness, gather 8 × 8 KiB buffers rather than copying: 1.20×');
    expect(text).not.toContain('Echo latency');
    expect(text).not.toContain('Client CPU per GiB');

    const page = await renderInChromium(html, 'test-artifacts/report-missing-optional-columns.png');
    expect(page.errors).toEqual([]);
    expect(page.charts).toBe(3);
    expect(page.emptyCharts).toBe(0);
  });

  it('accepts optional columns that are present but empty', () => {
    const cells = grid({ models: ['blocking'], strategies: ['gather', 'coalesce'], buffers: [4], sizes: [4096], connections: [1] });
    const rows = cellRows(cells, realisticMeasure).map((r) => ({ ...r, rme_pct: '', gbit_per_s: '', msgs_per_s: '', client_cpu_s_per_gib: '', server_cpu_s_per_gib: '', syscalls_per_msg: '', steal_pct: '' }));
    const csv = writeCsv(rows);
    const written = writeReport(csv, join(dirname(csv), 'empty-columns.html'));
    expect(written.panels).toBe(1 + 1);
    expect(readFileSync(written.outPath, 'utf8')).toContain('cannot tell gathering from copying');
  });
});
