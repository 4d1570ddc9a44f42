import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT_MS, buildCli, finished, runCli, startCli, waitForOutput } from './helpers/cli.js';
import { readCsv } from './helpers/csv-files.js';

describe('sgbench serve accepts a run --target client on loopback', () => {
  let dir: string;
  beforeAll(() => {
    buildCli();
    dir = mkdtempSync(join(tmpdir(), 'sgbench-serve-'));
  }, BUILD_TIMEOUT_MS);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves a sweep, then exits cleanly on SIGTERM', async () => {
    const server = startCli(['serve', '--host', '127.0.0.1', '--port', '0']);
    const serverDone = finished(server);
    const banner = await waitForOutput(server.stdout, /listening on 127\.0\.0\.1:(\d+)\n/);
    const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(banner)?.[1]);
    expect(port).toBeGreaterThan(0);

    const out = join(dir, 'remote.csv');
    const run = await runCli([
      'run', 'quick', '--target', `127.0.0.1:${port}`,
      '--buffers', '1,8', '--sizes', '4k', '--connections', '2', '--samples', '3', '--duration', '50ms', '--out', out,
    ]);
    expect(run.stderr).toMatch(/server: 127\.0\.0\.1:\d+/);
    expect(run.code).toBe(0);
    const rows = readCsv(out).rows;
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      expect(row.errors).toBe('');
      expect(Number(row.bytes_per_s)).toBeGreaterThan(0);
      expect(row.verify).toBe('true');
    }
    expect(readCsv(join(dir, 'remote.samples.csv')).rows).toHaveLength(18);

    server.kill('SIGTERM');
    const stopped = await serverDone;
    expect(stopped.code).toBe(143);
    expect(stopped.stdout).toMatch(/stopped \(SIGTERM\)/);
    // Everything was released: the port can be bound again at once.
    const again = createServer();
    await new Promise<void>((resolve, reject) => again.once('error', reject).listen(port, '127.0.0.1', resolve));
    again.close();
  });
});
