import { defineConfig } from 'vitest/config';
import { useHermeticEnv } from './test/hermetic-env.js';

useHermeticEnv();

/** End-to-end tests in Debian Chromium (`npm run test:browser`); `.ci/run` installs chromium first. */
export default defineConfig({
  test: {
    include: ['test/**/*.browser.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 1,
    globalSetup: ['test/global-setup.ts'],
  },
});
