import { z } from 'zod';

/** What staff decided about a cluster of visitor questions. */
export const REVIEW_ACTIONS = ['accept', 'not_covered', 'dismiss'] as const;

export const ReviewDecisionSchema = z.object({
  /** Stable key of the cluster (derived from its member questions). */
  clusterKey: z.string().min(1).max(256),
  action: z.enum(REVIEW_ACTIONS),
  /** With `accept`: the answer unit the alternate question is added to. */
  unitId: z.string().min(1).max(256).optional(),
  /** With `accept`: the alternate question added to the bank. */
  question: z.string().min(1).max(500).optional(),
  /** Who decided (admin login name, or "cli"). */
  by: z.string().min(1).max(128),
  /** ISO time. */
  at: z.string(),
});
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

/** Port: stored review decisions; accepted questions feed the next question-bank build. */
export interface ReviewStore {
  decide(decision: ReviewDecision): Promise<void>;
  /** All decisions, newest first. */
  list(): Promise<ReviewDecision[]>;
}
