import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { NativeIoError } from '../src/errors.js';
import { LINUX_MODELS } from './helpers/shapes.js';

const TIMEOUT_MS = 700;
// Generous: a blocking writev may wait once for SO_SNDTIMEO after a short write before failing.
const BOUND_MS = 3 * TIMEOUT_MS + 1000;
const BUFFERS = [4096, 4096, 4096, 4096];

/** Expects `p` to reject with ETIMEDOUT within BOUND_MS; returns how long it took. */
async function timesOut(p: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  const err = await p().then(
    () => null,
    (e: unknown) => e,
  );
  const took = performance.now() - t0;
  expect(err).toBeInstanceOf(NativeIoError);
  expect((err as NativeIoError).code).toBe('ETIMEDOUT');
  expect(took).toBeLessThan(BOUND_MS);
  return took;
}

describe('a peer that accepts and never reads', () => {
  let server: net.Server;
  const held: net.Socket[] = [];
  let port = 0;
  beforeAll(async () => {
    server = net.createServer((s) => {
      s.pause();
      held.push(s);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await new Promise((r) => server.close(r));
  });

  test.each(LINUX_MODELS)('%s, raw peer: the sample ends at its timeout with ETIMEDOUT', async (model) => {
    const s = await Session.open({ model, buffers: BUFFERS, connections: 2, peer: 'raw', port, timeoutMs: TIMEOUT_MS, sndbuf: 16384 });
    try {
      const took = await timesOut(() => s.sample({ durationMs: 60_000 }));
      expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    } finally {
      await s.close();
    }
  });

  test.each(LINUX_MODELS)('%s, echo over a raw peer that never answers: ETIMEDOUT', async (model) => {
    const s = await Session.open({ model, buffers: [64], connections: 1, mode: 'echo', peer: 'raw', port, timeoutMs: TIMEOUT_MS });
    try {
      await timesOut(() => s.sample({ bytes: 1 << 20 }));
    } finally {
      await s.close();
    }
  });

  test.each(LINUX_MODELS)('%s, sgbench peer: opening ends with ETIMEDOUT when the handshake is never answered', async (model) => {
    await timesOut(() => Session.open({ model, buffers: BUFFERS, port, timeoutMs: TIMEOUT_MS }));
  });
});

describe('a peer that never accepts (listen backlog full)', () => {
  let listener: ChildProcess;
  let port = 0;
  const fillers: net.Socket[] = [];
  beforeAll(async () => {
    // A listener with a backlog of 1 that never calls accept(): once its queue holds two
    // connections the kernel drops further SYNs (LISTENOVERFLOWS), so connect() gets no answer.
    listener = spawn('perl', [
      '-MIO::Socket::INET',
      '-e',
      '$|=1; my $s = IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1:0", ReuseAddr => 1) or die $!; print $s->sockport, "\\n"; sleep 600',
    ]);
    port = await new Promise<number>((resolve, reject) => {
      listener.on('error', reject);
      listener.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    });
    // Fill the accept queue: two connections complete, the rest stay unanswered.
    let connected = 0;
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 6; i++) {
        const s = net.connect(port, '127.0.0.1').on('error', () => undefined);
        s.on('connect', () => ++connected === 2 && resolve());
        fillers.push(s);
      }
    });
  });
  afterAll(() => {
    for (const s of fillers) s.destroy();
    listener.kill('SIGKILL');
  });

  test.each(LINUX_MODELS)('%s: opening ends with ETIMEDOUT from connect', async (model) => {
    await timesOut(() => Session.open({ model, buffers: BUFFERS, port, peer: 'raw', timeoutMs: TIMEOUT_MS }));
  });
});
