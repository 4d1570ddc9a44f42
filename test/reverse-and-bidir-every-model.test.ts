import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { STRATEGIES } from '../src/types.js';
import { freePort, startProgram, stopProgram, waitForListener } from './helpers/external-peer.js';
import { useServer } from './helpers/in-process-server.js';
import { parseCsv, runNative } from './helpers/native-executable.js';
import { LINUX_MODELS } from './helpers/shapes.js';

// Odd sizes, so that every strategy's sends and every receive split the stream differently.
const SHAPE = '1,3,17,255,1000,4097';
const SHORT = ['--samples', '2', '--duration', '50', '--warmup', '0'];

const srv = useServer();
const dir = mkdtempSync(join(tmpdir(), 'sgbench-reverse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Counters {
  bytesReceived: number;
  bytesSent: number;
}
function serverCounters(): Counters {
  const { bytesReceived, bytesSent } = srv.server().stats();
  return { bytesReceived, bytesSent };
}

/**
 * The server counts a send when its loop reaps the completion, which can come just after the
 * client has read the bytes and exited: wait up to 2 s for the counters to reach `enough`.
 */
function countersReaching(before: Counters, enough: (moved: Counters) => boolean): Counters {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 2_000;
  for (;;) {
    const now = serverCounters();
    const moved = { bytesReceived: now.bytesReceived - before.bytesReceived, bytesSent: now.bytesSent - before.bytesSent };
    if (enough(moved) || Date.now() > deadline) return moved;
    Atomics.wait(pause, 0, 0, 10);
  }
}

interface Run {
  cell: Record<string, string>;
  samples: Record<string, string>[];
  server: Counters;
}
let runs = 0;
const sum = (rows: Record<string, string>[], k: string): number => rows.reduce((a, r) => a + Number(r[k]), 0);
/** `sgbench-native run` against the test's server; the cell row, its sample rows, and what the server moved meanwhile. */
function run(args: string[]): Run {
  const samplesOut = join(dir, `samples-${++runs}.csv`);
  const before = serverCounters();
  const r = runNative(['run', '--port', String(srv.port()), '--verify', ...SHORT, '--samples-out', samplesOut, ...args]);
  expect(r.code, r.stderr).toBe(0);
  const [cell] = parseCsv(r.stdout).rows;
  expect(cell?.errors).toBe('');
  const samples = parseCsv(readFileSync(samplesOut, 'utf8')).rows;
  expect(samples).toHaveLength(2);
  // What the client counted, the server has moved: sent to it (reverse, bidir) or received from
  // it (the confirmed part of bidir's bytes).
  const received = sum(samples, 'bytes');
  const server = countersReaching(before, (m) =>
    args.includes('--bidir') ? m.bytesReceived + m.bytesSent >= received && m.bytesSent > 0 : m.bytesSent >= received);
  return { cell: cell!, samples, server };
}

describe.each(LINUX_MODELS)('model %s', (model) => {
  describe.each(STRATEGIES)('server strategy %s', (strategy) => {
    for (const connections of [1, 4]) {
      test(`--reverse × ${connections} conn: the client receives the server's stream, verified; sends nothing`, () => {
        const { cell, samples, server } = run(['--model', model, '--strategy', strategy, '--shape', SHAPE, '--connections', String(connections), '--reverse']);
        expect(cell.direction).toBe('reverse');
        for (const s of samples) {
          expect(Number(s['bytes'])).toBeGreaterThan(0);
          expect(Number(s['recv_calls'])).toBeGreaterThan(0);
          expect(Number(s['send_calls'])).toBe(0);
          expect(Number(s['min_conn_bytes'])).toBeGreaterThan(0);
        }
        expect(server.bytesReceived).toBe(0);
        // The server sent at least what the client received (the rest waits in socket buffers).
        expect(server.bytesSent).toBeGreaterThanOrEqual(sum(samples, 'bytes'));
      });

      test(`--bidir × ${connections} conn: both directions move bytes at once, verified on both sides`, () => {
        const { cell, samples, server } = run(['--model', model, '--strategy', strategy, '--shape', SHAPE, '--connections', String(connections), '--bidir']);
        expect(cell.direction).toBe('bidir');
        for (const s of samples) {
          expect(Number(s['bytes'])).toBeGreaterThan(0);
          expect(Number(s['recv_calls'])).toBeGreaterThan(0);
          expect(Number(s['send_calls'])).toBeGreaterThan(0);
        }
        expect(server.bytesReceived).toBeGreaterThan(0);
        expect(server.bytesSent).toBeGreaterThan(0);
        // A sample's bytes are what the server confirmed plus what the client received.
        expect(sum(samples, 'bytes')).toBeLessThanOrEqual(server.bytesReceived + server.bytesSent);
      });
    }
  });

  test('--reverse into a 4 KiB receive buffer: receives complete short, are resumed by the next one, and verify', () => {
    const { samples } = run(['--model', model, '--shape', '65537,65537,65537,65537', '--connections', '2', '--rcvbuf', '4096', '--reverse']);
    expect(sum(samples, 'bytes')).toBeGreaterThan(0);
    expect(sum(samples, 'partial_recvs')).toBeGreaterThan(0);
  });

  test('--reverse into one 100-byte receive buffer: every receive takes at most 100 bytes, verified', () => {
    const { samples } = run(['--model', model, '--shape', SHAPE, '--connections', '2', '--recv', 'single:100', '--reverse']);
    for (const s of samples) {
      expect(Number(s['bytes'])).toBeGreaterThan(0);
      expect(Number(s['bytes'])).toBeLessThanOrEqual(Number(s['recv_calls']) * 100);
    }
  });
});

// A raw peer that sends the stream pattern with one byte flipped at stream offset 100 000.
const BAD_OFFSET = 100_000;
const CORRUPT_SOURCE = `
const net = require('node:net');
const K = 0x9E3779B97F4A7C15n, M = (1n << 64n) - 1n;
const buf = Buffer.alloc(1 << 20);
for (let i = 0; i < buf.length; i++) buf[i] = Number(((BigInt(i) * K) & M) >> 56n);
buf[${BAD_OFFSET}] ^= 1;
net.createServer((s) => {
  s.on('error', () => {});
  const pump = () => { while (!s.destroyed && s.write(buf)) {} };
  s.on('drain', pump);
  pump();
}).listen(Number(process.argv[1]), '127.0.0.1');
`;

// A byte budget, not a time slice: each connection must read past the bad offset however slowly
// the peer gets scheduled.
describe('a wrong byte in the server stream', () => {
  test.each(LINUX_MODELS)('%s: --reverse --verify fails and names the first wrong offset', async (model) => {
    const port = await freePort();
    const peer = startProgram(process.execPath, ['-e', CORRUPT_SOURCE, String(port)]);
    try {
      await waitForListener(port);
      const r = runNative(['run', '--peer', 'raw', '--port', String(port), '--model', model, '--reverse', '--verify', '--connections', '2', '--samples', '1', '--bytes', '1048576', '--warmup', '0']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(new RegExp(`stream carried a wrong byte at stream offset ${BAD_OFFSET} of connection`));
    } finally {
      await stopProgram(peer);
    }
  });
});
