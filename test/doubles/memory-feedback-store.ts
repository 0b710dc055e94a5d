import { FeedbackSchema, type Feedback, type FeedbackStore } from '../../src/core/feedback.js';

/** Keeps feedback in memory (tests). */
export class MemoryFeedbackStore implements FeedbackStore {
  readonly items: Feedback[] = [];
  async add(feedback: Feedback): Promise<void> {
    this.items.push(FeedbackSchema.parse({ ...feedback, at: feedback.at ?? new Date().toISOString() }));
  }
  async list(): Promise<Feedback[]> {
    return [...this.items];
  }
}
