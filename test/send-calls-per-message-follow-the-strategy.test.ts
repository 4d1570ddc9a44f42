import { expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { useServer } from './helpers/in-process-server.js';
import { LINUX_MODELS } from './helpers/shapes.js';

const srv = useServer();
const buffers = Array(16).fill(64);

test.each(LINUX_MODELS)('%s: sequential makes N send calls a message, gather and coalesce one', async (model) => {
  const counts: Record<string, { calls: number; messages: number; partial: number }> = {};
  for (const strategy of ['gather', 'coalesce', 'sequential'] as const) {
    const s = await Session.open({ model, strategy, buffers, connections: 1, port: srv.port() });
    try {
      const r = await s.sample({ bytes: 1024 * 500 });
      counts[strategy] = { calls: r.sendCalls, messages: r.messages, partial: r.partialSends };
    } finally {
      await s.close();
    }
  }
  expect(counts.sequential).toEqual({ calls: 500 * 16, messages: 500, partial: 0 });
  // 1 KiB messages never complete short on an otherwise idle loopback socket.
  expect(counts.gather).toEqual({ calls: 500, messages: 500, partial: 0 });
  expect(counts.coalesce).toEqual({ calls: 500, messages: 500, partial: 0 });
});
