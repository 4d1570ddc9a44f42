import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { models, Server, Session } from '../src/native.js';
import { ModelUnavailableError } from '../src/errors.js';
import { LINUX_MODELS } from './helpers/shapes.js';

const SYSCTL = '/proc/sys/kernel/io_uring_disabled';
const root = process.getuid?.() === 0;

test('with io_uring refused by the kernel, the io_uring models report unavailable with the reason and refuse to run', async () => {
  expect(root, 'this test changes kernel.io_uring_disabled for a moment and must run as root').toBe(true);
  const before = readFileSync(SYSCTL, 'utf8').trim();
  let list: ReturnType<typeof models>;
  let openError: unknown;
  let serverError: unknown;
  try {
    // kernel.io_uring_disabled=2 makes io_uring_setup fail with EPERM for every process: the
    // probes meet the same refusal a locked-down kernel or a seccomp filter gives.
    writeFileSync(SYSCTL, '2');
    list = models();
    openError = await Session.open({ model: 'overlapped-event', buffers: [64], port: 9 }).catch((e: unknown) => e);
    try {
      Server.start({});
    } catch (e) {
      serverError = e;
    }
  } finally {
    writeFileSync(SYSCTL, before);
  }
  const byModel = Object.fromEntries(list.map((m) => [m.model, m]));
  for (const model of ['overlapped-event', 'overlapped-callback', 'completion-port']) {
    expect(byModel[model]).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/io_uring_setup failed: EPERM .*io_uring_disabled/) });
  }
  // The other models do not depend on io_uring and stay available.
  expect(byModel.blocking!.state).toBe('available');
  expect(byModel.readiness!.state).toBe('available');
  // No silent fallback: opening the model fails, naming the reason.
  expect(openError).toBeInstanceOf(ModelUnavailableError);
  expect((openError as Error).message).toMatch(/overlapped-event is unavailable here: io_uring_setup failed: EPERM/);
  expect((serverError as Error).message).toMatch(/event-based server needs io_uring/);
  // And once the kernel allows it again, the model is back.
  expect(models().find((m) => m.model === 'overlapped-event')!.state).toBe('available');
});

test('every Linux model is available on this machine (CI requires it: a missing model fails the run)', () => {
  const list = models();
  expect(list.map((m) => m.model)).toEqual(LINUX_MODELS);
  const missing = list.filter((m) => m.state === 'unavailable');
  if (process.env.SGBENCH_REQUIRE_ALL_MODELS === '1') {
    expect(missing, JSON.stringify(missing)).toEqual([]);
  } else {
    for (const m of missing) expect(m.state === 'unavailable' && m.reason.length).toBeGreaterThan(10);
  }
});

test('the C++ unit tests of the core pass', () => {
  const r = spawnSync(new URL('../build/sgbench-core-tests', import.meta.url).pathname, { encoding: 'utf8', timeout: 60_000 });
  expect(r.error).toBeUndefined();
  expect(r.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  expect(r.status).toBe(0);
});
