import { z } from 'zod';
import { RefusalCategorySchema, ReplyKindSchema } from './reply.js';

/** One logged turn: what a visitor asked and what kind of reply they got. */
export const QuestionLogEntrySchema = z.object({
  /** The reply's `meta.turnId`; feedback refers to it. */
  turnId: z.string().min(1).max(128),
  conversationId: z.string().min(1).max(256),
  /** ISO time of the turn. */
  at: z.string(),
  channel: z.string().min(1).max(32),
  kind: ReplyKindSchema,
  category: RefusalCategorySchema.optional(),
  /** Retrieval confidence 0–1, when retrieval ran. */
  confidence: z.number().min(0).max(1).optional(),
  /** The visitor's question; `null` for crisis turns, which are never stored with their text. */
  question: z.string().max(4000).nullable(),
  /** The text of the reply (null for crisis turns), so reviewers see what was answered. */
  answer: z.string().max(20000).nullable(),
  /** Ids of the answer units cited in the reply, in citation order. */
  unitIds: z.array(z.string()),
});
export type QuestionLogEntry = z.infer<typeof QuestionLogEntrySchema>;

/** Filter for {@link QuestionLog.list}. */
export interface QuestionLogQuery {
  kinds?: readonly QuestionLogEntry['kind'][];
  /** ISO time; only entries at or after it. */
  since?: string;
  /** Only entries with confidence below this (entries without a confidence are kept). */
  maxConfidence?: number;
  limit?: number;
}

/** Port: the question log staff review. `append` resolves only once the entry is durable. */
export interface QuestionLog {
  append(entry: QuestionLogEntry): Promise<void>;
  get(turnId: string): Promise<QuestionLogEntry | undefined>;
  /** Entries newest first. */
  list(query?: QuestionLogQuery): Promise<QuestionLogEntry[]>;
  /** Deletes entries older than `beforeIso` (retention); returns how many. */
  purgeBefore(beforeIso: string): Promise<number>;
}
