import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Session } from '../src/native.js';
import { NativeIoError } from '../src/errors.js';
import { CELL_COLUMNS, SAMPLE_COLUMNS } from '../src/csv/schema.js';
import { buildCli, finished, startCli, waitForOutput } from './helpers/cli.js';
import { readCsv } from './helpers/csv-files.js';
import { startServe, type ServeProcess } from './helpers/serve-process.js';
import { LINUX_MODELS } from './helpers/shapes.js';

const BUFFERS = [1024, 1024, 1024, 1024];
const live: ServeProcess[] = [];

async function serve(args: string[] = []): Promise<ServeProcess> {
  const s = await startServe(args);
  live.push(s);
  return s;
}

beforeAll(() => buildCli(), 300_000);
afterAll(() => {
  for (const s of live) s.child.kill('SIGKILL');
});

describe('the server process is killed in the middle of a sample', () => {
  test.each(LINUX_MODELS)('%s: the sample rejects with ECONNRESET or EPIPE, and the next cell runs', async (model) => {
    const doomed = await serve();
    const s = await Session.open({ model, buffers: BUFFERS, connections: 4, verify: true, port: doomed.port, timeoutMs: 10_000 });
    try {
      const running = s.sample({ durationMs: 8_000 });
      await new Promise((r) => setTimeout(r, 300));
      doomed.child.kill('SIGKILL');
      const t0 = performance.now();
      const err = await running.then(
        () => null,
        (e: unknown) => e,
      );
      expect(performance.now() - t0).toBeLessThan(5_000);
      expect(err).toBeInstanceOf(NativeIoError);
      expect(['ECONNRESET', 'EPIPE']).toContain((err as NativeIoError).code);
      expect((err as NativeIoError).model).toBe(model);
      // The session stays failed; it does not pretend to recover.
      await expect(s.sample({ bytes: 1 << 20 })).rejects.toBeInstanceOf(NativeIoError);
    } finally {
      await s.close();
    }
    const next = await serve();
    const t = await Session.open({ model, buffers: BUFFERS, connections: 4, verify: true, port: next.port });
    try {
      const r = await t.sample({ bytes: 4 << 20 });
      expect(r.bytes).toBe(r.messages * 4096);
    } finally {
      await t.close();
      next.child.kill('SIGTERM');
      await next.exited;
    }
  });
});

describe('a sweep whose server is killed', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sgbench-killed-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Runs a 12-cell sweep against `sgbench serve`, kills the server during the second cell and
   * starts a standby server on the same port right after.
   */
  async function sweepWithKill(name: string, extra: string[]) {
    const first = await serve();
    const standby = spawn(process.execPath, [fileURLToPath(new URL('./helpers/standby-server.mjs', import.meta.url))], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const standbyExited = new Promise((r) => standby.on('exit', r));
    const out = join(dir, `${name}.csv`);
    const child = startCli([
      'run', '--target', `127.0.0.1:${first.port}`, '--model', 'overlapped-event,readiness', '--strategy', 'gather,coalesce,sequential',
      '--buffers', '4', '--sizes', '1k', '--connections', '1,2', '--samples', '4', '--duration', '200ms', '--warmup', '0',
      '--verify', '--timeout', '5s', '--out', out, ...extra,
    ]);
    const done = finished(child);
    await new Promise<void>((resolve) => {
      let seen = '';
      child.stderr!.on('data', (d: Buffer) => {
        seen += d.toString();
        if (/\[\s*1\/12\]/.test(seen)) resolve();
      });
    });
    await new Promise((r) => setTimeout(r, 250));
    first.child.kill('SIGKILL');
    await first.exited;
    const listening = waitForOutput(standby.stdout, /listening on/);
    standby.stdin!.write(`${first.port}\n`);
    await listening;
    const result = await done;
    standby.kill('SIGTERM');
    await standbyExited;
    return { result, cells: readCsv(out), samples: readCsv(join(dir, `${name}.samples.csv`)) };
  }

  test('the failed cell names ECONNRESET/EPIPE in its errors column, the sweep goes on, finished rows are intact', async () => {
    const { result, cells, samples } = await sweepWithKill('goes-on', []);
    expect(result.code).toBe(1);
    expect(cells.header).toEqual([...CELL_COLUMNS]);
    expect(samples.header).toEqual([...SAMPLE_COLUMNS]);
    expect(cells.rows).toHaveLength(12);
    const failed = cells.rows.filter((r) => r.errors !== '');
    const ok = cells.rows.filter((r) => r.errors === '');
    expect(failed.length).toBeGreaterThanOrEqual(1);
    expect(failed[0]!.errors).toMatch(/^(ECONNRESET|EPIPE) /);
    // A cell that starts in the moment between the kill and the standby's listen is refused.
    for (const row of failed.slice(1)) expect(row.errors).toMatch(/^ECONNREFUSED /);
    // Cells after the restart measure again.
    expect(cells.rows.at(-1)!.errors).toBe('');
    expect(ok.length).toBeGreaterThanOrEqual(6);
    for (const row of ok) expect(Number(row.bytes_per_s)).toBeGreaterThan(0);
    for (const row of failed) expect(row.bytes_per_s).toBe('');
    const okKeys = new Set(ok.map((r) => r.cell_key));
    expect(samples.rows.filter((r) => okKeys.has(r.cell_key))).toHaveLength(ok.length * 4);
    expect(result.stderr).toMatch(/cells failed: see the errors column/);
  });

  test('--fail-fast stops after the failed cell, keeping the rows before it', async () => {
    const { result, cells } = await sweepWithKill('fail-fast', ['--fail-fast']);
    expect(result.code).toBe(1);
    expect(cells.rows.length).toBeGreaterThanOrEqual(2);
    expect(cells.rows.length).toBeLessThan(12);
    expect(cells.rows.at(-1)!.errors).toMatch(/^(ECONNRESET|EPIPE) /);
    for (const row of cells.rows.slice(0, -1)) expect(row.errors).toBe('');
  });
});
