import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The Windows suite runs under Wine with its own config (npm run test:windows).
    exclude: [...configDefaults.exclude, 'test/windows/**'],
    // Integration tests share two cores and loopback: run files one at a time so their
    // measurements and socket limits do not fight each other.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
