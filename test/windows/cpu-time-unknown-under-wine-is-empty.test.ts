import { expect, test } from 'vitest';
import { readCsv, parseCsv } from './csv.js';
import { runWine, scratchFile, winPath, WIN_EXE } from './wine.js';

const CPU_COLUMNS = ['client_cpu_ns', 'server_cpu_ns', 'client_cpu_s_per_gib', 'server_cpu_s_per_gib'] as const;

/** An unknown CPU time is an empty field; a measured one is positive (threads that moved bytes ran). */
function knownOrEmpty(value: string | undefined): boolean {
  return value === '' || Number(value) > 0;
}

// GetThreadTimes counts whole ticks (10 ms under Wine): 50 ms samples on one connection leave some
// threads' clocks unchanged. Measured before the fix: client_cpu_s_per_gib and server_cpu_s_per_gib
// of 0 in such samples.
test('sgbench-native.exe: CPU columns of short samples are empty when the tick clock did not advance, never 0', async () => {
  const samples = scratchFile('cpu.samples.csv');
  const r = await runWine(WIN_EXE, [
    'run', '--model', 'overlapped-event', '--strategy', 'gather', '--buffers', '16', '--size', '64',
    '--connections', '1', '--duration', '50', '--samples', '10', '--warmup', '0', '--samples-out', winPath(samples),
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const cell = parseCsv(r.stdout).rows[0]!;
  for (const c of ['client_cpu_s_per_gib', 'server_cpu_s_per_gib'] as const) expect(knownOrEmpty(cell[c]), `${c}=${cell[c]}`).toBe(true);
  const rows = readCsv(samples).rows;
  expect(rows).toHaveLength(10);
  for (const row of rows) {
    for (const c of CPU_COLUMNS) expect(knownOrEmpty(row[c]), `sample ${row.sample} ${c}=${row[c]}`).toBe(true);
  }
  console.log(`50 ms samples under Wine: client CPU unknown in ${rows.filter((x) => x.client_cpu_ns === '').length} of 10, server CPU in ${rows.filter((x) => x.server_cpu_ns === '').length} of 10`);
}, 300_000);
