import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server } from '../src/native.js';
import { BUILD_TIMEOUT_MS, buildCli, finished, startCli, waitForOutput } from './helpers/cli.js';
import { requireProgram } from './helpers/external-peer.js';

// Odd on purpose: no multiple of any receive buffer or page.
const SIZE = 3_000_017;

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('server with --peer raw takes streams from socat and nc', () => {
  let dir: string;
  let input: string;
  beforeAll(() => {
    requireProgram('socat', 'socat');
    requireProgram('nc', 'netcat-openbsd');
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'sgbench-rawserver-'));
    input = join(dir, 'input.bin');
    writeFileSync(input, randomBytes(SIZE));
  }, BUILD_TIMEOUT_MS);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sink: counts exactly the bytes socat and nc sent, over several connections', async () => {
    const server = Server.start({ peer: 'raw', mode: 'sink', recvBytes: 4096 });
    try {
      const socat = spawnSync('socat', ['-u', `FILE:${input}`, `TCP:127.0.0.1:${server.port}`], { encoding: 'utf8', timeout: 20_000 });
      expect(socat.status, socat.stderr).toBe(0);
      await until(() => server.stats().bytesReceived >= SIZE && server.stats().active === 0, 10_000);
      expect(server.stats().bytesReceived).toBe(SIZE);

      // nc -N shuts the socket down after the end of its input.
      const nc = spawnSync('sh', ['-c', `nc -N 127.0.0.1 ${server.port} < '${input}'`], { encoding: 'utf8', timeout: 20_000 });
      expect(nc.status, nc.stderr).toBe(0);
      await until(() => server.stats().bytesReceived >= 2 * SIZE && server.stats().active === 0, 10_000);
      const stats = server.stats();
      expect(stats.bytesReceived).toBe(2 * SIZE);
      expect(stats.accepted).toBe(2);
      expect(stats.refused).toBe(0);
      expect(stats.active).toBe(0);
    } finally {
      await server.stop();
    }
  });

  it('`sgbench serve --peer raw --mode echo` sends socat back every byte, then reports the count on stop', async () => {
    const serve = startCli(['serve', '--peer', 'raw', '--mode', 'echo', '--recv', 'single:1000', '--port', '0']);
    const served = finished(serve);
    try {
      const banner = await waitForOutput(serve.stdout, /listening on 127\.0\.0\.1:(\d+)\n/);
      const port = Number(/:(\d+)\n/.exec(banner)?.[1]);
      const output = join(dir, 'echoed.bin');
      const socat = spawnSync('sh', ['-c', `socat -t 10 - TCP:127.0.0.1:${port} < '${input}' > '${output}'`], { encoding: 'utf8', timeout: 30_000 });
      expect(socat.status, socat.stderr).toBe(0);
      expect(readFileSync(output).equals(readFileSync(input))).toBe(true);
    } finally {
      serve.kill('SIGTERM');
    }
    const done = await served;
    expect(done.code).toBe(143);
    expect(done.stdout).toMatch(new RegExp(`stopped \\(SIGTERM\\); 1 connections, ${SIZE} bytes received`));
  });

  it('serve refuses --mode without --peer raw, and a mirror shape with it', async () => {
    const noRaw = await finished(startCli(['serve', '--mode', 'echo']));
    expect(noRaw.code).not.toBe(0);
    expect(noRaw.stderr).toMatch(/--mode/);
    const mirror = await finished(startCli(['serve', '--peer', 'raw', '--recv', 'mirror']));
    expect(mirror.code).not.toBe(0);
    expect(mirror.stderr).toMatch(/--recv/);
  });
});
