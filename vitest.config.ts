import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser end-to-end tests have their own script (npm run test:browser): `npm test` must run without Chromium.
    exclude: ['test/**/*.browser.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The embedding model is CPU-heavy and the machine has 2 cores: a couple of workers is faster than many.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
