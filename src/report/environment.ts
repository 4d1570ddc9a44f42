/** The environment table of a report: machine, version, date, preset and the flags of the run. */
import type { CellRecord } from './cell-record.js';

const FIELDS: [label: string, value: (c: CellRecord) => string][] = [
  ['host', (c) => c.host],
  ['OS', (c) => c.os],
  ['kernel', (c) => c.kernel],
  ['CPU', (c) => c.cpuModel],
  ['cores', (c) => (c.cores === null ? '' : String(c.cores))],
  ['sgbench', (c) => c.sgbenchVersion],
  ['run', (c) => c.runId],
  ['preset', (c) => c.preset],
  ['variant', (c) => c.variant],
  ['models', (c) => (c.backend ? `${c.model} (${c.backend})` : c.model)],
  ['strategies', (c) => c.strategy],
  ['mode', (c) => c.mode],
  ['depth', (c) => (c.depth === null ? '' : String(c.depth))],
  ['receive shape', (c) => c.recvShape],
  ['TCP_NODELAY', (c) => c.nodelay],
  ['affinity', (c) => c.affinity],
  ['peer', (c) => c.peer],
  ['threads', (c) => c.threads],
  ['verify', (c) => c.verify],
  ['sample', (c) => (c.sampleMs !== null ? `${c.sampleMs} ms` : c.sampleBytes !== null ? `${c.sampleBytes} B` : '')],
  ['samples per cell', (c) => (c.samples === null ? '' : String(c.samples))],
];

/** Label/value rows: each field's distinct values joined, fields empty in every row left out. */
export function environmentRows(cells: readonly CellRecord[]): [string, string][] {
  const rows: [string, string][] = [];
  const started = cells.map((c) => c.startedAt).filter((s) => s !== '').sort();
  if (started.length > 0) {
    const first = started[0]!;
    const last = started[started.length - 1]!;
    rows.push(['date', first === last ? first : `${first} to ${last}`]);
  }
  for (const [label, value] of FIELDS) {
    const values = [...new Set(cells.map(value).filter((v) => v !== ''))];
    if (values.length > 0) rows.push([label, values.join(', ')]);
  }
  const steal = cells.map((c) => c.stealPct).filter((s): s is number => s !== null);
  if (steal.length > 0) rows.push(['steal time, worst cell', `${Math.max(...steal).toFixed(1)} %`]);
  rows.push(['cells', String(cells.length)]);
  return rows;
}
