import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import reportCommand from '../src/cli/commands/report.js';
import { renderInChromium } from './helpers/chromium.js';
import { runCommand } from './helpers/run-command.js';
import { cellRows, grid, realisticMeasure, writeCsv } from './helpers/synthetic-results.js';

describe('sgbench report BASE NEW', () => {
  it('charts NEW ÷ BASE per cell and names the regression', async () => {
    const cells = grid({ models: ['overlapped-event'], strategies: ['gather', 'coalesce'], buffers: [4, 16], sizes: [64, 4096], connections: [1, 4] });
    const base = writeCsv(cellRows(cells, realisticMeasure), undefined, 'base.csv');
    // NEW: gather 16 × 4 KiB at 4 connections lost 20 %; coalesce 4 × 64 B gained 1 %, within noise.
    const next = writeCsv(
      cellRows(cells, (c) => {
        const m = realisticMeasure(c);
        if (c.strategy === 'gather' && c.buffers === 16 && c.bufferBytes === 4096 && c.connections === 4) return { ...m, bytesPerS: m.bytesPerS * 0.8 };
        if (c.strategy === 'coalesce' && c.buffers === 4 && c.bufferBytes === 64) return { ...m, bytesPerS: m.bytesPerS * 1.01 };
        return m;
      }),
      undefined,
      'new.csv',
    );
    const out = join(dirname(next), 'compare.html');

    const result = await runCommand(reportCommand, ['report', base, next, '--out', out]);
    // No sample CSV beside either file: the fallback says so, on the terminal and on the page.
    expect(result.stderr).toMatch(/^warning: no sample CSV for BASE \S+base\.csv \(\S+base\.samples\.csv not found\)/m);
    expect(result.stderr).toMatch(/^warning: no sample CSV for NEW \S+new\.csv /m);
    expect(result.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('Not the verdicts of sgbench compare: BASE and NEW have no sample CSV');
    expect(html).toContain('16 cells in both runs: 1 regressed, 0 improved, 15 unchanged');
    expect(html).toContain('Regression: overlapped-event, gather 16 × 4 KiB at 4 connections: 0.80× [0.78, 0.82] of BASE.');

    const page = await renderInChromium(out, 'test-artifacts/report-compares-two-runs.png');
    expect(page.errors).toEqual([]);
    expect(page.failedPanels).toEqual([]);
    // 2 comparison panels (1 and 4 connections), 2 heat maps, 5 metrics × 2 connections × 2 sizes.
    expect(page.charts).toBe(2 + 2 + 20);
    expect(page.panels).toBe(page.charts);
  });
});
