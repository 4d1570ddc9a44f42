import type { ModelName } from '../../src/types.js';

/** The shapes every transfer test runs: edge counts, odd sizes, the IOV_MAX limit, > 64 KiB buffers. */
export const SHAPES: Record<string, number[]> = {
  '1x1B': [1],
  '16x64B': Array(16).fill(64),
  '7 odd sizes': [1, 3, 17, 255, 1000, 4097, 65_521],
  '1024x1B': Array(1024).fill(1),
  '4x65537B': Array(4).fill(65_537),
};

export const LINUX_MODELS: ModelName[] = ['blocking', 'readiness', 'overlapped-event', 'overlapped-callback', 'completion-port'];
export const DEPTH_MODELS = new Set<ModelName>(['overlapped-event', 'overlapped-callback', 'completion-port']);
