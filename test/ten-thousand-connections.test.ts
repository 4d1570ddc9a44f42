import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { buildCli } from './helpers/cli.js';
import { startServe, type ServeProcess } from './helpers/serve-process.js';

const CONNECTIONS = 10_000;
const BUFFERS = [512, 512];
const MESSAGE = 1024;
const RSS_LIMIT = 256 << 20;

/** Soft RLIMIT_NOFILE of a process (Node raises its soft limit to the hard limit at start-up). */
function openFilesLimit(pid: number | 'self'): { soft: number; hard: number } {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max open files'))!;
  const [soft, hard] = line.split(/\s+/).slice(3, 5).map((v) => (v === 'unlimited' ? Infinity : Number(v)));
  return { soft: soft!, hard: hard! };
}

function rssBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

describe(`${CONNECTIONS} concurrent connections against the event-based server in another process`, () => {
  let server: ServeProcess;
  beforeAll(async () => {
    buildCli();
    const need = CONNECTIONS + 64;
    const self = openFilesLimit('self');
    if (self.soft < need) {
      throw new Error(`RLIMIT_NOFILE of this process is ${self.soft} (hard ${self.hard}); ${need} descriptors are needed: raise the hard limit (ulimit -Hn) first`);
    }
    // The spawning shell raises the soft limit within the hard one; Node would do the same.
    server = await startServe([], `ulimit -Sn ${need} 2>/dev/null || ulimit -Sn hard;`);
    const limit = openFilesLimit(server.child.pid!);
    if (limit.soft < need) throw new Error(`the server's RLIMIT_NOFILE is ${limit.soft} (hard ${limit.hard}); ${need} are needed`);
  }, 300_000);
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  test('every connection moves verified data, none starves, server RSS stays under 256 MiB', { timeout: 180_000 }, async () => {
    const t0 = performance.now();
    const s = await Session.open({
      model: 'overlapped-event',
      buffers: BUFFERS,
      connections: CONNECTIONS,
      verify: true,
      port: server.port,
      timeoutMs: 60_000,
    });
    const openMs = performance.now() - t0;
    try {
      // A byte budget: every connection must deliver its share, verified by the server.
      const perConn = 16 * MESSAGE;
      const bytes = await s.sample({ bytes: CONNECTIONS * perConn });
      expect(bytes.bytes).toBe(CONNECTIONS * perConn);
      expect(bytes.minConnBytes).toBe(perConn);
      expect(bytes.maxConnBytes).toBe(perConn);

      // A time slice: nobody may starve while the others run.
      const timed = await s.sample({ durationMs: 2_000 });
      expect(timed.bytes).toBe(timed.messages * MESSAGE);
      expect(timed.minConnBytes).toBeGreaterThan(0);

      const rss = rssBytes(server.child.pid!);
      console.log(
        `${CONNECTIONS} connections: opened in ${(openMs / 1000).toFixed(1)} s; byte budget ${bytes.bytes} bytes in ${(bytes.wallNs / 1e9).toFixed(2)} s; ` +
          `2 s slice ${timed.bytes} bytes, per connection min ${timed.minConnBytes} max ${timed.maxConnBytes}; server VmRSS ${(rss / 2 ** 20).toFixed(1)} MiB`,
      );
      expect(rss).toBeLessThan(RSS_LIMIT);
    } finally {
      await s.close();
    }
  });
});
