import { describe, expect, it } from 'vitest';
import { Session } from '../src/native.js';
import { useServer } from './helpers/in-process-server.js';

describe('one server, two clients sampling at the same time: each gets its own count', () => {
  const server = useServer();

  it('a sink session and an echo session confirm exactly their own bytes', async () => {
    const sink = await Session.open({ buffers: [4096, 4096], connections: 3, port: server.port(), verify: true });
    const echo = await Session.open({ buffers: [64], mode: 'echo', connections: 2, depth: 2, port: server.port(), verify: true });
    try {
      for (let round = 0; round < 3; round++) {
        const [s, e] = await Promise.all([sink.sample({ bytes: 3 * 500 * 8192 }), echo.sample({ bytes: 2 * 2000 * 64 })]);
        expect(s.bytes).toBe(3 * 500 * 8192);
        expect(s.messages).toBe(3 * 500);
        expect(e.bytes).toBe(2 * 2000 * 64);
        expect(e.latency?.count).toBe(2 * 2000);
        expect(s.serverCpuNs).toBeGreaterThan(0);
        expect(e.serverCpuNs).toBeGreaterThan(0);
      }
    } finally {
      await Promise.all([sink.close(), echo.close()]);
    }
    expect(server.server().stats().refused).toBe(0);
  });
});
