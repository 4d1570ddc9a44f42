import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CELL_COLUMNS, SAMPLE_COLUMNS } from '../../src/csv/schema.js';
import { readCsv } from './csv.js';
import { ROOT, runWine, scratchFile, winPath, WIN_ADDON, WIN_NODE, WINDOWS_MODELS } from './wine.js';

const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const env = { SGBENCH_ADDON: winPath(WIN_ADDON) };
// The quick grid on every model, with short samples: the columns are the point, not the numbers.
const QUICK = ['run', 'quick', '--model', 'all', '--samples', '2', '--duration', '50ms', '--warmup', '0', '--quiet'];

test('Windows node.exe loads the cross-built addon: every Windows model is available, through Winsock', async () => {
  const r = await runWine(WIN_NODE, [winPath(CLI), 'models', '--json'], env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const list = JSON.parse(r.stdout) as Array<{ model: string; state: string; mechanism: string }>;
  expect(list.map((m) => m.model)).toEqual([...WINDOWS_MODELS]);
  for (const m of list) {
    expect(m.state).toBe('available');
    expect(m.mechanism).toMatch(/WSA|completion port|Winsock/i);
  }
}, 120_000);

test('`sgbench run quick` in Windows node.exe writes the same columns and cells as on Linux', async () => {
  const winOut = scratchFile('quick-win.csv');
  const win = await runWine(WIN_NODE, [winPath(CLI), ...QUICK, '--out', winPath(winOut)], env);
  expect(win.stderr).toBe('');
  expect(win.code).toBe(0);

  const linuxOut = scratchFile('quick-linux.csv');
  const linux = spawnSync(process.execPath, [CLI, ...QUICK, '--out', linuxOut], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  expect(linux.stderr).toBe('');
  expect(linux.status).toBe(0);

  const w = readCsv(winOut);
  const l = readCsv(linuxOut);
  expect(w.header).toEqual([...CELL_COLUMNS]);
  expect(w.header).toEqual(l.header);
  expect(w.rows.map((r) => r.cell_key).sort()).toEqual(l.rows.map((r) => r.cell_key).sort());
  expect(w.rows).toHaveLength(5 * 24);
  for (const row of w.rows) {
    expect(row.os).toBe('win32');
    expect(row.errors).toBe('');
    expect(row.verify).toBe('true');
    expect(Number(row.bytes_per_s)).toBeGreaterThan(0);
    // Unknown CPU time (a tick clock that did not advance) is empty, never 0.
    for (const c of ['client_cpu_s_per_gib', 'server_cpu_s_per_gib'] as const) expect(row[c] === '' || Number(row[c]) > 0, `${row.cell_key} ${c}=${row[c]}`).toBe(true);
  }
  const ws = readCsv(winOut.replace(/\.csv$/, '.samples.csv'));
  const ls = readCsv(linuxOut.replace(/\.csv$/, '.samples.csv'));
  expect(ws.header).toEqual([...SAMPLE_COLUMNS]);
  expect(ws.header).toEqual(ls.header);
}, 900_000);
