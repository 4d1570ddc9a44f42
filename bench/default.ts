/**
 * The default sweep (`npm run bench`): every strategy over buffer counts 1–64, buffer sizes
 * 64 B–64 KiB and 1, 4 and 16 connections, on the default model. 378 cells.
 */
import { definePreset } from '../src/grid/preset.js';

export default definePreset({
  name: 'default',
  description: 'buffers 1..64 × sizes 64 B..64 KiB × connections 1,4,16 × gather/coalesce/sequential, overlapped-event',
  axes: {
    models: ['overlapped-event'],
    strategies: ['gather', 'coalesce', 'sequential'],
    buffers: [1, 2, 4, 8, 16, 32, 64],
    sizes: [64, 256, 1024, 4096, 16384, 65536],
    connections: [1, 4, 16],
  },
});
