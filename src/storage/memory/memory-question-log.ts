import {
  QuestionLogEntrySchema,
  type QuestionLog,
  type QuestionLogEntry,
  type QuestionLogQuery,
} from '../../core/question-log.js';

/** The question log in memory (tests, evals, `DATABASE_URL=memory:`); same semantics as the SQL log. */
export class MemoryQuestionLog implements QuestionLog {
  private readonly entries = new Map<string, QuestionLogEntry>();

  async append(entry: QuestionLogEntry): Promise<void> {
    const e = QuestionLogEntrySchema.parse(entry);
    if (!this.entries.has(e.turnId)) this.entries.set(e.turnId, { ...e, at: new Date(e.at).toISOString() });
  }

  async get(turnId: string): Promise<QuestionLogEntry | undefined> {
    const e = this.entries.get(turnId);
    return e && structuredClone(e);
  }

  async list(query: QuestionLogQuery = {}): Promise<QuestionLogEntry[]> {
    const since = query.since && new Date(query.since).toISOString();
    const max = query.maxConfidence;
    const matching = [...this.entries.values()]
      .filter(
        (e) =>
          (!query.kinds || query.kinds.includes(e.kind)) &&
          (!since || e.at >= since) &&
          (max === undefined || e.confidence === undefined || e.confidence < max),
      )
      .sort((a, b) => b.at.localeCompare(a.at) || b.turnId.localeCompare(a.turnId));
    return structuredClone(query.limit === undefined ? matching : matching.slice(0, query.limit));
  }

  async purgeBefore(beforeIso: string): Promise<number> {
    const before = new Date(beforeIso).toISOString();
    let purged = 0;
    for (const [id, e] of this.entries) {
      if (e.at < before) {
        this.entries.delete(id);
        purged++;
      }
    }
    return purged;
  }
}
