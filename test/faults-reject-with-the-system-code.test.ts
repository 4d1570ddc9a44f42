import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { Session, validateCellSpec } from '../src/native.js';
import { NativeIoError, SpecError } from '../src/errors.js';
import { useServer } from './helpers/in-process-server.js';
import { LINUX_MODELS } from './helpers/shapes.js';

const srv = useServer();
let peer: NetServer | undefined;
afterEach(() => peer?.close());

async function listen(onConnection: (s: Socket) => void): Promise<number> {
  peer = createServer(onConnection);
  await new Promise<void>((resolve) => peer!.listen(0, '127.0.0.1', resolve));
  return (peer.address() as { port: number }).port;
}

async function closedPort(): Promise<number> {
  const port = await listen(() => {});
  await new Promise<void>((resolve) => peer!.close(() => resolve()));
  return port;
}

test.each(LINUX_MODELS)('%s: connection refused rejects with ECONNREFUSED from connect', async (model) => {
  const port = await closedPort();
  const err = await Session.open({ model, buffers: [64], port }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(NativeIoError);
  expect(err).toMatchObject({ code: 'ECONNREFUSED', osCode: 'ECONNREFUSED', syscall: 'connect', model });
  expect((err as Error).message).toMatch(/connect failed: ECONNREFUSED \(111\)/);
});

test.each(LINUX_MODELS)('%s: a peer reset mid-transfer rejects with ECONNRESET or EPIPE; the next cell runs', async (model) => {
  // A raw peer that reads a little, then aborts the connection with a RST.
  const port = await listen((s) => {
    let seen = 0;
    s.on('data', (d) => {
      seen += d.length;
      if (seen > 256 * 1024) s.resetAndDestroy();
    });
    s.on('error', () => {});
  });
  const s = await Session.open({ model, peer: 'raw', buffers: Array(8).fill(8192), connections: 2, port });
  const err = await s.sample({ durationMs: 3000 }).catch((e: unknown) => e);
  await s.close();
  expect(err).toBeInstanceOf(NativeIoError);
  expect(['ECONNRESET', 'EPIPE']).toContain((err as NativeIoError).code);
  expect((err as NativeIoError).syscall).toMatch(/writev|SENDMSG|send/);
  // The process is fine and the next cell runs against the harness server.
  const next = await Session.open({ model, buffers: [64], port: srv.port() });
  const r = await next.sample({ bytes: 6400 });
  await next.close();
  expect(r.bytes).toBe(6400);
});

test('an invalid spec is refused in TypeScript, naming the field and the range', () => {
  const bad: Array<[object, string, RegExp]> = [
    [{ buffers: [] }, 'buffers', /1 to 1024/],
    [{ buffers: Array(1025).fill(1) }, 'buffers', /1 to 1024/],
    [{ buffers: [0] }, 'buffers[0]', /from 1 to/],
    [{ buffers: [-5] }, 'buffers[0]', /from 1 to/],
    [{ buffers: [64], connections: 0 }, 'connections', /from 1 to/],
    [{ buffers: [64], depth: 0 }, 'depth', /from 1 to 256/],
    [{ buffers: [64], model: 'iocp' }, 'model', /one of blocking, readiness/],
    [{ buffers: [64], strategy: 'zip' }, 'strategy', /gather, coalesce, sequential/],
    [{ buffers: [64 * 1024 * 1024, 1] }, 'buffers', /64 MiB/],
  ];
  for (const [spec, field, range] of bad) {
    let caught: unknown;
    try {
      validateCellSpec({ port: 1, ...spec } as never);
    } catch (e) {
      caught = e;
    }
    expect(caught, JSON.stringify(spec).slice(0, 60)).toBeInstanceOf(SpecError);
    expect((caught as SpecError).field).toBe(field);
    expect((caught as SpecError).message).toMatch(range);
  }
});

test('a sample that cannot progress ends at its timeout with ETIMEDOUT', async () => {
  // A peer that accepts and never reads: the send buffers fill, then nothing moves.
  const port = await listen((s) => s.pause());
  const s = await Session.open({ model: 'overlapped-event', peer: 'raw', buffers: [1 << 20], timeoutMs: 800, port });
  const t0 = Date.now();
  const err = await s.sample({ durationMs: 60_000 }).catch((e: unknown) => e);
  await s.close();
  expect(Date.now() - t0).toBeLessThan(5000);
  expect(err).toMatchObject({ code: 'ETIMEDOUT' });
});
