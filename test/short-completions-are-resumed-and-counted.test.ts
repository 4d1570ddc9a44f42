import { expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { STRATEGIES } from '../src/types.js';
import { useServer } from './helpers/in-process-server.js';
import { LINUX_MODELS } from './helpers/shapes.js';

const srv = useServer();
// 4 × 65 537 B messages through a 4 KiB send buffer: no vectored call can move a whole message.
const buffers = Array(4).fill(65_537);
const message = 4 * 65_537;

test.each(STRATEGIES)('readiness/%s: tiny SO_SNDBUF forces short writes; each is resumed mid-array and counted', async (strategy) => {
  const s = await Session.open({ model: 'readiness', strategy, buffers, connections: 2, sndbuf: 4096, rcvbuf: 4096, verify: true, port: srv.port() });
  try {
    const r = await s.sample({ bytes: message * 6 * 2 });
    expect(r.partialSends).toBeGreaterThan(0);
    expect(r.bytes).toBe(r.messages * message);
    // Every short write costs one more call: calls = ops + resumptions.
    const opsPerMessage = strategy === 'sequential' ? 4 : 1;
    expect(r.sendCalls).toBeGreaterThanOrEqual(r.messages * opsPerMessage + r.partialSends);
  } finally {
    await s.close();
  }
});

// A 64 KiB receive buffer under 256 KiB echoes: every echo arrives in several short receives.
// (Much smaller buffers stall on TCP's zero-window probes, 200 ms each, not on the harness.)
test.each(LINUX_MODELS)('%s echo: a small SO_RCVBUF makes receives short; echoes are reassembled and verified', async (model) => {
  const s = await Session.open({ model, strategy: 'gather', buffers, connections: 2, mode: 'echo', rcvbuf: 65_536, verify: true, port: srv.port() });
  try {
    const r = await s.sample({ bytes: message * 4 * 2 });
    expect(r.messages).toBe(8);
    expect(r.bytes).toBe(8 * message);
    expect(r.partialRecvs).toBeGreaterThan(0);
    expect(r.recvCalls).toBeGreaterThan(r.messages);
  } finally {
    await s.close();
  }
});

test.each(LINUX_MODELS)('%s sink with tiny buffers on both sides still delivers every verified byte', async (model) => {
  const s = await Session.open({ model, strategy: 'gather', buffers, connections: 3, depth: 3, sndbuf: 4096, rcvbuf: 4096, verify: true, port: srv.port() });
  try {
    const r = await s.sample({ bytes: message * 5 * 3 });
    expect(r.bytes).toBe(r.messages * message);
    expect(r.messages).toBe(15);
  } finally {
    await s.close();
  }
});
