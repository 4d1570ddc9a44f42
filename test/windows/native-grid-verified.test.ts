import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { parseCsv, readCsv } from './csv.js';
import { LINUX_EXE, runWine, scratchFile, winPath, WIN_EXE, WINDOWS_MODELS } from './wine.js';

const STRATEGIES = ['gather', 'coalesce', 'sequential'] as const;
const SHAPES: Array<[string, number, number]> = [
  ['1x1B', 1, 1],
  ['16x64B', 16, 64],
  ['64x4KiB', 64, 4096],
  ['1024x1B', 1024, 1],
];
const CONNECTIONS = [1, 64, 65, 130];

/**
 * Messages per connection: enough for resumption and ordering to matter, few enough that the
 * suite stays bounded under Wine (a Winsock call there costs about 0.1–0.2 ms): about 64 calls
 * a connection, at least one whole message.
 */
function messagesPerConnection(strategy: string, buffers: number, size: number): number {
  if (buffers * size >= 65536) return 1;
  const calls = strategy === 'sequential' ? buffers : 1;
  return Math.max(1, Math.min(4, Math.floor(64 / calls)));
}

interface Counts {
  bytes: number;
  messages: number;
  /** Calls apart from resumptions after short completions (those depend on the kernel's buffers). */
  wholeSendCalls: number;
  recvCalls: number;
  minConn: number;
  maxConn: number;
}

function countsOf(samplesCsv: string): Counts {
  const { rows } = readCsv(samplesCsv);
  expect(rows).toHaveLength(1);
  const r = rows[0]!;
  return {
    bytes: Number(r.bytes),
    messages: Number(r.messages),
    wholeSendCalls: Number(r.send_calls) - Number(r.partial_sends),
    recvCalls: Number(r.recv_calls),
    minConn: Number(r.min_conn_bytes),
    maxConn: Number(r.max_conn_bytes),
  };
}

describe.each(WINDOWS_MODELS)('%s under Wine, verified', (model) => {
  describe.each(STRATEGIES)('%s', (strategy) => {
    const cells = SHAPES.flatMap(([label, buffers, size]) => CONNECTIONS.map((c) => [label, buffers, size, c] as const));
    test.concurrent.each(cells)('%s × %i connections: every byte arrives, counts agree with Linux', async (_label, buffers, size, connections) => {
      const perConn = messagesPerConnection(strategy, buffers, size);
      const budget = connections * perConn * buffers * size;
      const args = (samplesOut: string) => [
        'run', '--model', model, '--strategy', strategy, '--buffers', String(buffers), '--size', String(size),
        '--connections', String(connections), '--bytes', String(budget), '--samples', '1', '--warmup', '0',
        '--verify', '--timeout', '120000', '--samples-out', samplesOut,
      ];
      const winSamples = scratchFile('win.samples.csv');
      const win = await runWine(WIN_EXE, args(winPath(winSamples)));
      expect(win.stderr, win.stdout).toBe('');
      expect(win.code).toBe(0);
      const row = parseCsv(win.stdout).rows[0]!;
      expect(row.errors).toBe('');
      expect(row.verify).toBe('true');

      const linuxSamples = scratchFile('linux.samples.csv');
      const linux = spawnSync(LINUX_EXE, args(linuxSamples), { encoding: 'utf8', timeout: 120_000 });
      expect(linux.stderr).toBe('');
      expect(linux.status).toBe(0);

      const w = countsOf(winSamples);
      const l = countsOf(linuxSamples);
      expect(w.bytes).toBe(budget);
      expect(w.messages).toBe(connections * perConn);
      expect(w.wholeSendCalls).toBe(w.messages * (strategy === 'sequential' ? buffers : 1));
      // Every connection moved its share: none starved.
      expect([w.minConn, w.maxConn]).toEqual([perConn * buffers * size, perConn * buffers * size]);
      expect(w).toEqual(l);
    }, 300_000);
  });
});
