import { defineConfig } from 'vitest/config';
import { useHermeticEnv } from './test/hermetic-env.js';

useHermeticEnv();

/**
 * `npm run test:reliability`: the issue-9 reliability suite. Each file starts the real server as a child process,
 * so it is kept out of `npm test` (90 s budget). `RELIABILITY_SCALE` (default 1; CI 0.2) sizes the loops.
 */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One file at a time: each runs its own server, timings (healthz latency, drain) are measured, and the
    // machine has 2 cores — two servers at once would measure each other.
    maxWorkers: 1,
    fileParallelism: false,
    // test/global-setup.ts builds `.index` (copied into each server's temp INDEX_DIR); ours builds the bundle.
    globalSetup: ['test/global-setup.ts', 'test/reliability/helpers/global-setup.ts'],
  },
});
