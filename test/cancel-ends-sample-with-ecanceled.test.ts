import { expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { NativeIoError } from '../src/errors.js';
import type { CellSpec } from '../src/types.js';
import { useServer } from './helpers/in-process-server.js';
import { LINUX_MODELS } from './helpers/shapes.js';

const srv = useServer();

/** Opens a cell, cancels its 10 s sample after 100 ms, and expects ECANCELED within 2 s. */
async function cancelsAtOnce(spec: Partial<CellSpec> & Pick<CellSpec, 'model'>): Promise<void> {
  const s = await Session.open({ buffers: [1, 300, 4097, 65_521], connections: 2, verify: true, port: srv.port(), ...spec });
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
}

test.each(LINUX_MODELS)('%s: cancel() mid-sample rejects it with ECANCELED at once, never with a stray socket error', (model) =>
  cancelsAtOnce({ model, sndbuf: 4096 }),
);

test.each(LINUX_MODELS.flatMap((model) => (['reverse', 'bidir'] as const).map((direction) => [model, direction] as const)))(
  '%s: cancel() during --%s ends the sample with ECANCELED at once',
  (model, direction) => cancelsAtOnce({ model, direction }),
);
