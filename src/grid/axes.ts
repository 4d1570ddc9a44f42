/** The axes of a sweep: every combination of their values is one cell. */
import type { Affinity, Direction, Mode, ModelName, RecvShape, Strategy } from '../types.js';

/** The values swept on each axis. Cells are the cartesian product of all of them. */
export interface GridAxes {
  /** Explicit models, or `available`: every model this platform offers (the others are skipped with a note). */
  models: ModelName[] | 'available';
  strategies: Strategy[];
  /** Buffer counts N of one message. */
  buffers: number[];
  /** Size in bytes of each of the N buffers. */
  sizes: number[];
  connections: number[];
  depths: number[];
  recv: RecvShape[];
  modes: Mode[];
  directions: Direction[];
  nodelay: boolean[];
  affinity: Affinity[];
}

/** The axes of a grid that lists nothing but one gather cell; presets and flags replace them. */
export const DEFAULT_AXES: GridAxes = {
  models: ['overlapped-event'],
  strategies: ['gather', 'coalesce', 'sequential'],
  buffers: [1],
  sizes: [4096],
  connections: [1],
  depths: [1],
  recv: [{ kind: 'mirror' }],
  modes: ['sink'],
  directions: ['forward'],
  nodelay: [true],
  affinity: ['none'],
};

/** `mirror` or `single:BYTES`, as in `--recv` and the `recv_shape` column. */
export function recvShapeLabel(recv: RecvShape): string {
  return recv.kind === 'mirror' ? 'mirror' : `single:${recv.bytes}`;
}
