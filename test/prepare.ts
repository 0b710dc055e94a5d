/**
 * `npm test`'s first step: the bundles and the hermetic index (see hermetic-env.ts), built once before lint, types,
 * vitest and the eval suite run in parallel. Without it a fresh clone built the index twice at once (vitest's global
 * setup into the hermetic folder, the eval suite into .index): two ~18 s embedding runs competing for 2 cores.
 * Lint and the type check need neither, so `npm test` runs them beside this step (`test:run` = this, then vitest and
 * the eval suite): the index build keeps one core busy, and on a fresh clone the cold tsc and lint fill the other.
 */
import { useHermeticEnv } from './hermetic-env.js';

useHermeticEnv();
const { default: setup } = await import('./global-setup.js');
await setup();
