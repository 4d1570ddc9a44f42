import { describe, expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { STRATEGIES } from '../src/types.js';
import { useServer } from './helpers/in-process-server.js';
import { DEPTH_MODELS, LINUX_MODELS, SHAPES } from './helpers/shapes.js';

const MESSAGES_PER_CONNECTION = 12;
const srv = useServer();

describe.each(LINUX_MODELS)('model %s', (model) => {
  const depths = DEPTH_MODELS.has(model) ? [1, 4] : [1];
  describe.each(STRATEGIES)('strategy %s', (strategy) => {
    for (const [shapeName, buffers] of Object.entries(SHAPES)) {
      for (const connections of [1, 8]) {
        for (const depth of depths) {
          test(`${shapeName} × ${connections} conn × depth ${depth}: sent == received == messages × size, verified`, async () => {
            const messageBytes = buffers.reduce((a, b) => a + b, 0);
            const s = await Session.open({ model, strategy, buffers, connections, depth, verify: true, port: srv.port() });
            try {
              const r = await s.sample({ bytes: messageBytes * MESSAGES_PER_CONNECTION * connections });
              expect(r.messages).toBe(MESSAGES_PER_CONNECTION * connections);
              // r.bytes is the server's own count of what it received (and verified).
              expect(r.bytes).toBe(r.messages * messageBytes);
              const opsPerMessage = strategy === 'sequential' ? buffers.length : 1;
              expect(r.sendCalls).toBe(r.messages * opsPerMessage + r.partialSends);
              expect(r.wallNs).toBeGreaterThan(0);
              expect(r.serverCpuNs).not.toBeNull();
            } finally {
              await s.close();
            }
          });
        }
      }
    }
  });
});
