import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../src/report/index.js';
import { renderInChromium } from './helpers/chromium.js';
import { cellRows, grid, realisticMeasure, writeCsv } from './helpers/synthetic-results.js';

const METRIC_COLUMNS = [
  'gbit_per_s', 'msgs_per_s', 'client_cpu_s_per_gib', 'server_cpu_s_per_gib', 'syscalls_per_msg',
  'latency_p50_us', 'latency_p99_us', 'latency_p999_us',
];

/** Panels the CSV calls for, counted from the raw rows: a chart per metric × group × connections × size, a heat map per group × connections. */
function expectedPanels(csvPath: string): number {
  const rows = parse(readFileSync(csvPath), { columns: true }) as Record<string, string>[];
  const group = (r: Record<string, string>) => `${r.model}/${r.mode}`;
  let panels = 0;
  for (const column of METRIC_COLUMNS) {
    panels += new Set(rows.filter((r) => r[column] !== '').map((r) => `${group(r)}/${r.connections}/${r.buffer_bytes}`)).size;
  }
  const pairable = rows.filter((r) => Number(r.buffers) >= 2);
  const withBoth = new Set(
    pairable.filter((r) => r.strategy === 'gather').map((r) => `${group(r)}/${r.connections}/${r.buffers}/${r.buffer_bytes}`),
  );
  const heatmaps = new Set(
    pairable
      .filter((r) => r.strategy === 'coalesce' && withBoth.has(`${group(r)}/${r.connections}/${r.buffers}/${r.buffer_bytes}`))
      .map((r) => `${group(r)}/${r.connections}`),
  );
  return panels + heatmaps.size;
}

describe('sgbench report in a browser', () => {
  it('draws every panel in headless Chromium without a single error or request', async () => {
    const axes = { strategies: ['gather', 'coalesce', 'sequential'], buffers: [1, 4, 16, 64], sizes: [64, 1024, 4096, 65536] };
    const sink = grid({ ...axes, models: ['overlapped-event', 'blocking'], connections: [1, 4] });
    const echo = grid({ ...axes, models: ['overlapped-event'], connections: [1] }).map((c) => ({ ...c, mode: 'echo' }));
    const csv = writeCsv(cellRows([...sink, ...echo], realisticMeasure));
    const html = join(dirname(csv), 'report.html');

    const written = writeReport(csv, html);
    const expected = expectedPanels(csv);
    // 5 metrics × 2 models × 2 connection counts × 4 sizes + 8 metrics × 4 sizes (echo) + 5 heat maps
    expect(expected).toBe(80 + 32 + 5);
    expect(written.panels).toBe(expected);

    const page = await renderInChromium(html, 'test-artifacts/report-renders-in-chromium.png');
    expect(page.errors).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.failedPanels).toEqual([]);
    expect(page.panels).toBe(expected);
    expect(page.charts).toBe(expected);
    expect(page.emptyCharts).toBe(0);
  });
});
