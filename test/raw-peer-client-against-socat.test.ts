import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../src/native.js';
import { BUILD_TIMEOUT_MS, buildCli, runCli } from './helpers/cli.js';
import { readCsv } from './helpers/csv-files.js';
import { freePort, requireProgram, startProgram, stopProgram, waitForListener } from './helpers/external-peer.js';

const SHAPE = [100, 1000, 37];
const MESSAGE = SHAPE.reduce((a, b) => a + b, 0);

describe('--peer raw: the client loads socat, which knows nothing of sgbench', () => {
  let dir: string;
  beforeAll(() => {
    requireProgram('socat', 'socat');
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'sgbench-socat-'));
  }, BUILD_TIMEOUT_MS);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sink into `socat -u TCP-LISTEN:PORT,reuseaddr /dev/null`', async () => {
    const port = await freePort();
    const socat = startProgram('socat', ['-u', `TCP-LISTEN:${port},reuseaddr`, '/dev/null']);
    try {
      await waitForListener(port);
      const session = await Session.open({ peer: 'raw', port, buffers: SHAPE, strategy: 'gather', mode: 'sink' });
      try {
        const c = await session.sample({ bytes: 2000 * MESSAGE });
        expect(c.messages).toBe(2000);
        expect(c.bytes).toBe(2000 * MESSAGE);
        expect(c.serverCpuNs).toBeNull();
        expect(c.latency).toBeNull();
      } finally {
        await session.close();
      }
      const done = await socat.exited;
      expect(done.code, done.stderr).toBe(0);
    } finally {
      await stopProgram(socat);
    }
  });

  it('socat writing to a file receives exactly the bytes the client counted', async () => {
    const port = await freePort();
    const file = join(dir, 'received.bin');
    const socat = startProgram('socat', ['-u', `TCP-LISTEN:${port},reuseaddr`, `CREATE:${file}`]);
    try {
      await waitForListener(port);
      const session = await Session.open({ peer: 'raw', port, buffers: SHAPE, strategy: 'sequential', model: 'readiness' });
      let sent = 0;
      try {
        sent += (await session.sample({ bytes: 777 * MESSAGE })).bytes;
        sent += (await session.sample({ durationMs: 50 })).bytes;
      } finally {
        await session.close();
      }
      const done = await socat.exited;
      expect(done.code, done.stderr).toBe(0);
      expect(sent).toBeGreaterThan(777 * MESSAGE);
      expect(statSync(file).size).toBe(sent);
    } finally {
      await stopProgram(socat);
    }
  });

  for (const model of ['blocking', 'readiness', 'overlapped-event'] as const) {
    it(`echo through \`socat TCP-LISTEN:PORT,reuseaddr,fork EXEC:cat\` (${model}, verified, 2 connections, depth 2)`, async () => {
      const port = await freePort();
      const socat = startProgram('socat', [`TCP-LISTEN:${port},reuseaddr,fork`, 'EXEC:cat']);
      try {
        await waitForListener(port);
        const session = await Session.open({
          peer: 'raw', port, model, buffers: SHAPE, strategy: 'gather', mode: 'echo', verify: true, connections: 2, depth: 2,
        });
        try {
          const c = await session.sample({ bytes: 2 * 300 * MESSAGE });
          expect(c.messages).toBe(600);
          expect(c.bytes).toBe(600 * MESSAGE);
          expect(c.latency?.count).toBe(600);
          expect(c.latency!.p50Us).toBeGreaterThan(0);
          expect(c.latency!.p99Us).toBeGreaterThanOrEqual(c.latency!.p50Us);
          expect(c.serverCpuNs).toBeNull();
        } finally {
          await session.close();
        }
      } finally {
        await stopProgram(socat);
      }
    });
  }

  it('`sgbench run --peer raw --target` sweeps echo cells against socat: rows say peer raw, latency filled, server CPU empty', async () => {
    const port = await freePort();
    const socat = startProgram('socat', [`TCP-LISTEN:${port},reuseaddr,fork`, 'EXEC:cat']);
    try {
      await waitForListener(port);
      const out = join(dir, 'raw.csv');
      const run = await runCli([
        'run', '--peer', 'raw', '--target', `127.0.0.1:${port}`, '--mode', 'echo', '--verify',
        '--buffers', '1,4', '--sizes', '64', '--connections', '1,2', '--strategy', 'gather', '--samples', '3', '--duration', '100ms', '--warmup', '0', '--out', out,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const rows = readCsv(out).rows;
      expect(rows).toHaveLength(4);
      for (const row of rows) {
        expect(row.errors).toBe('');
        expect(row.peer).toBe('raw');
        expect(row.mode).toBe('echo');
        expect(Number(row.latency_p50_us)).toBeGreaterThan(0);
        expect(Number(row.msgs_per_s)).toBeGreaterThan(0);
        expect(row.server_cpu_s_per_gib).toBe('');
      }
    } finally {
      await stopProgram(socat);
    }
  });

  it('`run --peer raw` without --target is refused before anything runs', async () => {
    const run = await runCli(['run', '--peer', 'raw', '--out', join(dir, 'none.csv')]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/--peer.*--target/);
  });
});
