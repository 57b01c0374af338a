import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium (playwright-core) driving the renderer through browser mode.
// One file at a time: each test starts its own terminal (host + embedded simulator + SQLite).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
