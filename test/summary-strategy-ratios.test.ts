import { describe, expect, it } from 'vitest';
import { makeCell } from '../src/grid/cells.js';
import { compareStrategies, summaryLines, type SummaryCell } from '../src/runner/summary.js';
import type { Strategy } from '../src/types.js';

function measured(strategy: Strategy, buffers: number, bufferBytes: number, connections: number, gbit: number): SummaryCell {
  const cell = makeCell({
    model: 'overlapped-event',
    strategy,
    buffers,
    bufferBytes,
    connections,
    depth: 1,
    recv: { kind: 'mirror' },
    mode: 'sink',
    nodelay: true,
    affinity: 'none',
  });
  return { cell, stats: { bytesPerS: (gbit * 1e9) / 8, rmePct: 1.25 } };
}

describe('summary: gather against the other strategies per shape', () => {
  const cells = [
    measured('gather', 16, 64, 1, 2),
    measured('coalesce', 16, 64, 1, 4),
    measured('sequential', 16, 64, 1, 0.5),
    measured('gather', 16, 65536, 4, 60),
    measured('coalesce', 16, 65536, 4, 40),
    measured('sequential', 16, 65536, 4, 30),
    measured('gather', 1, 64, 1, 1),
  ];

  it('computes gather/coalesce and gather/sequential for every shape', () => {
    const shapes = compareStrategies(cells);
    expect(shapes.map((s) => [s.shape, s.connections, s.gatherOverCoalesce, s.gatherOverSequential])).toEqual([
      ['1x64', 1, null, null],
      ['16x64', 1, 0.5, 4],
      ['16x65536', 4, 1.5, 2],
    ]);
  });

  it('lists the fastest cells first and prints one ratio line per compared shape', () => {
    const text = summaryLines(cells).join('\n');
    const fastest = text.split('\n')[2] ?? '';
    expect(fastest).toMatch(/60\.0\s+±1\.3%\s+model=overlapped-event\/strategy=gather\/buffers=16\/bytes=65536\/connections=4/);
    expect(text).toMatch(/overlapped-event\s+1\s+16x64\s+2\.00\s+4\.00\s+0\.500\s+0\.50×\s+4\.00×/);
    expect(text).toMatch(/overlapped-event\s+4\s+16x65536\s+60\.0\s+40\.0\s+30\.0\s+1\.50×\s+2\.00×/);
    expect(text).not.toMatch(/\s1x64\s+1\.00\s+-/);
  });
});
