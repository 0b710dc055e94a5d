import type { UnitPosterior } from './intent-model.js';

/**
 * Ranker features read from the unit classifier (intent model) posterior: per candidate its probability, its
 * log-probability, 1/(1 + rank) and its log gap to the most probable unit; per query the largest probability and the
 * normalised entropy (how sure the classifier is that SOME unit is meant: answerability reads them).
 */
export const INTENT_FEATURE_NAMES = [
  'intent_p',
  'intent_log_p',
  'intent_rr',
  'intent_log_gap',
  'intent_max',
  'intent_entropy',
] as const;

/** log(p) floor: a probability under 1e-6 says "not this unit" as well as 1e-12 does, without a −27 outlier. */
const LOG_FLOOR = Math.log(1e-6);

/** The intent features of one candidate unit (a neutral row when there is no posterior, e.g. no query vector). */
export function intentFeatures(post: UnitPosterior | undefined, unitId: string): number[] {
  if (!post) return [0, LOG_FLOOR, 0, LOG_FLOOR, 0, 1];
  const p = post.probability(unitId);
  const logP = Math.max(LOG_FLOOR, Math.log(p));
  return [p, logP, 1 / (1 + post.rank(unitId)), logP - Math.max(LOG_FLOOR, Math.log(post.max)), post.max, post.entropy];
}
