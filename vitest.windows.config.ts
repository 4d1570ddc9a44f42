import { defineConfig } from 'vitest/config';

// The Windows suite: the Windows builds run under Wine. scripts/test-windows.sh builds them, sets
// SGBENCH_WIN_EXE, SGBENCH_WIN_ADDON and SGBENCH_WIN_NODE, and prepares the Wine prefix;
// `npm test` excludes this folder.
export default defineConfig({
  test: {
    include: ['test/windows/*.test.ts'],
    fileParallelism: false,
    // Two Wine cells at a time: wineserver serialises much of the work, two keep both cores busy.
    maxConcurrency: 2,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
