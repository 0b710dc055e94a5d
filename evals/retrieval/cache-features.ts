/** `tsx evals/retrieval/cache-features.ts`: computes and caches the ranker's training rows (see train-features.ts). */
import { loadDevStack } from './dev-stack.js';
import { loadLabelledQueries } from './train-data.js';
import { trainingItems } from './train-features.js';

const started = performance.now();
const stack = await loadDevStack();
const items = await trainingItems(stack, await loadLabelledQueries(stack.data));
process.stderr.write(`${items.length} queries in ${Math.round(performance.now() - started)} ms\n`);
process.exit(0);
