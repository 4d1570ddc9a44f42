import { describe, expect, it } from 'vitest';
import { SpecError } from '../src/errors.js';
import { parseByteSize, parseCount, parseDurationMs } from '../src/grid/units.js';
import { parseNameList, parseNumberList } from '../src/grid/lists.js';
import { planRun } from '../src/grid/plan.js';
import { parseTarget } from '../src/grid/target.js';
import { STRATEGIES } from '../src/types.js';
import { PRESETS } from '../src/grid/presets.js';

function specError(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw err;
  }
  throw new Error('expected a SpecError');
}

describe('grid parsing', () => {
  it('reads byte sizes with binary units', () => {
    expect(['64', '4k', '4K', '4KiB', '1M', '1MiB', '1.5k', '2G'].map((t) => parseByteSize('--sizes', t))).toEqual([
      64,
      4096,
      4096,
      4096,
      1048576,
      1048576,
      1536,
      2 * 1024 ** 3,
    ]);
  });

  it('expands lists, doubling ranges and linear ranges, dropping duplicates', () => {
    expect(parseNumberList('--buffers', '1,2,4', parseCount)).toEqual([1, 2, 4]);
    expect(parseNumberList('--buffers', '1..64', parseCount)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(parseNumberList('--buffers', '6..16+1', parseCount)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    expect(parseNumberList('--sizes', '4k..64KiB', parseByteSize)).toEqual([4096, 8192, 16384, 32768, 65536]);
    expect(parseNumberList('--buffers', '1..8,4,64', parseCount)).toEqual([1, 2, 4, 8, 64]);
    expect(parseNumberList('--buffers', '3..20', parseCount)).toEqual([3, 6, 12]);
  });

  it('reads names, with all for every allowed one', () => {
    expect(parseNameList('--strategy', 'gather,sequential', STRATEGIES)).toEqual(['gather', 'sequential']);
    expect(parseNameList('--strategy', 'all', STRATEGIES)).toEqual(['gather', 'coalesce', 'sequential']);
  });

  it('reads durations and targets', () => {
    expect(['250', '250ms', '0.5s', '2s'].map((t) => parseDurationMs('--duration', t))).toEqual([250, 250, 500, 2000]);
    expect(parseDurationMs('--warmup', '0', true)).toBe(0);
    expect(parseTarget('127.0.0.1:7100')).toEqual({ host: '127.0.0.1', port: 7100 });
    expect(parseTarget('[::1]:7100')).toEqual({ host: '::1', port: 7100 });
  });

  it.each([
    ['--sizes', () => parseByteSize('--sizes', '4kb'), /--sizes: must be a whole number of bytes.*4k, 4KiB, 1M/],
    ['--sizes', () => parseByteSize('--sizes', '0'), /--sizes: .*at least 1 byte/],
    ['--sizes', () => parseByteSize('--sizes', '0.3'), /--sizes: .*whole bytes/],
    ['--buffers', () => parseNumberList('--buffers', '1,,2', parseCount), /--buffers: must be a list like 1,2,4, a doubling range like 1..64/],
    ['--buffers', () => parseNumberList('--buffers', '64..1', parseCount), /--buffers: a range must go upwards/],
    ['--buffers', () => parseNumberList('--buffers', 'x', parseCount), /--buffers: must be a whole number/],
    ['--strategy', () => parseNameList('--strategy', 'gather,scatter', STRATEGIES), /--strategy: must be one or more of gather, coalesce, sequential.*"scatter"/],
    ['--duration', () => parseDurationMs('--duration', '0'), /--duration: must be milliseconds.*> 0/],
    ['--duration', () => parseDurationMs('--duration', '1min'), /--duration: must be milliseconds, optionally with a unit/],
    ['--target', () => parseTarget('localhost'), /--target: must be HOST:PORT/],
    ['--target', () => parseTarget('localhost:70000'), /--target: must be HOST:PORT/],
  ])('rejects a bad %s value naming the flag and the allowed form', (flag, fn, message) => {
    const err = specError(fn);
    expect(err.field).toBe(flag);
    expect(err.message).toMatch(message);
  });

  it('lets flags override the preset and keeps the rest of the preset', () => {
    const plan = planRun(PRESETS.default ?? null, { buffers: '1..4', strategy: 'gather', duration: '100ms', samples: '5' });
    expect(plan.axes.buffers).toEqual([1, 2, 4]);
    expect(plan.axes.strategies).toEqual(['gather']);
    expect(plan.axes.sizes).toEqual([64, 256, 1024, 4096, 16384, 65536]);
    expect(plan.axes.connections).toEqual([1, 4, 16]);
    expect(plan.budget).toEqual({ durationMs: 100 });
    expect(plan.samples).toBe(5);
    expect(plan.preset).toBe('default');
  });

  it('checks limits that span flags: buffer count, message size, one budget, two samples', () => {
    expect(specError(() => planRun(null, { buffers: '1025' })).message).toMatch(/--buffers: a message holds at most 1024; got 1025/);
    expect(specError(() => planRun(null, { buffers: '1024', sizes: '1M' })).message).toMatch(/--sizes: buffers × size must be at most 67108864/);
    expect(specError(() => planRun(null, { duration: '1s', bytes: '1M' })).field).toBe('--duration');
    expect(specError(() => planRun(null, { samples: '1' })).message).toMatch(/--samples: must be at least 2/);
    expect(specError(() => planRun(null, { nodelay: 'maybe' })).message).toMatch(/--nodelay: must be on, off or on,off/);
    expect(specError(() => planRun(null, { recv: 'single' })).message).toMatch(/--recv: must be mirror or single:BYTES/);
  });

  it('reads sweepable switches and a reproducible shuffle seed', () => {
    const plan = planRun(null, { nodelay: 'on,off', recv: 'mirror,single:64k', affinity: 'same,split', shuffle: 'nightly' });
    expect(plan.axes.nodelay).toEqual([true, false]);
    expect(plan.axes.recv).toEqual([{ kind: 'mirror' }, { kind: 'single', bytes: 65536 }]);
    expect(plan.axes.affinity).toEqual(['same', 'split']);
    expect(plan.shuffleSeed).toBe(planRun(null, { shuffle: 'nightly' }).shuffleSeed);
    expect(planRun(null, { shuffle: '42' }).shuffleSeed).toBe(42);
  });
});
