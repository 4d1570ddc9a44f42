import { expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { useServer } from './helpers/in-process-server.js';

const srv = useServer();

/**
 * Most bytes one connection moved in a 1 s slice over the fewest. Measured on the 2-core Linux
 * machine (sgbench-native run, 130 connections, overlapped-event, 16×64 B, six 1 s samples):
 * 1.01–1.64. The margin covers a worker thread that starts late on a loaded machine.
 */
const MAX_OVER_MIN = 4;

test('130 connections on overlapped-event (io_uring): every connection moves a fair share of each 1 s slice', { timeout: 60_000 }, async () => {
  const buffers = Array<number>(16).fill(64);
  const s = await Session.open({ model: 'overlapped-event', strategy: 'gather', buffers, connections: 130, verify: true, port: srv.port() });
  try {
    for (let i = 0; i < 3; i++) {
      const r = await s.sample({ durationMs: 1_000 });
      expect(r.bytes).toBe(r.messages * 1024);
      expect(r.minConnBytes).toBeGreaterThanOrEqual(1024);
      expect(r.maxConnBytes / r.minConnBytes).toBeLessThanOrEqual(MAX_OVER_MIN);
    }
  } finally {
    await s.close();
  }
});
