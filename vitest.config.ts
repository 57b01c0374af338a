import { defineConfig } from 'vitest/config';

// Unit and integration tests: real SQLite files and real loopback HTTP, run in parallel.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
