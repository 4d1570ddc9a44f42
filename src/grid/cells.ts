/** Expansion of sweep axes into the ordered list of cells a run measures. */
import { cellKey } from '../csv/schema.js';
import type { Affinity, Direction, Mode, ModelName, RecvShape, Strategy } from '../types.js';
import { recvShapeLabel, type GridAxes } from './axes.js';

/** One point of the grid: everything that distinguishes it from its neighbours. */
export interface GridCell {
  model: ModelName;
  strategy: Strategy;
  /** N: buffers in one message. */
  buffers: number;
  /** Bytes in each buffer. */
  bufferBytes: number;
  connections: number;
  depth: number;
  recv: RecvShape;
  mode: Mode;
  direction: Direction;
  nodelay: boolean;
  affinity: Affinity;
  /** `NxBYTES`, e.g. `16x64`: the message layout, shared by the strategies compared on it. */
  shape: string;
  /** Stable key (see `cellKey`), the same for the same cell in every run. */
  key: string;
}

/** `NxBYTES`: N buffers of BYTES each. */
export function shapeLabel(buffers: number, bufferBytes: number): string {
  return `${buffers}x${bufferBytes}`;
}

/** Sizes of the N separate source buffers of a cell's message. */
export function bufferSizes(cell: Pick<GridCell, 'buffers' | 'bufferBytes'>): number[] {
  return new Array<number>(cell.buffers).fill(cell.bufferBytes);
}

/** Builds a cell from its coordinates, filling `shape` and `key`. */
export function makeCell(c: Omit<GridCell, 'shape' | 'key'>): GridCell {
  const shape = shapeLabel(c.buffers, c.bufferBytes);
  const key = cellKey({
    model: c.model,
    strategy: c.strategy,
    buffers: c.buffers,
    shape,
    uniformBytes: c.bufferBytes,
    connections: c.connections,
    depth: c.depth,
    mode: c.mode,
    direction: c.direction,
    recvShape: recvShapeLabel(c.recv),
    nodelay: c.nodelay,
    affinity: c.affinity,
  });
  return { ...c, shape, key };
}

/**
 * Every combination of the axes, in a fixed order: model, mode, direction, receive shape, affinity, nodelay,
 * connections, depth, buffer size, buffer count, then strategy innermost, so the strategies of one
 * shape run back to back and their ratios see the same machine state.
 */
export function expandGrid(axes: GridAxes & { models: ModelName[] }): GridCell[] {
  const cells: GridCell[] = [];
  for (const model of axes.models)
    for (const mode of axes.modes)
      for (const direction of axes.directions)
        for (const recv of axes.recv)
          for (const affinity of axes.affinity)
            for (const nodelay of axes.nodelay)
              for (const connections of axes.connections)
                for (const depth of axes.depths)
                  for (const bufferBytes of axes.sizes)
                    for (const buffers of axes.buffers)
                      for (const strategy of axes.strategies)
                        cells.push(
                          makeCell({ model, strategy, buffers, bufferBytes, connections, depth, recv, mode, direction, nodelay, affinity }),
                        );
  return cells;
}
