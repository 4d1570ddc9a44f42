/**
 * A smoke sweep for CI: well under a minute, every strategy, small and large buffers, one and
 * several connections, every byte verified.
 */
import { definePreset } from '../src/grid/preset.js';

export default definePreset({
  name: 'quick',
  description: 'smoke test: buffers 1,16 × sizes 64 B, 16 KiB × connections 1,4 × all strategies, verified, short samples',
  axes: {
    models: ['overlapped-event'],
    strategies: ['gather', 'coalesce', 'sequential'],
    buffers: [1, 16],
    sizes: [64, 16384],
    connections: [1, 4],
  },
  sample: { durationMs: 100 },
  samples: 10,
  warmupMs: 100,
  verify: true,
});
