import { afterEach, describe, expect, it, vi } from 'vitest';
import { cli } from './helpers/in-process-cli.js';

describe('the CLI rejects bad flags with one line and exit code 2', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it.each([
    [['run', '--buffers', '1,x'], 'Error: --buffers: must be a whole number ≥ 1 (e.g. 1, 16, 10k); got "x"'],
    [['run', '--sizes', '4kb'], 'Error: --sizes: must be a whole number of bytes, optionally with a unit: 64, 4k, 4KiB, 1M, 1MiB, 1G; got "4kb"'],
    [['run', '--strategy', 'scatter'], 'Error: --strategy: must be one or more of gather, coalesce, sequential (comma-separated) or all; got "scatter"'],
    [['run', '--buffers', '2048'], 'Error: --buffers: a message holds at most 1024; got 2048'],
    [['run', '--duration', '1s', '--bytes', '1M'], 'Error: --duration: give either --duration (a time slice per sample) or --bytes (a byte budget per sample), not both'],
    [['run', 'nosuchpreset'], 'Error: preset: must be one of default, models, quick or a path to a preset module; got "nosuchpreset"'],
    [['run', '--target', 'localhost'], 'Error: --target: must be HOST:PORT (e.g. 127.0.0.1:7100 or [::1]:7100, port 1 to 65535); got "localhost"'],
    [['run', '--bogus'], 'Error: Unknown argument: bogus'],
    [['run', '--buffers', '1', '--buffers', '4'], 'Error: --buffers: given 2 times; give it once, as one list (e.g. 1,2,4)'],
    [['serve', '--port', '70000'], 'Error: --port: must be an integer from 0 (ephemeral) to 65535, got 70000'],
    [[], 'Error: a command is required (run, serve, models, …); see --help'],
  ])('%j', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(stderr).toBe(message + '\n');
    expect(code).toBe(2);
  });
});
