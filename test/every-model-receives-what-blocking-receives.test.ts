import { expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { STRATEGIES, type ModelName, type Strategy } from '../src/types.js';
import { useServer } from './helpers/in-process-server.js';
import { LINUX_MODELS } from './helpers/shapes.js';

// Odd shapes that cross page, segment and 64 KiB boundaries in different places.
const ODD_SHAPES = [[1], [2, 3, 5, 7, 11, 13], [65_535, 1, 65_537], [9, 4093, 8191, 17], Array(37).fill(31)];
const srv = useServer();

async function received(model: ModelName, strategy: Strategy, buffers: number[]) {
  const s = await Session.open({ model, strategy, buffers, connections: 3, depth: 2, verify: true, port: srv.port() });
  try {
    const message = buffers.reduce((a, b) => a + b, 0);
    const r = await s.sample({ bytes: message * 9 * 3 });
    return { bytes: r.bytes, messages: r.messages };
  } finally {
    await s.close();
  }
}

// The server checks every byte against its stream-offset pattern, so the same byte count with
// verification on means the same bytes, in the same order, on every connection.
test.each(ODD_SHAPES.map((s) => [s.length, s] as const))('%i odd buffers: every model and strategy delivers what blocking/gather delivers', async (_n, buffers) => {
  const reference = await received('blocking', 'gather', buffers);
  expect(reference.bytes).toBeGreaterThan(0);
  for (const model of LINUX_MODELS) {
    for (const strategy of STRATEGIES) {
      expect({ model, strategy, ...(await received(model, strategy, buffers)) }).toEqual({ model, strategy, ...reference });
    }
  }
});
