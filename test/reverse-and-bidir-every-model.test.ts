import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { NativeIoError } from '../src/errors.js';
import { Session } from '../src/native.js';
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
  // bytesSent is new in the addon's stats; read it without depending on the TypeScript type.
  const s = srv.server().stats() as unknown as Record<string, number>;
  return { bytesReceived: s['bytesReceived'] ?? 0, bytesSent: s['bytesSent'] ?? 0 };
}

interface Run {
  cell: Record<string, string>;
  samples: Record<string, string>[];
  server: Counters;
}
let runs = 0;
/** `sgbench-native run` against the test's server; the cell row, its sample rows, and what the server moved meanwhile. */
function run(args: string[]): Run {
  const samplesOut = join(dir, `samples-${++runs}.csv`);
  const before = serverCounters();
  const r = runNative(['run', '--port', String(srv.port()), '--verify', ...SHORT, '--samples-out', samplesOut, ...args]);
  const after = serverCounters();
  expect(r.code, r.stderr).toBe(0);
  const [cell] = parseCsv(r.stdout).rows;
  expect(cell?.errors).toBe('');
  const samples = parseCsv(readFileSync(samplesOut, 'utf8')).rows;
  expect(samples).toHaveLength(2);
  return {
    cell: cell!,
    samples,
    server: { bytesReceived: after.bytesReceived - before.bytesReceived, bytesSent: after.bytesSent - before.bytesSent },
  };
}
const sum = (rows: Record<string, string>[], k: string): number => rows.reduce((a, r) => a + Number(r[k]), 0);

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

describe.each(['reverse', 'bidir'] as const)('cancel() during --%s', (direction) => {
  test.each(LINUX_MODELS)('%s: the sample ends with ECANCELED at once', async (model) => {
    const s = await Session.open({ model, direction, buffers: [1, 300, 4097, 65_521], connections: 2, verify: true, port: srv.port() });
    try {
      const running = s.sample({ durationMs: 10_000 });
      setTimeout(() => s.cancel(), 100);
      const t0 = performance.now();
      const err = await running.then(
        () => null,
        (e: unknown) => e,
      );
      expect(performance.now() - t0).toBeLessThan(2_000);
      expect(err).toBeInstanceOf(NativeIoError);
      expect((err as NativeIoError).code).toBe('ECANCELED');
    } finally {
      await s.close();
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

describe('a wrong byte in the server stream', () => {
  test.each(LINUX_MODELS)('%s: --reverse --verify fails and names the first wrong offset', async (model) => {
    const port = await freePort();
    const peer = startProgram(process.execPath, ['-e', CORRUPT_SOURCE, String(port)]);
    try {
      await waitForListener(port);
      const r = runNative(['run', '--peer', 'raw', '--port', String(port), '--model', model, '--reverse', '--verify', '--connections', '2', '--samples', '1', '--duration', '50', '--warmup', '0']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(new RegExp(`stream carried a wrong byte at stream offset ${BAD_OFFSET} of connection`));
    } finally {
      await stopProgram(peer);
    }
  });
});
