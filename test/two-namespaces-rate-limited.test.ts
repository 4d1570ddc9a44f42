import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, buildCli, CLI, finished, ROOT, waitForOutput } from './helpers/cli.js';
import { readCsv } from './helpers/csv-files.js';
import { createVethPair, namespaceExists, requireNetnsSupport, type VethPair } from './helpers/netns.js';

// Each direction has its own token bucket, at rates the three runs can tell apart.
const CLIENT_TO_SERVER_MBIT = 200;
const SERVER_TO_CLIENT_MBIT = 100;

describe('two hosts: serve in one network namespace, run --target from another over token-bucket links', () => {
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

  it('measures a goodput within 10% below the enforced rate in each direction, with the server CPU reported across hosts', async () => {
    pair = createVethPair();
    const { a, b } = pair;
    const shape = (ns: string, dev: string, mbit: number) =>
      execFileSync('ip', ['netns', 'exec', ns, 'tc', 'qdisc', 'add', 'dev', dev, 'root', 'tbf', 'rate', `${mbit}mbit`, 'burst', '64kb', 'latency', '50ms'], { timeout: 10_000 });
    shape(b.ns, b.dev, CLIENT_TO_SERVER_MBIT); // what the client sends leaves through b
    shape(a.ns, a.dev, SERVER_TO_CLIENT_MBIT); // what the server sends leaves through a

    const [serveCmd, serveArgs] = pair.exec(a.ns, process.execPath, [CLI, 'serve', '--host', a.addr, '--port', '0']);
    // Bounded even if the test is abandoned on a timeout: a process left inside keeps its namespace alive.
    const server = spawn(serveCmd, serveArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 110_000, killSignal: 'SIGKILL' });
    const served = finished(server);
    try {
      const banner = await waitForOutput(server.stdout, /listening on [\d.]+:(\d+)\n/);
      const port = Number(/:(\d+)\n/.exec(banner)?.[1]);

      const measure = async (direction: string[], name: string) => {
        const out = join(dir, `${name}.csv`);
        const [runCmd, runArgs] = pair!.exec(b.ns, process.execPath, [
          CLI, 'run', '--target', `${a.addr}:${port}`, '--model', 'overlapped-event', '--strategy', 'gather',
          '--buffers', '16', '--sizes', '4k', '--connections', '1', '--samples', '5', '--duration', '1s', '--warmup', '500ms',
          '--timeout', '20s', '--verify', '--out', out, ...direction,
        ]);
        const run = await finished(spawn(runCmd, runArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000, killSignal: 'SIGKILL' }));
        expect(run.code, run.stderr).toBe(0);
        const [row] = readCsv(out).rows;
        expect(row?.errors).toBe('');
        expect(Number(row?.server_cpu_s_per_gib)).toBeGreaterThan(0);
        const goodputMbit = (Number(row?.bytes_per_s) * 8) / 1e6;
        console.log(`${name}: goodput ${goodputMbit.toFixed(1)} Mbit/s (rme ±${Number(row?.rme_pct).toFixed(2)}%)`);
        return goodputMbit;
      };
      // The token buckets count whole frames (headers too), so payload lands a few percent below.
      const expectJustBelow = (mbit: number, rate: number, floor = 0.9) => {
        expect(mbit).toBeLessThanOrEqual(rate);
        expect(mbit).toBeGreaterThanOrEqual(floor * rate);
      };
      expectJustBelow(await measure([], 'forward'), CLIENT_TO_SERVER_MBIT);
      expectJustBelow(await measure(['--reverse'], 'reverse'), SERVER_TO_CLIENT_MBIT);
      // Both ways at once: the two links add up, and bytes count both directions. Each link now
      // also carries the other stream's ACKs (about 2% of it), so the floor is 85%.
      expectJustBelow(await measure(['--bidir'], 'bidir'), CLIENT_TO_SERVER_MBIT + SERVER_TO_CLIENT_MBIT, 0.85);
    } finally {
      server.kill('SIGTERM');
      await Promise.race([served, new Promise((r) => setTimeout(r, 5_000))]);
      server.kill('SIGKILL');
      pair.remove();
    }
    expect(namespaceExists(a.ns) || namespaceExists(b.ns)).toBe(false);
  }, 120_000);
});
