import type { BoostOptions } from '../../src/learn/boosted-trees.js';
import type { Variant } from './rank-variant.js';

/**
 * Boosted-tree settings tried on top of the linear ranker (rank-variants.ts): depth 3 and shrinkage 0.1 are the
 * usual LambdaMART starting point; λ = 1 and a child hessian of at least 1 stop leaves fitting a few candidates;
 * 32 quantile bins; 70 % of the rows per tree. The number of rounds is chosen by dev CV.
 */
export const BOOST: Omit<BoostOptions, 'seed'> = {
  rounds: 200,
  depth: 3,
  learningRate: 0.1,
  l2: 1,
  minChildHessian: 1,
  bins: 32,
  subsample: 0.7,
};

/** The variant `npm run answer:train` ships (chosen on dev CV; see the README, Retrieval quality). */
export const SHIPPED: Variant = { name: 'linear, bank w 1', bankWeight: 1 };

/**
 * The unit classifier (intent model) the shipped ranker reads, or `undefined` for none. Round 8 measured it (dev CV
 * 71.0 ± 4.5 → 71.7 ± 3.6 %, inside the spread; held-out quarter 73.8 → 73.4 %, no_answer precision 86.9 → 86.8 %;
 * README, Retrieval quality), so it is not shipped; `{ sentenceWeight: 0 }` here and `npm run answer:train` would
 * ship it (writing src/answer/intent-weights.json beside the ranker weights).
 */
export const SHIPPED_INTENT: { sentenceWeight: number } | undefined = undefined;
