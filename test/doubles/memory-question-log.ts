import {
  QuestionLogEntrySchema,
  type QuestionLog,
  type QuestionLogEntry,
  type QuestionLogQuery,
} from '../../src/core/question-log.js';

/** Keeps the question log in memory (tests), filtering like the real stores. */
export class MemoryQuestionLog implements QuestionLog {
  readonly items: QuestionLogEntry[] = [];
  async append(entry: QuestionLogEntry): Promise<void> {
    this.items.push(QuestionLogEntrySchema.parse(entry));
  }
  async get(turnId: string): Promise<QuestionLogEntry | undefined> {
    return this.items.find((e) => e.turnId === turnId);
  }
  async list(query: QuestionLogQuery = {}): Promise<QuestionLogEntry[]> {
    const { kinds, since, maxConfidence, limit } = query;
    const out = this.items
      .filter((e) => !kinds || kinds.includes(e.kind))
      .filter((e) => !since || e.at >= since)
      .filter((e) => maxConfidence === undefined || e.confidence === undefined || e.confidence < maxConfidence)
      .sort((a, b) => b.at.localeCompare(a.at));
    return limit === undefined ? out : out.slice(0, limit);
  }
  async purgeBefore(beforeIso: string): Promise<number> {
    const before = this.items.length;
    this.items.splice(0, this.items.length, ...this.items.filter((e) => e.at >= beforeIso));
    return before - this.items.length;
  }
}
