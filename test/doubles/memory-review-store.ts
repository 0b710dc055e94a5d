import { ReviewDecisionSchema, type ReviewDecision, type ReviewStore } from '../../src/core/review.js';

/** Keeps review decisions in memory (tests). */
export class MemoryReviewStore implements ReviewStore {
  readonly items: ReviewDecision[] = [];
  async decide(decision: ReviewDecision): Promise<void> {
    this.items.push(ReviewDecisionSchema.parse(decision));
  }
  async list(): Promise<ReviewDecision[]> {
    return [...this.items].reverse();
  }
}
