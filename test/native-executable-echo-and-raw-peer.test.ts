import { describe, expect, it } from 'vitest';
import { freePort, requireProgram, startProgram, stopProgram, waitForListener } from './helpers/external-peer.js';
import { parseCsv, runNative } from './helpers/native-executable.js';

describe('sgbench-native: echo latency and a raw peer, without Node', () => {
  it('echo 1×64 B over loopback reports p50 and p99 in microseconds', () => {
    const r = runNative(['run', '--mode', 'echo', '--buffers', '1', '--size', '64', '--samples', '3', '--duration', '200', '--warmup', '50']);
    expect(r.code, r.stderr).toBe(0);
    const [row] = parseCsv(r.stdout).rows;
    expect(row?.errors).toBe('');
    expect(row?.mode).toBe('echo');
    const p50 = Number(row?.latency_p50_us);
    expect(p50).toBeGreaterThan(1);
    expect(p50).toBeLessThan(500);
    expect(Number(row?.latency_p99_us)).toBeGreaterThanOrEqual(p50);
    expect(Number(row?.msgs_per_s)).toBeGreaterThan(1000);
  });

  it('--peer raw echo against `socat TCP-LISTEN:PORT,reuseaddr,fork EXEC:cat`, verified', async () => {
    requireProgram('socat', 'socat');
    const port = await freePort();
    const socat = startProgram('socat', [`TCP-LISTEN:${port},reuseaddr,fork`, 'EXEC:cat']);
    try {
      await waitForListener(port);
      const r = runNative([
        'run', '--peer', 'raw', '--port', String(port), '--mode', 'echo', '--verify',
        '--shape', '3,500,61', '--connections', '2', '--samples', '3', '--duration', '100', '--warmup', '0',
      ]);
      expect(r.code, r.stderr).toBe(0);
      const [row] = parseCsv(r.stdout).rows;
      expect(row?.errors).toBe('');
      expect(row?.peer).toBe('raw');
      expect(Number(row?.latency_p50_us)).toBeGreaterThan(0);
      expect(row?.server_cpu_s_per_gib).toBe('');
    } finally {
      await stopProgram(socat);
    }
  });
});
