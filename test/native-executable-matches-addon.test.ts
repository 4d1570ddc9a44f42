import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Server, Session } from '../src/native.js';
import { CELL_COLUMNS, SAMPLE_COLUMNS } from '../src/csv/schema.js';
import { makeCell } from '../src/grid/cells.js';
import { cellStatistics } from '../src/runner/cell-statistics.js';
import { measureCell } from '../src/runner/measure-cell.js';
import type { SampleCounters, Strategy } from '../src/types.js';
import { LINUX_MODELS } from './helpers/shapes.js';
import { parseCsv, runNative } from './helpers/native-executable.js';

const STRATEGIES: Strategy[] = ['gather', 'coalesce', 'sequential'];
const BUFFERS = 16;
const SIZE = 64;
const CONNECTIONS = 4;
const BYTES = 256 * 1024;
const SAMPLES = 3;

let server: Server;
const dir = mkdtempSync(join(tmpdir(), 'sgbench-native-'));

beforeAll(() => {
  server = Server.start({});
});
afterAll(async () => {
  await server.stop();
});

function countersOf(row: Record<string, string>): SampleCounters {
  return {
    bytes: Number(row.bytes),
    messages: Number(row.messages),
    sendCalls: Number(row.send_calls),
    recvCalls: Number(row.recv_calls),
    partialSends: Number(row.partial_sends),
    partialRecvs: Number(row.partial_recvs),
    wallNs: Number(row.wall_ns),
    clientCpuNs: Number(row.client_cpu_ns),
    serverCpuNs: row.server_cpu_ns === '' ? null : Number(row.server_cpu_ns),
    latency: null,
  };
}

function close(actual: string | undefined, expected: number): void {
  expect(Number(actual)).toBeCloseTo(expected, 0);
  expect(Math.abs(Number(actual) - expected)).toBeLessThanOrEqual(Math.abs(expected) * 1e-8 + 1e-9);
}

describe.each(LINUX_MODELS)('sgbench-native and the addon, model %s', (model) => {
  test.each(STRATEGIES)(`%s, ${BUFFERS}x${SIZE} B, ${CONNECTIONS} connections, --bytes ${BYTES}: same columns, same counts`, async (strategy) => {
    const samplesOut = join(dir, `${model}-${strategy}.samples.csv`);
    const r = runNative([
      'run', '--port', String(server.port), '--model', model, '--strategy', strategy,
      '--buffers', String(BUFFERS), '--size', String(SIZE), '--connections', String(CONNECTIONS),
      '--bytes', String(BYTES), '--samples', String(SAMPLES), '--warmup', '0', '--verify',
      '--samples-out', samplesOut,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cells = parseCsv(r.stdout);
    expect(cells.header).toEqual([...CELL_COLUMNS]);
    expect(cells.rows).toHaveLength(1);
    const samples = parseCsv(readFileSync(samplesOut, 'utf8'));
    expect(samples.header).toEqual([...SAMPLE_COLUMNS]);
    expect(samples.rows).toHaveLength(SAMPLES);

    // The same cell through the addon.
    const session = await Session.open({
      model, strategy, buffers: Array(BUFFERS).fill(SIZE), connections: CONNECTIONS, verify: true, port: server.port,
    });
    const viaAddon: SampleCounters[] = [];
    try {
      for (let i = 0; i < SAMPLES; i++) viaAddon.push(await session.sample({ bytes: BYTES }));
    } finally {
      await session.close();
    }
    const viaNative = samples.rows.map(countersOf);
    const counts = (c: SampleCounters) => [c.bytes, c.messages, c.sendCalls, c.recvCalls];
    expect(viaNative.map(counts)).toEqual(viaAddon.map(counts));
    expect(viaNative[0]!.bytes).toBe(BYTES);

    // The cell row is what the runner would write for these samples.
    const row = cells.rows[0]!;
    const cell = makeCell({
      model, strategy, buffers: BUFFERS, bufferBytes: SIZE, connections: CONNECTIONS, depth: 1,
      recv: { kind: 'mirror' }, mode: 'sink', nodelay: true, affinity: 'none',
    });
    expect(row.cell_key).toBe(cell.key);
    expect(row.shape).toBe(cell.shape);
    expect(row.message_bytes).toBe(String(BUFFERS * SIZE));
    expect(row.sample_bytes).toBe(String(BYTES));
    expect(row.sample_ms).toBe('');
    expect(row.errors).toBe('');
    let i = 0;
    const replay = await measureCell({ sample: async () => viaNative[i++]! }, { budget: { bytes: BYTES }, samples: SAMPLES, warmupMs: 0 });
    const stats = cellStatistics(viaNative, replay.throughput);
    close(row.bytes_per_s, stats.bytesPerS);
    close(row.msgs_per_s, stats.msgsPerS);
    close(row.syscalls_per_msg, stats.syscallsPerMsg!);
    close(row.rme_pct, stats.rmePct);
    close(row.sd_bytes_per_s, stats.sdBytesPerS);
    close(row.min_bytes_per_s, stats.minBytesPerS);
    close(row.p50_bytes_per_s, stats.p50BytesPerS);
    close(row.max_bytes_per_s, stats.maxBytesPerS);
    close(row.client_cpu_s_per_gib, stats.clientCpuSPerGib!);
    close(row.server_cpu_s_per_gib, stats.serverCpuSPerGib!);
    expect(row.latency_p50_us).toBe('');
  });
});
