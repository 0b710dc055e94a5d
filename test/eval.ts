/**
 * `npm run test:eval`: the eval suite (`evals/cli.ts`, same flags) in the tests' hermetic environment: the index that
 * `test/prepare.ts` built, an in-memory store, and its review-page summary in the temporary folder, never in data/.
 */
import { useHermeticEnv } from './hermetic-env.js';

useHermeticEnv();
await import('../evals/cli.js');
