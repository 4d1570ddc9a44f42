import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, buildCli, CLI, finished, ROOT, waitForOutput } from './helpers/cli.js';
import { readCsv } from './helpers/csv-files.js';
import { createVethPair, namespaceExists, requireNetnsSupport, type VethPair } from './helpers/netns.js';

const RATE_MBIT = 200;

describe('two hosts: serve in one network namespace, run --target from another over a 200 Mbit/s token bucket', () => {
  let dir: string;
  let pair: VethPair | undefined;
  beforeAll(() => {
    requireNetnsSupport();
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'sgbench-netns-'));
  }, BUILD_TIMEOUT_MS);
  afterAll(() => {
    pair?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('measures a goodput within 10% below the enforced rate, with the server CPU reported across hosts', async () => {
    pair = createVethPair();
    const { a, b } = pair;
    // Shape what the client sends: tbf on the client end's egress.
    execFileSync('ip', ['netns', 'exec', b.ns, 'tc', 'qdisc', 'add', 'dev', b.dev, 'root', 'tbf', 'rate', `${RATE_MBIT}mbit`, 'burst', '64kb', 'latency', '50ms'], { timeout: 10_000 });

    const [serveCmd, serveArgs] = pair.exec(a.ns, process.execPath, [CLI, 'serve', '--host', a.addr, '--port', '0']);
    // Bounded even if the test is abandoned on a timeout: a process left inside keeps its namespace alive.
    const server = spawn(serveCmd, serveArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 110_000, killSignal: 'SIGKILL' });
    const served = finished(server);
    try {
      const banner = await waitForOutput(server.stdout, /listening on [\d.]+:(\d+)\n/);
      const port = Number(/:(\d+)\n/.exec(banner)?.[1]);

      const out = join(dir, 'shaped.csv');
      const [runCmd, runArgs] = pair.exec(b.ns, process.execPath, [
        CLI, 'run', '--target', `${a.addr}:${port}`, '--model', 'overlapped-event', '--strategy', 'gather',
        '--buffers', '16', '--sizes', '4k', '--connections', '1', '--samples', '5', '--duration', '1s', '--warmup', '500ms',
        '--timeout', '20s', '--out', out,
      ]);
      const run = await finished(spawn(runCmd, runArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000, killSignal: 'SIGKILL' }));
      expect(run.code, run.stderr).toBe(0);

      const [row] = readCsv(out).rows;
      expect(row?.errors).toBe('');
      const goodputMbit = (Number(row?.bytes_per_s) * 8) / 1e6;
      console.log(`goodput ${goodputMbit.toFixed(1)} Mbit/s over a ${RATE_MBIT} Mbit/s tbf (rme ±${Number(row?.rme_pct).toFixed(2)}%)`);
      // The token bucket counts whole frames (headers too), so payload lands a few percent below.
      expect(goodputMbit).toBeLessThanOrEqual(RATE_MBIT);
      expect(goodputMbit).toBeGreaterThanOrEqual(0.9 * RATE_MBIT);
      expect(Number(row?.server_cpu_s_per_gib)).toBeGreaterThan(0);
    } finally {
      server.kill('SIGTERM');
      await Promise.race([served, new Promise((r) => setTimeout(r, 5_000))]);
      server.kill('SIGKILL');
      pair.remove();
    }
    expect(namespaceExists(a.ns) || namespaceExists(b.ns)).toBe(false);
  }, 120_000);
});
