import { defineConfig } from 'vitest/config';
import { useHermeticEnv } from './test/hermetic-env.js';

useHermeticEnv();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser end-to-end and reliability tests have their own scripts: `npm test` must run without Chromium.
    exclude: ['test/**/*.browser.test.ts', 'test/reliability/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The embedding model is CPU-heavy and the machine has 2 cores: a couple of workers is faster than many.
    maxWorkers: 2,
    // One module registry per worker instead of per file: the model, index and classifier load once per worker, not
    // once per file (vitest's import time fell from ~50 s to ~13 s; `npm test` from ~127 s to ~80 s). Tests inject
    // their fakes and settings, so no file depends on a fresh module state.
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-vector-caches.ts'],
  },
});
