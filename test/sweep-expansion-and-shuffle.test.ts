import { describe, expect, it } from 'vitest';
import { expandGrid } from '../src/grid/cells.js';
import { DEFAULT_AXES } from '../src/grid/axes.js';
import { seededShuffle } from '../src/grid/shuffle.js';
import { planRun } from '../src/grid/plan.js';
import { PRESETS } from '../src/grid/presets.js';
import type { ModelName } from '../src/types.js';

describe('sweep expansion and seeded shuffle', () => {
  it('expands the default preset to 7 × 6 × 3 × 3 = 378 distinct cells, strategies adjacent', () => {
    const plan = planRun(PRESETS.default ?? null, {});
    const cells = expandGrid({ ...plan.axes, models: plan.axes.models as ModelName[] });
    expect(cells).toHaveLength(378);
    expect(new Set(cells.map((c) => c.key)).size).toBe(378);
    expect(cells.slice(0, 3).map((c) => c.strategy)).toEqual(['gather', 'coalesce', 'sequential']);
    expect(cells[0]?.key).toBe('model=overlapped-event/strategy=gather/buffers=1/bytes=64/connections=1/depth=1');
    expect(cells[0]?.shape).toBe('1x64');
  });

  it('puts non-default settings into the key', () => {
    const [cell] = expandGrid({
      ...DEFAULT_AXES,
      models: ['blocking'],
      strategies: ['sequential'],
      buffers: [16],
      sizes: [64],
      modes: ['echo'],
      nodelay: [false],
      affinity: ['split'],
      recv: [{ kind: 'single', bytes: 4096 }],
    });
    expect(cell?.key).toBe(
      'model=blocking/strategy=sequential/buffers=16/bytes=64/connections=1/depth=1/mode=echo/recv=single:4096/nodelay=false/affinity=split',
    );
  });

  it('shuffles to the same order for the same seed and to another for another seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = seededShuffle(items, 7);
    expect(seededShuffle(items, 7)).toEqual(a);
    expect(seededShuffle(items, 8)).not.toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(a).not.toEqual(items);
  });
});
