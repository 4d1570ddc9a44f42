import { expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { NativeIoError } from '../src/errors.js';
import { useServer } from './helpers/in-process-server.js';
import { LINUX_MODELS } from './helpers/shapes.js';

const srv = useServer();

test.each(LINUX_MODELS)('%s: cancel() mid-sample rejects it with ECANCELED at once, never with a stray socket error', async (model) => {
  const s = await Session.open({ model, buffers: [1, 300, 4097, 65_521], connections: 2, verify: true, sndbuf: 4096, port: srv.port() });
  try {
    const running = s.sample({ durationMs: 10_000 });
    setTimeout(() => s.cancel(), 100);
    const t0 = performance.now();
    const err = await running.then(
      () => null,
      (e: unknown) => e,
    );
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(NativeIoError);
    expect((err as NativeIoError).code).toBe('ECANCELED');
  } finally {
    await s.close();
  }
});
