import { FeedbackSchema, type Feedback, type FeedbackStore } from '../../src/core/feedback.js';

/** Keeps feedback in memory (tests): one current vote per (turnId, voterId), like the real stores. */
export class MemoryFeedbackStore implements FeedbackStore {
  readonly items: Feedback[] = [];
  async vote(feedback: Feedback): Promise<void> {
    const record = FeedbackSchema.parse({ ...feedback, at: feedback.at ?? new Date().toISOString() });
    const at = this.items.findIndex((f) => f.turnId === record.turnId && f.voterId === record.voterId);
    if (at >= 0) this.items.splice(at, 1);
    this.items.push(record);
  }
  async list(): Promise<Feedback[]> {
    return [...this.items].reverse();
  }
}
