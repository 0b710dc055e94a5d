import { ReviewDecisionSchema, type ReviewDecision, type ReviewStore } from '../../core/review.js';

/** Review decisions in memory (tests, `DATABASE_URL=memory:`): append-only, listed newest first. */
export class MemoryReviewStore implements ReviewStore {
  private readonly decisions: ReviewDecision[] = [];

  async decide(decision: ReviewDecision): Promise<void> {
    const d = ReviewDecisionSchema.parse(decision);
    this.decisions.push({ ...d, at: new Date(d.at).toISOString() });
  }

  async list(): Promise<ReviewDecision[]> {
    // Stable sort of the reversed history: newest `at` first, later insertions first within one `at`.
    return structuredClone([...this.decisions].reverse().sort((a, b) => b.at.localeCompare(a.at)));
  }
}
