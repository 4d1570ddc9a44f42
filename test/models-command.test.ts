import { beforeAll, describe, expect, it } from 'vitest';
import { MODELS } from '../src/types.js';
import { BUILD_TIMEOUT_MS, buildCli, runCli } from './helpers/cli.js';

describe('sgbench models', () => {
  beforeAll(() => buildCli(), BUILD_TIMEOUT_MS);

  it('lists every model with its state, mechanism and, if unavailable, the reason', async () => {
    const { code, stdout, stderr } = await runCli(['models']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^model\s+state\s+mechanism\s+notes$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[0])).toEqual([...MODELS]);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\S+\s+(available\s+\S.*depth: (yes|no)|unavailable\s+\S.*reason: \S.*)$/);
  });

  it('prints the same list as JSON, the default model available on this platform', async () => {
    const { code, stdout } = await runCli(['models', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as { model: string; state: string; mechanism: string; reason?: string }[];
    expect(list.map((m) => m.model)).toEqual([...MODELS]);
    expect(list.find((m) => m.model === 'overlapped-event')?.state).toBe('available');
    for (const m of list) {
      expect(m.mechanism).not.toBe('');
      if (m.state === 'unavailable') expect(m.reason).toBeTruthy();
    }
  });
});
