import { expect, test } from 'vitest';
import { runNative } from './helpers/native-executable.js';

test.each([
  [['run', '--buffers', '1025'], /^Error: --buffers: must be a whole number from 1 to 1024, got "1025"$/],
  [['run', '--connections', '0'], /^Error: --connections: must be a whole number from 1 to 100000, got "0"$/],
  [['run', '--model', 'iocp'], /^Error: --model: must be one of blocking, readiness, overlapped-event, overlapped-callback, completion-port, got "iocp"$/],
  [['run', '--recv', 'double'], /^Error: --recv: must be mirror or single:BYTES/],
  [['run', '--duration', '10', '--bytes', '1k'], /^Error: --bytes: give either --duration or --bytes, not both$/],
  [['run', '--frobnicate'], /^Error: --frobnicate: unknown flag/],
  [['serve', '--port', '70000'], /^Error: --port: must be a whole number from 0 to 65535, got "70000"$/],
])('sgbench-native %j exits 2 with one line naming the flag', (args, message) => {
  const r = runNative(args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr.trimEnd()).toMatch(message);
});

test('a refused connection is a fault: exit 1, `Error:` with the system code', () => {
  // Port 1 on loopback: nothing listens there (tcpmux is not served on CI machines).
  const r = runNative(['run', '--port', '1', '--bytes', '1k', '--warmup', '0']);
  expect(r.code).toBe(1);
  expect(r.stderr.trimEnd()).toMatch(/^Error: connect failed: ECONNREFUSED \(111\).*\[model=overlapped-event\]$/);
});
