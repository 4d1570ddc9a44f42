/** Every I/O model this platform offers, on a small grid that still shows small and large buffers. */
import { definePreset } from '../src/grid/preset.js';

export default definePreset({
  name: 'models',
  description: 'every available model × gather/coalesce/sequential × buffers 1,16 × sizes 64 B, 16 KiB × connections 1,4',
  axes: {
    models: 'available',
    strategies: ['gather', 'coalesce', 'sequential'],
    buffers: [1, 16],
    sizes: [64, 16384],
    connections: [1, 4],
  },
});
