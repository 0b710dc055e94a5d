import { FeedbackSchema, type Feedback, type FeedbackQuery, type FeedbackStore } from '../../core/feedback.js';

/** Feedback in memory (tests, evals, `DATABASE_URL=memory:`): one current vote per (turnId, voterId). */
export class MemoryFeedbackStore implements FeedbackStore {
  /** Current votes, oldest change first (tests read it directly). */
  readonly items: Feedback[] = [];

  async vote(feedback: Feedback): Promise<void> {
    const parsed = FeedbackSchema.parse(feedback);
    const record = { ...parsed, at: new Date(parsed.at ?? Date.now()).toISOString() };
    const at = this.items.findIndex((f) => f.turnId === record.turnId && f.voterId === record.voterId);
    if (at >= 0) this.items.splice(at, 1);
    this.items.push(record);
  }

  async list(query: FeedbackQuery = {}): Promise<Feedback[]> {
    const since = query.since && new Date(query.since).toISOString();
    const matching = this.items
      .filter((f) => (!query.rating || f.rating === query.rating) && (!since || (f.at ?? '') >= since))
      .sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '') || b.turnId.localeCompare(a.turnId));
    return structuredClone(query.limit === undefined ? matching : matching.slice(0, query.limit));
  }
}
