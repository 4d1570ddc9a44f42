import { describe, expect, it } from 'vitest';
import { models, Session } from '../src/native.js';
import { STRATEGIES } from '../src/types.js';
import { useServer } from './helpers/in-process-server.js';

// Odd sizes so that a buffer boundary never lines up with a segment or a page.
const SHAPE = [7, 300, 1, 4093];
const MESSAGE = SHAPE.reduce((a, b) => a + b, 0);

describe('echo: every model and strategy gets its messages back intact and times each round trip', () => {
  const server = useServer();
  const offered = models();

  for (const info of offered) {
    for (const strategy of STRATEGIES) {
      const depths = info.state === 'available' && info.depth ? [1, 4] : [1];
      for (const depth of depths) {
        it(`${info.model} × ${strategy}, depth ${depth}, 2 connections, verified`, async () => {
          if (info.state !== 'available') throw new Error(`model ${info.model} is unavailable: ${info.reason}`);
          const session = await Session.open({
            model: info.model,
            strategy,
            buffers: SHAPE,
            connections: 2,
            depth,
            mode: 'echo',
            verify: true,
            port: server.port(),
          });
          try {
            const perConnection = 200;
            const c = await session.sample({ bytes: 2 * perConnection * MESSAGE });
            // Byte accounting: every message sent came back whole.
            expect(c.messages).toBe(2 * perConnection);
            expect(c.bytes).toBe(c.messages * MESSAGE);
            expect(c.serverCpuNs).not.toBeNull();
            const l = c.latency;
            expect(l).not.toBeNull();
            expect(l!.count).toBe(c.messages);
            expect(l!.p50Us).toBeGreaterThan(0);
            expect(l!.p50Us).toBeLessThanOrEqual(l!.p99Us);
            expect(l!.p99Us).toBeLessThanOrEqual(l!.p999Us);
            expect(l!.p999Us).toBeLessThanOrEqual(l!.maxUs);
            // A round trip cannot take longer than the whole sample.
            expect(l!.maxUs * 1000).toBeLessThanOrEqual(c.wallNs);
          } finally {
            await session.close();
          }
        });
      }
    }
  }
});
